package io.stratus.simulation.validation;

import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;
import org.apiguardian.api.API;

/**
 * A two-sided confidence interval of a mean, from Student's t distribution.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mean the sample mean
 * @param lower the lower bound
 * @param upper the upper bound
 * @param level the confidence level in (0, 1)
 * @param n the sample size
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConfidenceInterval(double mean, double lower, double upper, double level, int n) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the level is not in (0, 1), n is negative or lower &gt; upper
   */
  public ConfidenceInterval {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), was " + level);
    }
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    if (lower > upper) {
      throw new IllegalArgumentException("lower must be <= upper, was " + lower + " > " + upper);
    }
  }

  /**
   * The t interval of the mean of a sample. With one value the interval is that value's point (zero width is not
   * claimed: the bounds are infinite).
   *
   * @param sample the values; never null or empty, all finite
   * @param level the confidence level in (0, 1), e.g. 0.95
   * @return the interval; never null
   * @throws NullPointerException if sample is null
   * @throws IllegalArgumentException if the sample is empty or has a non-finite value, or the level is out of range
   */
  public static ConfidenceInterval ofMean(double[] sample, double level) {
    Objects.requireNonNull(sample, "sample");
    if (sample.length == 0) {
      throw new IllegalArgumentException("sample must not be empty");
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), was " + level);
    }
    double sum = 0;
    for (int i = 0; i < sample.length; i++) {
      if (!Double.isFinite(sample[i])) {
        throw new IllegalArgumentException("sample[" + i + "] must be finite, was " + sample[i]);
      }
      sum += sample[i];
    }
    int n = sample.length;
    double mean = sum / n;
    if (n == 1) {
      return new ConfidenceInterval(mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, level, 1);
    }
    double ss = 0;
    for (double v : sample) {
      ss += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
    return new ConfidenceInterval(mean, mean - t * se, mean + t * se, level, n);
  }

  /**
   * Half the width of the interval.
   *
   * @return {@code (upper - lower) / 2}
   */
  public double halfWidth() {
    return (upper - lower) / 2;
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
