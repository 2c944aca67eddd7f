package io.stratus.scheduler;

import org.apiguardian.api.API;

/**
 * The built-in objectives a scheduler scores candidates by. Each is turned into a score where higher is better and
 * normalized across the feasible candidates of one decision.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Objective {
  /** Expected hourly cost: the marginal price, plus the interruption rate as a surcharge for spot. Lower is better. */
  COST("cost"),
  /** Predicted CPU score per vCPU (1.0 = reference core). Higher is better. */
  CPU("cpu"),
  /** Predicted p95 round-trip latency to the workload's farthest user location. Lower is better. */
  LATENCY("latency"),
  /** Predicted monthly failure or interruption probability. Lower is better. */
  RELIABILITY("reliability");

  private final String pluginName;

  Objective(String pluginName) {
    this.pluginName = pluginName;
  }

  /**
   * The name under which this objective appears in an {@link Explanation}.
   *
   * @return the name; never null
   */
  public String pluginName() {
    return pluginName;
  }
}
