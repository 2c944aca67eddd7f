package io.stratus.simulation.scenario;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The schedulers a scenario can compare: the three Stratus schedulers of {@code scheduler-core} and two baselines.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SchedulerKind {
  /** {@code io.stratus.scheduler.core.CostAwareScheduler}. */
  COST_AWARE,
  /** {@code io.stratus.scheduler.core.PerformanceScheduler}. */
  PERFORMANCE,
  /** {@code io.stratus.scheduler.core.EnhancedScheduler}. */
  ENHANCED,
  /** Baseline: the first on-demand offer (regions and types in catalog order) that fits the job. */
  FIRST_FIT,
  /** Baseline: regions in turn, the smallest fitting on-demand type in the region. */
  ROUND_ROBIN;

  /**
   * The name used in scenario files, e.g. {@code cost-aware}.
   *
   * @return the lower-case, dash-separated name; never null
   */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a scenario file name.
   *
   * @param id e.g. {@code cost-aware}; never null
   * @return the kind; never null
   * @throws IllegalArgumentException if unknown
   */
  @JsonCreator
  public static SchedulerKind of(String id) {
    for (SchedulerKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown scheduler '" + id
        + "'; use cost-aware, performance, enhanced, first-fit or round-robin");
  }
}
