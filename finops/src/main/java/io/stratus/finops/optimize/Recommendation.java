package io.stratus.finops.optimize;

import io.stratus.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One thing to do about spend: what, on which resource, what it saves each month, what it costs once (effort and
 * purchase), its risks, its return on investment and payback period, and the evidence it rests on.
 *
 * <p>{@code roi} is {@code (monthlySavings * roiHorizonMonths - oneOffCost) / oneOffCost} over the optimizer's
 * horizon ({@link OptimizerOptions#roiHorizonMonths()}); {@code payback} is {@code oneOffCost / monthlySavings} months
 * of 30.4375 days (an average month), rounded up to whole hours.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what is proposed
 * @param resourceId the FOCUS ResourceId acted on
 * @param workloadId the workload served; null for storage found only in the billing records
 * @param action what to do, in words, e.g. {@code resize aws:m5.2xlarge -> aws:m5.large}
 * @param targetInstanceTypeId the instance type proposed (rightsize, commitment, spot, region, cloud); null otherwise
 * @param targetRegionId the region proposed (rightsize, commitment, spot, region, cloud); null otherwise
 * @param monthlySavings the expected saving per month, exact, strictly positive
 * @param oneOffCost the one-off effort and purchase cost, exact, strictly positive, same currency
 * @param performanceRisk the risk to the workload's performance
 * @param interruptionRisk the risk that the workload is interrupted
 * @param roi the return on investment over the horizon, as a ratio ({@code 2.5} = 250%)
 * @param payback the time until the savings repay the one-off cost
 * @param evidence the facts and thresholds it rests on; never empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Recommendation(
    RecommendationKind kind,
    String resourceId,
    String workloadId,
    String action,
    String targetInstanceTypeId,
    String targetRegionId,
    Money monthlySavings,
    Money oneOffCost,
    Risk performanceRisk,
    Risk interruptionRisk,
    double roi,
    Duration payback,
    List<Evidence> evidence) {
  static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30.4375");

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component other than {@code workloadId} and the targets is null
   * @throws IllegalArgumentException if savings or cost are not strictly positive, their currencies differ, the ROI
   *     is not finite, or there is no evidence
   */
  public Recommendation {
    Objects.requireNonNull(kind, "recommendation.kind");
    Objects.requireNonNull(resourceId, "recommendation.resourceId");
    Objects.requireNonNull(action, "recommendation.action");
    Objects.requireNonNull(monthlySavings, "recommendation.monthlySavings");
    Objects.requireNonNull(oneOffCost, "recommendation.oneOffCost");
    Objects.requireNonNull(performanceRisk, "recommendation.performanceRisk");
    Objects.requireNonNull(interruptionRisk, "recommendation.interruptionRisk");
    Objects.requireNonNull(payback, "recommendation.payback");
    evidence = List.copyOf(evidence);
    if (monthlySavings.amount().signum() <= 0) {
      throw new IllegalArgumentException("recommendation.monthlySavings must be > 0, got " + monthlySavings);
    }
    if (oneOffCost.amount().signum() <= 0) {
      throw new IllegalArgumentException("recommendation.oneOffCost must be > 0, got " + oneOffCost);
    }
    if (!oneOffCost.currency().equals(monthlySavings.currency())) {
      throw new IllegalArgumentException("recommendation.oneOffCost must be in " + monthlySavings.currency()
          + " like the savings, got " + oneOffCost);
    }
    if (!Double.isFinite(roi)) {
      throw new IllegalArgumentException("recommendation.roi must be finite, got " + roi);
    }
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException("recommendation.evidence must not be empty");
    }
  }

  /** Builds one, computing ROI and payback. */
  static Recommendation of(RecommendationKind kind, String resourceId, String workloadId, String action,
      String targetType, String targetRegion, Money monthlySavings, Money oneOffCost, Risk performanceRisk, Risk interruptionRisk, int horizonMonths,
      List<Evidence> evidence) {
    BigDecimal s = monthlySavings.amount();
    BigDecimal c = oneOffCost.amount();
    double roi = s.multiply(BigDecimal.valueOf(horizonMonths)).subtract(c).divide(c, MathContext.DECIMAL64)
        .doubleValue();
    BigDecimal months = c.divide(s, MathContext.DECIMAL64);
    long hours = months.multiply(DAYS_PER_MONTH).multiply(BigDecimal.valueOf(24))
        .setScale(0, RoundingMode.CEILING).longValueExact();
    return new Recommendation(kind, resourceId, workloadId, action, targetType, targetRegion,
        monthlySavings.rounded(), oneOffCost,
        performanceRisk, interruptionRisk, roi, Duration.ofHours(hours), evidence);
  }

  @Override
  public String toString() {
    return kind + " " + resourceId + ": " + action + ", saves " + monthlySavings + "/month, one-off " + oneOffCost
        + ", ROI " + String.format(java.util.Locale.ROOT, "%.1f", roi) + "x, payback " + payback.toDays() + " days";
  }
}
