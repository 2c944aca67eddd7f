package io.stratus.finops.focus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON helpers for tag columns. Thread-safe (the mapper is never reconfigured). */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Parses a JSON object of tags into a map; values that are not strings keep their JSON text. Azure writes the object
   * without its braces ({@code "a": "b","c": "d"}), which is accepted too.
   */
  /** A value as JSON text (tags written to a FOCUS cell). */
  static String write(String column, Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(column + " cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  static Map<String, String> tags(String column, String text) throws RowException {
    String t = text.trim();
    if (t.isEmpty() || t.equals("{}")) {
      return Map.of();
    }
    if (t.charAt(0) != '{') {
      t = "{" + t + "}";
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(t);
    } catch (JsonProcessingException e) {
      throw new RowException(column, "bad JSON object", text);
    }
    if (node == null || !node.isObject()) {
      throw new RowException(column, "bad JSON object", text);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      if (e.getKey().isBlank() || v.isNull()) {
        continue;
      }
      out.put(e.getKey(), v.isTextual() ? v.textValue() : v.toString());
    }
    return out;
  }

  /** Caches parsed tag objects: tag texts repeat heavily in billing files. Not thread-safe. */
  static final class TagCache {
    private final Map<String, Map<String, String>> cache = new HashMap<>();

    Map<String, String> parse(String column, String text) throws RowException {
      Map<String, String> m = cache.get(text);
      if (m == null) {
        m = FrozenTags.copyOf(tags(column, text));
        if (cache.size() > 16384) {
          cache.clear();
        }
        cache.put(text, m);
      }
      return m;
    }
  }
}
