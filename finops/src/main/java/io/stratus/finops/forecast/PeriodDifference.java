package io.stratus.finops.forecast;

import io.stratus.model.Money;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a scenario changes one period's cost against the baseline: scenario minus baseline (negative = cheaper), with
 * the 80% and 95% intervals of that difference.
 *
 * <p>Immutable and thread-safe.
 *
 * @param label the period, as in {@link PeriodForecast#label()}
 * @param expected the difference of the point forecasts
 * @param lower80 the lower bound of the 80% interval
 * @param upper80 the upper bound of the 80% interval
 * @param lower95 the lower bound of the 95% interval
 * @param upper95 the upper bound of the 95% interval
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PeriodDifference(
    String label, Money expected, Money lower80, Money upper80, Money lower95, Money upper95) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public PeriodDifference {
    Objects.requireNonNull(label, "periodDifference.label");
    Objects.requireNonNull(expected, "periodDifference.expected");
    Objects.requireNonNull(lower80, "periodDifference.lower80");
    Objects.requireNonNull(upper80, "periodDifference.upper80");
    Objects.requireNonNull(lower95, "periodDifference.lower95");
    Objects.requireNonNull(upper95, "periodDifference.upper95");
  }
}
