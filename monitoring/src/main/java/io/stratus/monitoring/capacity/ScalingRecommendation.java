package io.stratus.monitoring.capacity;

import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.monitoring.internal.Checks;
import org.apiguardian.api.API;

/**
 * Advice to change a deployment's capacity, priced and explained.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what kind of change
 * @param target the deployment, group or resource it is for
 * @param fromType the current instance type
 * @param toType the recommended instance type (same as {@code fromType} unless vertical)
 * @param fromCount the current instance count
 * @param toCount the recommended instance count
 * @param projectedP95 the p95 utilization (percent) expected after the change
 * @param monthlyCostDelta the change in on-demand cost per month (730 hours); negative when it saves money
 * @param explanation why, with the numbers, for people
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ScalingRecommendation(
    Kind kind,
    String target,
    InstanceType fromType,
    InstanceType toType,
    int fromCount,
    int toCount,
    double projectedP95,
    Money monthlyCostDelta,
    String explanation) {
  /** What kind of change. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** Change the number of instances. */
    HORIZONTAL,
    /** Change the instance type. */
    VERTICAL,
    /** Keep things as they are. */
    NONE
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a count is below 1
   */
  public ScalingRecommendation {
    Checks.nonNull(kind, "scalingRecommendation.kind");
    Checks.nonBlank(target, "scalingRecommendation.target");
    Checks.nonNull(fromType, "scalingRecommendation.fromType");
    Checks.nonNull(toType, "scalingRecommendation.toType");
    Checks.positive(fromCount, "scalingRecommendation.fromCount");
    Checks.positive(toCount, "scalingRecommendation.toCount");
    Checks.nonNull(monthlyCostDelta, "scalingRecommendation.monthlyCostDelta");
    Checks.nonNull(explanation, "scalingRecommendation.explanation");
  }
}
