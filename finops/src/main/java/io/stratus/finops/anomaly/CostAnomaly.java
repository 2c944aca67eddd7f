package io.stratus.finops.anomaly;

import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Granularity;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A run of consecutive buckets of a monitored scope whose cost left its expected band in one direction, as a
 * {@link CostAnomalyMonitor} reports it.
 *
 * <p>Immutable and thread-safe; the monitor replaces its snapshot when the anomaly grows or receives feedback.
 *
 * @param id the monitor-unique id, e.g. {@code team-payments-3}; never null
 * @param monitorId the monitor that raised it; never null
 * @param scope the monitored scope; never null
 * @param granularity {@link Granularity#DAY} or {@link Granularity#HOUR}; never null
 * @param direction whether cost rose or fell; never null
 * @param points the anomalous buckets with their bands, oldest first; never null or empty
 * @param impact the sum of actual minus expected over the buckets (negative for a drop), in the scope's currency;
 *     never null
 * @param rootCauses the slices that explain the deviation, largest share first; empty when the monitor has no cost
 *     store to drill into; never null
 * @param status open, or the feedback it received; never null
 * @param feedbackReason the reason given with the feedback; null while open
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CostAnomaly(String id, String monitorId, CostScope scope, Granularity granularity, Direction direction,
    List<BandPoint> points, Money impact, List<RootCause> rootCauses, Status status, String feedbackReason) {

  /**
   * Which way cost moved.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Direction {
    /** Cost above the band. */
    INCREASE,
    /** Cost below the band. */
    DECREASE
  }

  /**
   * Where an anomaly stands.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Status {
    /** No feedback yet. */
    OPEN,
    /** Marked as a real but expected change (a launch, a planned migration). */
    ACCEPTED,
    /** Marked as not an anomaly at all. */
    FALSE_POSITIVE
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if there are no points
   */
  public CostAnomaly {
    Objects.requireNonNull(id, "costAnomaly.id");
    Objects.requireNonNull(monitorId, "costAnomaly.monitorId");
    Objects.requireNonNull(scope, "costAnomaly.scope");
    Objects.requireNonNull(granularity, "costAnomaly.granularity");
    Objects.requireNonNull(direction, "costAnomaly.direction");
    points = List.copyOf(Objects.requireNonNull(points, "costAnomaly.points"));
    Objects.requireNonNull(impact, "costAnomaly.impact");
    rootCauses = List.copyOf(Objects.requireNonNull(rootCauses, "costAnomaly.rootCauses"));
    Objects.requireNonNull(status, "costAnomaly.status");
    if (points.isEmpty()) {
      throw new IllegalArgumentException("costAnomaly.points must not be empty");
    }
  }

  /**
   * The start of the first anomalous bucket.
   *
   * @return the start; never null
   */
  public Instant start() {
    return points.get(0).bucketStart();
  }

  /**
   * The start of the last anomalous bucket.
   *
   * @return the start; never null
   */
  public Instant lastBucket() {
    return points.get(points.size() - 1).bucketStart();
  }

  /**
   * The actual cost over the anomaly's buckets.
   *
   * @return the sum; never null
   */
  public BigDecimal actualTotal() {
    return points.stream().map(BandPoint::actual).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * The expected cost over the anomaly's buckets.
   *
   * @return the sum; never null
   */
  public BigDecimal expectedTotal() {
    return points.stream().map(BandPoint::expected).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * A one-line summary, e.g. {@code INCREASE of 1250.00 USD on 2025-03-04 (actual 2100.00, expected 850.00), top
   * cause ServiceName=EC2 (92%)}.
   *
   * @return the summary; never null
   */
  public String summary() {
    StringBuilder sb = new StringBuilder()
        .append(direction).append(" of ").append(impact.amount().abs().toPlainString()).append(' ')
        .append(impact.currency().getCurrencyCode()).append(" from ").append(start())
        .append(points.size() > 1 ? " for " + points.size() + " buckets" : "")
        .append(" (actual ").append(actualTotal().toPlainString()).append(", expected ")
        .append(expectedTotal().toPlainString()).append(')');
    if (!rootCauses.isEmpty()) {
      RootCause top = rootCauses.get(0);
      sb.append(", top cause ").append(top.label()).append(" (").append(Math.round(top.share() * 100)).append("%)");
    }
    return sb.toString();
  }
}
