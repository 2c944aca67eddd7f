package io.stratus.scheduler.core.placement;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A snapshot of a running batch placement, handed to a {@link PlacementListener}: how far the search got, the cost of
 * the best plan so far, the per-workload greedy baseline it started from, and the lower bound. Costs are expected
 * hourly costs (price plus the expected cost of interruptions) in the snapshot's currency, new instances only
 * (running machines are already paid for). Immutable and thread-safe.
 *
 * @param steps local-search steps run so far, at least 0
 * @param elapsedNanos time spent so far on the configured ticker (0 when the run has no time budget)
 * @param bestCost expected hourly cost of the best plan so far, at least 0
 * @param greedyCost expected hourly cost of placing each workload alone on its cheapest feasible candidate, at least 0
 * @param lowerBound a proven lower bound on the expected hourly cost of any plan that places the same workloads
 * @param placed how many workloads the best plan places (never fewer than the greedy plan)
 * @param greedyPlaced how many workloads the greedy plan places
 * @param finished true for the last report of a run
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record PlacementProgress(
    long steps,
    long elapsedNanos,
    double bestCost,
    double greedyCost,
    double lowerBound,
    int placed,
    int greedyPlaced,
    boolean finished) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a count is negative or a cost is negative or not finite
   */
  public PlacementProgress {
    if (steps < 0) {
      throw new IllegalArgumentException("progress.steps must be >= 0, got " + steps);
    }
    if (placed < 0 || greedyPlaced < 0) {
      throw new IllegalArgumentException(
          "progress.placed and progress.greedyPlaced must be >= 0, got " + placed + " and " + greedyPlaced);
    }
    check(bestCost, "bestCost");
    check(greedyCost, "greedyCost");
    check(lowerBound, "lowerBound");
  }

  private static void check(double v, String name) {
    if (!Double.isFinite(v) || v < 0) {
      throw new IllegalArgumentException("progress." + name + " must be finite and >= 0, got " + v);
    }
  }

  /**
   * The relative gap between the best plan and the lower bound: {@code (bestCost - lowerBound) / bestCost}, 0 when
   * the best cost is 0.
   *
   * @return the gap in [0, 1]
   */
  public double gap() {
    return bestCost <= 0 ? 0 : Math.max(0, (bestCost - lowerBound) / bestCost);
  }
}
