package io.stratus.finops.focus;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable tag map that records can share: readers intern the tag sets that repeat from row to row, so millions
 * of records hold a few thousand maps. Its hash code is computed once. Immutable and thread-safe.
 */
final class FrozenTags extends AbstractMap<String, String> {
  static final FrozenTags EMPTY = new FrozenTags(new LinkedHashMap<>());

  private final Map<String, String> map;
  private final int hash;

  private FrozenTags(LinkedHashMap<String, String> owned) {
    this.map = Collections.unmodifiableMap(owned);
    this.hash = owned.hashCode();
  }

  static FrozenTags copyOf(Map<String, String> tags) {
    if (tags instanceof FrozenTags) {
      return (FrozenTags) tags;
    }
    return tags.isEmpty() ? EMPTY : new FrozenTags(new LinkedHashMap<>(tags));
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return map.entrySet();
  }

  @Override
  public String get(Object key) {
    return map.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(key);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Interns equal tag maps to one shared instance; bounded. Not thread-safe. */
  static final class Interner {
    private final Map<Map<String, String>, FrozenTags> seen = new java.util.HashMap<>();

    FrozenTags intern(Map<String, String> tags) {
      if (tags.isEmpty()) {
        return EMPTY;
      }
      FrozenTags f = seen.get(tags);
      if (f == null) {
        f = copyOf(tags);
        if (seen.size() > 65536) {
          seen.clear();
        }
        seen.put(f, f);
      }
      return f;
    }
  }
}
