package io.stratus.timeseries.changepoint;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Two-sided tabular CUSUM (Page, 1954) over standardized observations: {@code S+ = max(0, S+ + z - k)} and
 * {@code S- = max(0, S- - z - k)}; a change is signalled when either sum reaches the decision interval {@code h}, after
 * which both sums restart from zero. With {@code k = 0.5} and {@code h = 5} it detects a one-standard-deviation shift
 * in about ten observations, with an in-control average run length of about 465.
 *
 * <p>Not thread-safe; constant time and memory per observation.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Cusum {

  private final double k;
  private final double h;
  private double upper;
  private double lower;
  private double statistic;

  /**
   * Creates a CUSUM.
   *
   * @param k the reference value (allowance) in standard deviations, usually half the shift to detect; {@code >= 0}
   * @param h the decision interval in standard deviations; positive
   * @throws IllegalArgumentException if {@code k} is negative or {@code h} is not positive, or either is not finite
   */
  public Cusum(double k, double h) {
    if (!(k >= 0.0) || Double.isInfinite(k)) {
      throw new IllegalArgumentException("k must be >= 0 and finite, was " + k);
    }
    if (!(h > 0.0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("h must be positive and finite, was " + h);
    }
    this.k = k;
    this.h = h;
  }

  /**
   * Adds one standardized observation.
   *
   * @param z the observation minus the in-control mean, divided by the in-control standard deviation; finite
   * @return true if a change is signalled at this observation (the sums then restart from zero)
   * @throws IllegalArgumentException if {@code z} is NaN or infinite
   */
  public boolean update(double z) {
    if (!Double.isFinite(z)) {
      throw new IllegalArgumentException("z must be finite, was " + z);
    }
    upper = Math.max(0.0, upper + z - k);
    lower = Math.max(0.0, lower - z - k);
    statistic = Math.max(upper, lower) / h;
    if (statistic >= 1.0) {
      reset();
      return true;
    }
    return false;
  }

  /**
   * Returns the larger of the two sums at the last observation as a fraction of the decision interval, taken before
   * any restart; a signal happens when it reaches 1.
   *
   * @return {@code max(S+, S-) / h} at the last observation, at least 0
   */
  public double statistic() {
    return statistic;
  }

  /**
   * Returns the upper (increase) sum.
   *
   * @return {@code S+}, at least 0
   */
  public double upper() {
    return upper;
  }

  /**
   * Returns the lower (decrease) sum.
   *
   * @return {@code S-}, at least 0
   */
  public double lower() {
    return lower;
  }

  /** Restarts both sums from zero. */
  public void reset() {
    upper = 0.0;
    lower = 0.0;
  }
}
