package io.stratus.finops.forecast;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A forecast re-priced under a {@link Scenario}: the periods under the scenario, their difference from the baseline
 * with intervals, and how the scenario was priced.
 *
 * <p>Each day's forecast distribution is mapped through the scenario's cost function, which is monotone in the day's
 * cost, so a bound maps to a bound; the point value is the scenario cost of the baseline's point forecast. For
 * {@link Scenario#noChange()} the periods are the baseline's, unchanged, and every difference is zero.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scenario the scenario
 * @param baseline the forecast without it
 * @param periods the periods under the scenario, in the baseline's order
 * @param differences scenario minus baseline, per period
 * @param pricing how the scenario was priced (shares of cost moved, catalog price ratios), one line each
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ScenarioForecast(
    Scenario scenario,
    CostForecast baseline,
    List<PeriodForecast> periods,
    List<PeriodDifference> differences,
    List<String> pricing) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public ScenarioForecast {
    Objects.requireNonNull(scenario, "scenarioForecast.scenario");
    Objects.requireNonNull(baseline, "scenarioForecast.baseline");
    periods = List.copyOf(periods);
    differences = List.copyOf(differences);
    pricing = List.copyOf(pricing);
  }
}
