package io.stratus.finops.optimize;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One fact a recommendation rests on: what was measured, its value and the rule it was held against.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name what was measured, e.g. {@code p95 CPU}
 * @param value the observed value with its window, e.g. {@code 3.1% over 30 days}
 * @param rule the threshold or rule, e.g. {@code < 5% for >= 14 days}; empty when the fact is informative only
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Evidence(String name, String value, String rule) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public Evidence {
    Objects.requireNonNull(name, "evidence.name");
    Objects.requireNonNull(value, "evidence.value");
    Objects.requireNonNull(rule, "evidence.rule");
  }

  @Override
  public String toString() {
    return name + " = " + value + (rule.isEmpty() ? "" : " (rule: " + rule + ")");
  }
}
