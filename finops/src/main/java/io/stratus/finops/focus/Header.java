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
  /** Lower-case name to every position, for the names that occur more than once. */
  private final Map<String, List<Integer>> repeated = new HashMap<>();
  private final List<String> duplicates = new ArrayList<>();

  Header(List<String> names) {
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      String key = names.get(i).trim().toLowerCase(Locale.ROOT);
      Integer first = index.putIfAbsent(key, i);
      if (first != null) {
        repeated.computeIfAbsent(key, k -> new ArrayList<>(List.of(first))).add(i);
      }
    }
  }

  /**
   * The columns a format reads that occur more than once in the header (ignoring case), each as
   * {@code "Name (columns 1, 15)"}; a file with any is refused, since the copies may disagree. Repeated columns that
   * no format reads are accepted.
   */
  List<String> duplicates() {
    return duplicates;
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
      String key = a.toLowerCase(Locale.ROOT);
      Integer i = index.get(key);
      if (i != null) {
        List<Integer> all = repeated.get(key);
        if (all != null) {
          StringBuilder sb = new StringBuilder(names.get(i).trim()).append(" (columns ");
          for (int k = 0; k < all.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(all.get(k) + 1);
          }
          String d = sb.append(')').toString();
          if (!duplicates.contains(d)) {
            duplicates.add(d);
          }
        }
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
