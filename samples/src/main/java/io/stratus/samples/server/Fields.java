package io.stratus.samples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads request fields and collects every problem (field path, value as sent, rule) before failing, so a client
 * sees all its mistakes at once. Not thread-safe: one per request.
 */
final class Fields {
  private final List<ApiException.FieldError> errors = new ArrayList<>();

  void reject(String field, Object value, String rule) {
    errors.add(new ApiException.FieldError(field, value, rule));
  }

  boolean ok() {
    return errors.isEmpty();
  }

  /** Throws the collected problems as one validation error. */
  void check() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }

  /** Rejects properties the schema does not define. */
  void onlyKnown(ObjectNode node, String path, Set<String> known) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      if (!known.contains(name)) {
        reject(path + name, node.get(name), "is not a property of this object (allowed: " + known + ")");
      }
    }
  }

  Optional<String> string(ObjectNode node, String path, String name, boolean required) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        reject(path + name, null, "is required");
      }
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      reject(path + name, v, "must be a non-blank string");
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  Optional<Double> number(ObjectNode node, String path, String name, boolean required, double min,
      boolean minExclusive, double max) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        reject(path + name, null, "is required");
      }
      return Optional.empty();
    }
    if (!v.isNumber()) {
      reject(path + name, v, "must be a number");
      return Optional.empty();
    }
    double d = v.asDouble();
    boolean low = minExclusive ? !(d > min) : !(d >= min);
    if (low || d > max) {
      reject(path + name, v, "must be " + (minExclusive ? "> " : ">= ") + min + (Double.isInfinite(max) ? ""
          : " and <= " + max));
      return Optional.empty();
    }
    return Optional.of(d);
  }

  Optional<BigDecimal> decimal(JsonNode v, String field) {
    if (v == null || v.isNull()) {
      reject(field, null, "is required");
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(v.asText()));
    } catch (NumberFormatException e) {
      reject(field, v, "must be a decimal number as a string, e.g. \"1200.00\"");
      return Optional.empty();
    }
  }

  Map<String, String> labels(ObjectNode node, String path, String name) {
    JsonNode v = node.get(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      reject(path + name, v, "must be an object of string values");
      return out;
    }
    v.properties().forEach(e -> {
      if (e.getValue().isTextual() && !e.getValue().asText().isEmpty()) {
        out.put(e.getKey(), e.getValue().asText());
      } else {
        reject(path + name + "." + e.getKey(), e.getValue(), "must be a non-empty string");
      }
    });
    return out;
  }

  List<String> strings(ObjectNode node, String path, String name) {
    JsonNode v = node.get(name);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      reject(path + name, v, "must be an array of strings");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (e.isTextual() && !e.asText().isBlank()) {
        out.add(e.asText());
      } else {
        reject(path + name + "[" + i + "]", e, "must be a non-blank string");
      }
    }
    return out;
  }

  /** Converts a value with a function whose IllegalArgumentException message becomes the rule. */
  <T> Optional<T> convert(String field, Object value, Function<String, T> parse, String text) {
    try {
      return Optional.of(parse.apply(text));
    } catch (IllegalArgumentException e) {
      reject(field, value, e.getMessage() == null ? "is not valid" : e.getMessage());
      return Optional.empty();
    }
  }

  static Instant instant(String field, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, text, "must be an RFC 3339 UTC time, e.g. 2026-06-01T00:00:00Z");
    }
  }

  static Duration duration(String field, String text) {
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw ApiException.invalid(field, text, "must be a positive duration");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, text, "must be an ISO 8601 duration, e.g. PT1M");
    }
  }
}
