package io.stratus.reporting.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One group's value in the previous period and in the current one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the group-by values
 * @param previous the value over the previous period of equal length (zero when the group was absent)
 * @param current the value over the query's period (zero when the group is absent now)
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Comparison(List<String> key, BigDecimal previous, BigDecimal current) {
  /** Validates and copies. */
  public Comparison {
    key = List.copyOf(Objects.requireNonNull(key, "comparison.key"));
    Objects.requireNonNull(previous, "comparison.previous");
    Objects.requireNonNull(current, "comparison.current");
  }

  /**
   * Current minus previous.
   *
   * @return the change; never null
   */
  public BigDecimal change() {
    return current.subtract(previous);
  }

  /**
   * The change relative to the previous value.
   *
   * @return the relative change (0.1 is +10%), empty when the previous value is zero
   */
  public Optional<BigDecimal> relativeChange() {
    return previous.signum() == 0 ? Optional.empty()
        : Optional.of(change().divide(previous.abs(), MathContext.DECIMAL64));
  }
}
