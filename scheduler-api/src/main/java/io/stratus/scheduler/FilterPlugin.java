package io.stratus.scheduler;

import io.stratus.model.Workload;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A filter step of the scheduling framework: says whether a candidate may host a workload, and if not, why. Hosts add
 * their own filters to a scheduler's builder; they run after the built-in ones (compliance, architecture, GPU,
 * capacity, purchase option, cost and performance limits), which can never be removed.
 *
 * <p>Implementations must be thread-safe and fast: a filter runs for every candidate that passed the built-in filters.
 * A filter that throws is a programming error and fails the decision.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface FilterPlugin {
  /**
   * Checks one candidate.
   *
   * @param workload the workload being placed; never null
   * @param candidate the candidate; never null
   * @return empty when the candidate may host the workload, else a short reason that reads well after a count, e.g.
   *     {@code "no local NVMe"} (rejections are counted by reason, so avoid per-candidate details)
   */
  Optional<String> filter(Workload workload, Candidate candidate);

  /**
   * The name shown in explanations.
   *
   * @return the name; never null, by default the class's simple name
   */
  default String name() {
    return getClass().getSimpleName();
  }
}
