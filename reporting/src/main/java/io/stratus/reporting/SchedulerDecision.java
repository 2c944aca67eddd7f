package io.stratus.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A placement the scheduler made and what it costs, next to the cheapest alternative it rejected (for the
 * technical report's "scheduler decisions and their cost").
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when it was decided
 * @param workload the workload placed
 * @param placement where (provider, region, instance type, purchase option)
 * @param hourlyCost the chosen placement's cost per hour, in the report's currency
 * @param alternativeHourlyCost the next-best candidate's cost per hour (equal to hourlyCost when there was none)
 * @param reason the scheduler's one-line explanation
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SchedulerDecision(Instant at, String workload, String placement, BigDecimal hourlyCost,
    BigDecimal alternativeHourlyCost, String reason) {
  /** Validates. */
  public SchedulerDecision {
    Objects.requireNonNull(at, "schedulerDecision.at");
    Objects.requireNonNull(workload, "schedulerDecision.workload");
    Objects.requireNonNull(placement, "schedulerDecision.placement");
    Objects.requireNonNull(hourlyCost, "schedulerDecision.hourlyCost");
    Objects.requireNonNull(alternativeHourlyCost, "schedulerDecision.alternativeHourlyCost");
    Objects.requireNonNull(reason, "schedulerDecision.reason");
  }
}
