package io.stratus.finops.focus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The column names of one file, looked up case-insensitively. Not thread-safe; one per read. */
final class Header {
  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> missing = new ArrayList<>();

  Header(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
  }

  List<String> names() {
    return names;
  }

  int size() {
    return names.size();
  }

  /** Index of the first alternative present, or -1. */
  int find(String... alternatives) {
    for (String a : alternatives) {
      Integer i = index.get(a.toLowerCase(Locale.ROOT));
      if (i != null) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first alternative present; records the column as missing (see {@link #missing()}) otherwise. */
  int require(String... alternatives) {
    int i = find(alternatives);
    if (i < 0) {
      missing.add(String.join("|", alternatives));
    }
    return i;
  }

  List<String> missing() {
    return missing;
  }

  String name(int i) {
    return i < 0 ? "?" : names.get(i);
  }

  /** Indexes of the columns whose name starts with a prefix (case-insensitive). */
  List<Integer> withPrefix(String prefix) {
    List<Integer> out = new ArrayList<>();
    String p = prefix.toLowerCase(Locale.ROOT);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).toLowerCase(Locale.ROOT).startsWith(p)) {
        out.add(i);
      }
    }
    return out;
  }
}
