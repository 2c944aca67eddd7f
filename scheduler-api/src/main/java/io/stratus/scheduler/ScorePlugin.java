package io.stratus.scheduler;

import io.stratus.model.Workload;
import org.apiguardian.api.API;

/**
 * A score step of the scheduling framework: rates a feasible candidate for a workload. The framework normalizes each
 * plugin's raw scores to [0, 1] across the feasible candidates of one decision (min-max; all equal gives 1), multiplies
 * them by the plugin's weight, and picks the candidate with the highest sum. Hosts register their plugins with a weight
 * on a scheduler's builder, next to the built-in {@link Objective objectives}.
 *
 * <p>Implementations must be thread-safe and fast: a score plugin runs for every feasible candidate.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ScorePlugin {
  /**
   * Rates one feasible candidate.
   *
   * @param workload the workload being placed; never null
   * @param candidate a candidate that passed every filter; never null
   * @return the raw score, higher is better; must be finite
   */
  double score(Workload workload, Candidate candidate);

  /**
   * The name shown in explanations.
   *
   * @return the name; never null, by default the class's simple name
   */
  default String name() {
    return getClass().getSimpleName();
  }
}
