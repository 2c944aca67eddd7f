package io.stratus.scheduler.core.placement;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Receives the progress of a batch placement (an anytime search): once the starting plan is built, whenever the best
 * plan improves (at most once per few hundred steps) and once at the end. Returning false stops the search, which then
 * returns its best plan so far. Called on the thread that runs the placement; an exception thrown by the listener is
 * logged and ignored.
 *
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface PlacementListener {

  /**
   * Reports progress.
   *
   * @param progress the state of the search; never null
   * @return true to go on, false to stop now and keep the best plan so far (ignored on the final report)
   */
  boolean onProgress(PlacementProgress progress);
}
