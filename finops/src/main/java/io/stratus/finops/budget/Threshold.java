package io.stratus.finops.budget;

import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A line in a budget, as a percentage of its amount, on actual or on forecast spend, with the control applied once it
 * is crossed, e.g. "80% of actual: notify", "100% of forecast: require approval", "100% of actual: deny placements".
 *
 * <p>Immutable and thread-safe.
 *
 * @param basis what is compared with the line; never null
 * @param percent the line in percent of the budget amount; positive; never null
 * @param action the control once crossed; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Threshold(Basis basis, BigDecimal percent, Action action) {

  /**
   * What spend a threshold watches.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Basis {
    /** Spend so far in the period. */
    ACTUAL,
    /** Spend expected by the end of the period. */
    FORECAST
  }

  /**
   * The control a crossed threshold applies, from the mildest.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Action {
    /** Alert only. */
    NOTIFY,
    /** Alert, and new spend in the scope needs an approved request. */
    REQUIRE_APPROVAL,
    /** Alert, and new placements in the scope are refused. */
    DENY_PLACEMENTS
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the percentage is not positive
   */
  public Threshold {
    Objects.requireNonNull(basis, "threshold.basis");
    Objects.requireNonNull(percent, "threshold.percent");
    Objects.requireNonNull(action, "threshold.action");
    if (percent.signum() <= 0) {
      throw new IllegalArgumentException("threshold.percent must be positive, got " + percent);
    }
  }

  /**
   * A threshold from a percentage given as a number.
   *
   * @param basis actual or forecast; never null
   * @param percent the line in percent, e.g. 80; positive
   * @param action the control; never null
   * @return the threshold; never null
   * @throws IllegalArgumentException if the percentage is not positive
   */
  public static Threshold of(Basis basis, int percent, Action action) {
    return new Threshold(basis, BigDecimal.valueOf(percent), action);
  }

  @Override
  public String toString() {
    return percent.toPlainString() + "% of " + basis.name().toLowerCase(java.util.Locale.ROOT) + ": "
        + action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
