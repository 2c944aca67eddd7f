package io.stratus.model;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks whose messages name the field, the value and the rule. Internal to the model. */
final class Require {
  private Require() {}

  static <T> T nonNull(@Nullable T value, String field) {
    return Objects.requireNonNull(value, () -> field + " must not be null");
  }

  static String nonBlank(String value, String field) {
    nonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, got '" + value + "'");
    }
    return value;
  }

  static double finiteNonNegative(double value, String field) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
    }
    return value;
  }

  static double finitePositive(double value, String field) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException(field + " must be finite and > 0, got " + value);
    }
    return value;
  }

  static double probability(double value, String field) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be a probability in [0, 1], got " + value);
    }
    return value;
  }

  static int nonNegative(int value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, got " + value);
    }
    return value;
  }

  static <T> void noNullElements(Collection<T> values, String field) {
    nonNull(values, field);
    for (T value : values) {
      if (value == null) {
        throw new NullPointerException(field + " must not contain null elements");
      }
    }
  }

  static <K, V> void noNullEntries(Map<K, V> values, String field) {
    nonNull(values, field);
    values.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new NullPointerException(field + " must not contain null keys or values");
          }
        });
  }
}
