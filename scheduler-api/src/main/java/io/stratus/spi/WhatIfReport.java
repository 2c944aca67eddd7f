package io.stratus.spi;

import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The outcome of a {@link PlanSimulator} run: for the proposed plan, the current fleet and the baseline placement,
 * the expected cost, SLO risk and interruption exposure over the horizon, each with a confidence interval over the
 * Monte Carlo replications; and the paired differences (proposed minus current, proposed minus baseline), whose
 * intervals are narrower than the difference of the separate intervals because all three run on the same random
 * numbers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param currency the currency of every cost; never null
 * @param horizon the simulated period; never null, positive
 * @param replications the number of replications, {@code >= 2}
 * @param seed the seed
 * @param confidenceLevel the level of every interval, in (0, 1)
 * @param proposed the plan applied (its new instances and the running machines it uses); never null
 * @param current the current fleet as it runs; never null (all zero for an empty fleet)
 * @param baseline the baseline placement; never null
 * @param baselineMethod how the baseline was obtained, e.g. the baseline plan's method or {@code on-demand copy of
 *     the plan}; never null
 * @param proposedVsCurrent per-replication {@code proposed - current}; never null
 * @param proposedVsBaseline per-replication {@code proposed - baseline}; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record WhatIfReport(
    Currency currency,
    Duration horizon,
    int replications,
    long seed,
    double confidenceLevel,
    Estimate proposed,
    Estimate current,
    Estimate baseline,
    String baselineMethod,
    Estimate proposedVsCurrent,
    Estimate proposedVsBaseline) {

  /**
   * Validates.
   *
   * @throws NullPointerException if a reference component is null
   * @throws IllegalArgumentException if the horizon is not positive, fewer than 2 replications, or the level is not in
   *     (0, 1)
   */
  public WhatIfReport {
    Objects.requireNonNull(currency, "whatIfReport.currency must not be null");
    Objects.requireNonNull(horizon, "whatIfReport.horizon must not be null");
    Objects.requireNonNull(proposed, "whatIfReport.proposed must not be null");
    Objects.requireNonNull(current, "whatIfReport.current must not be null");
    Objects.requireNonNull(baseline, "whatIfReport.baseline must not be null");
    Objects.requireNonNull(baselineMethod, "whatIfReport.baselineMethod must not be null");
    Objects.requireNonNull(proposedVsCurrent, "whatIfReport.proposedVsCurrent must not be null");
    Objects.requireNonNull(proposedVsBaseline, "whatIfReport.proposedVsBaseline must not be null");
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("whatIfReport.horizon must be positive, got " + horizon);
    }
    if (replications < 2) {
      throw new IllegalArgumentException("whatIfReport.replications must be >= 2, got " + replications);
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException("whatIfReport.confidenceLevel must be in (0, 1), got " + confidenceLevel);
    }
  }

  /**
   * Three figures of one placement (or of a difference between two).
   *
   * <p>Immutable and thread-safe.
   *
   * @param expectedCost the total cost over the horizon, in the report's currency; never null
   * @param sloRisk the share of machine-time the placement's machines are not running (interrupted, failed, in an
   *     outage or being relaunched), in [0, 1] for a placement; never null
   * @param interruptionExposure the number of spot interruptions and machine failures (outages included) over the
   *     horizon; never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Estimate(Interval expectedCost, Interval sloRisk, Interval interruptionExposure) {
    /**
     * Validates.
     *
     * @throws NullPointerException if a component is null
     */
    public Estimate {
      Objects.requireNonNull(expectedCost, "estimate.expectedCost must not be null");
      Objects.requireNonNull(sloRisk, "estimate.sloRisk must not be null");
      Objects.requireNonNull(interruptionExposure, "estimate.interruptionExposure must not be null");
    }
  }

  /**
   * A mean with its two-sided confidence interval.
   *
   * <p>Immutable and thread-safe.
   *
   * @param mean the mean over the replications, finite
   * @param lower the lower bound, finite, {@code <= mean}
   * @param upper the upper bound, finite, {@code >= mean}
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Interval(double mean, double lower, double upper) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a bound is not finite or {@code lower <= mean <= upper} does not hold
     */
    public Interval {
      if (!Double.isFinite(mean) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
        throw new IllegalArgumentException(
            "interval bounds must be finite, got mean " + mean + ", lower " + lower + ", upper " + upper);
      }
      if (!(lower <= mean && mean <= upper)) {
        throw new IllegalArgumentException(
            "interval must satisfy lower <= mean <= upper, got " + lower + " <= " + mean + " <= " + upper);
      }
    }

    /**
     * An interval of zero width.
     *
     * @param value the value, finite
     * @return the interval; never null
     * @throws IllegalArgumentException if the value is not finite
     */
    public static Interval exactly(double value) {
      return new Interval(value, value, value);
    }

    /**
     * Whether a value lies in the interval.
     *
     * @param value the value
     * @return true if {@code lower <= value <= upper}
     */
    public boolean contains(double value) {
      return value >= lower && value <= upper;
    }
  }
}
