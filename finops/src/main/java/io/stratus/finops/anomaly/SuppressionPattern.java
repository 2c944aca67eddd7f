package io.stratus.finops.anomaly;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a monitor learned from feedback on one anomaly: later anomalies that move the same way, have the same top root
 * cause and deviate by no more than {@code maxDeviation} in money in any bucket are not raised again (see
 * {@link CostAnomalyMonitor#feedback(String, CostAnomaly.Status, String)}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param sourceAnomalyId the anomaly whose feedback taught it; never null
 * @param feedback {@link CostAnomaly.Status#ACCEPTED} or {@link CostAnomaly.Status#FALSE_POSITIVE}; never null
 * @param direction the direction of the pattern; never null
 * @param topCause the path of the top root cause; empty when the anomaly had none (a monitor without a store), and
 *     then the pattern matches on direction and size alone; never null
 * @param maxDeviation the largest deviation {@code |actual - expected|} of a bucket, in the monitor's currency, that
 *     the pattern still covers (the anomaly's own peak times {@link CostAnomalyMonitor#PATTERN_TOLERANCE}); positive;
 *     never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SuppressionPattern(String sourceAnomalyId, CostAnomaly.Status feedback, CostAnomaly.Direction direction,
    List<DimensionValue> topCause, BigDecimal maxDeviation) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the feedback is OPEN or the deviation is not positive
   */
  public SuppressionPattern {
    Objects.requireNonNull(sourceAnomalyId, "suppressionPattern.sourceAnomalyId");
    Objects.requireNonNull(feedback, "suppressionPattern.feedback");
    Objects.requireNonNull(direction, "suppressionPattern.direction");
    topCause = List.copyOf(Objects.requireNonNull(topCause, "suppressionPattern.topCause"));
    if (feedback == CostAnomaly.Status.OPEN) {
      throw new IllegalArgumentException("suppressionPattern.feedback must be ACCEPTED or FALSE_POSITIVE, got OPEN");
    }
    Objects.requireNonNull(maxDeviation, "suppressionPattern.maxDeviation");
    if (maxDeviation.signum() <= 0) {
      throw new IllegalArgumentException("suppressionPattern.maxDeviation must be positive, got " + maxDeviation);
    }
  }

  /**
   * Whether a bucket of a new anomaly falls under this pattern.
   *
   * @param direction the new anomaly's direction; never null
   * @param topCause the new anomaly's top root-cause path; empty if none; never null
   * @param deviation the largest {@code |actual - expected|} of the new anomaly's buckets; never null
   * @return true if the pattern covers it
   */
  public boolean covers(CostAnomaly.Direction direction, List<DimensionValue> topCause, BigDecimal deviation) {
    return this.direction == direction
        && (this.topCause.isEmpty() || this.topCause.equals(topCause))
        && deviation.compareTo(maxDeviation) <= 0;
  }
}
