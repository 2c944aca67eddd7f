package io.stratus.monitoring.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/** Argument checks whose messages name the field, the value and the rule. Not API. Stateless and thread-safe. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Checks {
  private Checks() {}

  /**
   * Fails with an NPE naming the field.
   *
   * @param value the value
   * @param field the field name
   * @param <T> the type
   * @return the value
   */
  public static <T> T nonNull(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " must not be null");
  }

  /**
   * Requires a non-blank string.
   *
   * @param value the value
   * @param field the field name
   * @return the value
   */
  public static String nonBlank(String value, String field) {
    nonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, got '" + value + "'");
    }
    return value;
  }

  /**
   * Requires a positive duration.
   *
   * @param value the value
   * @param field the field name
   * @return the value
   */
  public static Duration positive(Duration value, String field) {
    nonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0, got " + value);
    }
    return value;
  }

  /**
   * Requires a non-negative duration.
   *
   * @param value the value
   * @param field the field name
   * @return the value
   */
  public static Duration nonNegative(Duration value, String field) {
    nonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0, got " + value);
    }
    return value;
  }

  /**
   * Requires a positive int.
   *
   * @param value the value
   * @param field the field name
   * @return the value
   */
  public static int positive(int value, String field) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be > 0, got " + value);
    }
    return value;
  }

  /**
   * Requires a finite double.
   *
   * @param value the value
   * @param field the field name
   * @return the value
   */
  public static double finite(double value, String field) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be finite, got " + value);
    }
    return value;
  }

  /**
   * Requires a value in [0, 1].
   *
   * @param value the value
   * @param field the field name
   * @return the value
   */
  public static double fraction(double value, String field) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1], got " + value);
    }
    return value;
  }

  /**
   * Requires a label map without null names or values and copies it.
   *
   * @param labels the labels
   * @param field the field name, e.g. {@code rawSample.labels}
   * @return an unmodifiable copy; never null
   * @throws NullPointerException naming the field, and for a null value the label, if anything is null
   */
  public static Map<String, String> labels(Map<String, String> labels, String field) {
    nonNull(labels, field);
    labels.forEach((k, v) -> {
      nonNull(k, field + " name (a label with a null name)");
      nonNull(v, field + "['" + k + "'] (the value of label '" + k + "')");
    });
    return Map.copyOf(labels);
  }
}
