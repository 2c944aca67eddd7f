package io.stratus.simulation.scenario;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The totals of one simulated run: one scheduler, one replication. Every job ends exactly once: {@code jobs =
 * finished + failed + running}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scenario the scenario name; never null
 * @param scheduler the scheduler; never null
 * @param replication the replication number
 * @param seed the replication's seed
 * @param jobs jobs that arrived
 * @param finished jobs that ran to completion
 * @param failed jobs given up (no placement after retries)
 * @param running jobs still running or waiting at the end
 * @param sloViolations jobs that ended after their deadline, failed, or are past their deadline at the end
 * @param interruptions spot interruptions of job machines
 * @param instanceFailures machine failures (instance failures and outages) of job machines
 * @param migrations re-placements of interrupted or failed jobs
 * @param rejectedLaunches launches refused (quota, throttling, outage)
 * @param cost the effective cost in USD: on-demand and spot usage, with covered usage at the amortized commitment
 *     rate and unused commitment added; without commitments the billed usage cost; never null
 * @param costByProvider cost by cloud id; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RunResult(
    String scenario,
    SchedulerKind scheduler,
    int replication,
    long seed,
    int jobs,
    int finished,
    int failed,
    int running,
    int sloViolations,
    int interruptions,
    int instanceFailures,
    int migrations,
    int rejectedLaunches,
    BigDecimal cost,
    Map<String, BigDecimal> costByProvider) {
  /**
   * Validates the conservation rule and copies the map.
   *
   * @throws NullPointerException if a reference component is null
   * @throws IllegalArgumentException if jobs != finished + failed + running
   */
  public RunResult {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(cost, "cost");
    costByProvider = Map.copyOf(costByProvider);
    if (jobs != finished + failed + running) {
      throw new IllegalArgumentException("jobs (" + jobs + ") must equal finished + failed + running (" + finished
          + " + " + failed + " + " + running + ")");
    }
  }
}
