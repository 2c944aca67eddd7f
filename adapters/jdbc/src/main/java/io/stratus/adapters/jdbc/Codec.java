package io.stratus.adapters.jdbc;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The text encoding of string maps and lists in one column: each string as {@code <length>:<chars>}, maps as
 * alternating keys and values in key order. Unambiguous for any content, and readable in SQL. Stateless.
 */
final class Codec {
  private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

  private Codec() {}

  /** Encodes a map in key order; null when it is empty. */
  static @Nullable String encodeMap(Map<String, String> map) {
    return encodeSortedMap(inKeyOrder(map));
  }

  /**
   * A map whose iteration is in key order: the map itself when it has at most one entry, else a sorted copy. Sort once
   * and hand the result to {@link #encodeSortedMap} and {@link #encodeSortedJson} when a map is written both ways.
   */
  static Map<String, String> inKeyOrder(Map<String, String> map) {
    return map.size() > 1 ? new TreeMap<>(map) : map;
  }

  /** Encodes a map that already iterates in key order ({@link #inKeyOrder}); null when it is empty. */
  static @Nullable String encodeSortedMap(Map<String, String> sorted) {
    if (sorted.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>(sorted.size() * 2);
    sorted.forEach((k, v) -> {
      parts.add(k);
      parts.add(v);
    });
    return encodeList(parts);
  }

  /**
   * A map as a JSON object of strings in key order (FOCUS's {@code Tags} form), or null when it is empty. Strings are
   * escaped by Jackson's {@link JsonStringEncoder} (quotes, backslashes, control characters); other characters are
   * written as they are (the column is UTF-8). An unpaired surrogate, which no UTF-8 text can hold, is written as
   * {@code ?}, as the UTF-8 encoding of the {@code tags} text column writes it (a JSON column refuses it).
   *
   * @param sorted the map, iterating in key order ({@link #inKeyOrder})
   */
  static @Nullable String encodeSortedJson(Map<String, String> sorted) {
    if (sorted.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(16 * sorted.size()).append('{');
    sorted.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      jsonString(sb, k);
      sb.append(':');
      jsonString(sb, v);
    });
    return sb.append('}').toString();
  }

  /**
   * A string as a quoted JSON literal for an error message: control characters (U+0000 included) as {@code \\uXXXX}
   * or their short escapes, quotes and backslashes escaped; at most {@code max} characters of the value are shown,
   * the rest as {@code ...}.
   */
  static String quoted(String s, int max) {
    String shown = s.length() > max ? s.substring(0, max) : s;
    return '"' + new String(JSON.quoteAsString(shown)) + '"' + (shown.length() < s.length() ? "..." : "");
  }

  private static void jsonString(StringBuilder sb, String s) {
    sb.append('"');
    JSON.quoteAsString(hasSurrogate(s) ? utf8Text(s) : s, sb);
    sb.append('"');
  }

  private static boolean hasSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The string as UTF-8 text holds it: an unpaired surrogate becomes {@code ?}, pairs stay. */
  private static String utf8Text(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /** Encodes strings; an empty list is the empty string. */
  static String encodeList(List<String> parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append(p.length()).append(':').append(p);
    }
    return sb.toString();
  }

  /**
   * Decodes {@link #encodeMap}; null is the empty map.
   *
   * @throws IllegalStateException if the text is not in the encoding (written by something else)
   */
  static Map<String, String> decodeMap(@Nullable String text, String column) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    List<String> parts = decodeList(text, column);
    if (parts.size() % 2 != 0) {
      throw new IllegalStateException(column + " has a key without a value: " + text);
    }
    for (int i = 0; i < parts.size(); i += 2) {
      out.put(parts.get(i), parts.get(i + 1));
    }
    return out;
  }

  /**
   * Decodes {@link #encodeList}.
   *
   * @throws IllegalStateException if the text is not in the encoding
   */
  static List<String> decodeList(String text, String column) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int colon = text.indexOf(':', i);
      int len = -1;
      if (colon > i) {
        try {
          len = Integer.parseInt(text, i, colon, 10);
        } catch (NumberFormatException e) {
          len = -1;
        }
      }
      if (len < 0 || colon + 1 + len > text.length()) {
        throw new IllegalStateException(column + " is not in the length-prefixed encoding at offset " + i + ": "
            + text);
      }
      out.add(text.substring(colon + 1, colon + 1 + len));
      i = colon + 1 + len;
    }
    return out;
  }
}
