package io.stratus.timeseries.anomaly;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;
import org.apiguardian.api.API;

/**
 * Seasonal hybrid ESD (S-H-ESD, Hochenbaum, Vallis and Kejariwal, 2017) for batch detection over history. The series
 * is decomposed into its median, a seasonal profile (the median of each phase of the period over all cycles, centred)
 * and a residual; the generalized ESD test (Rosner, 1983) then runs on the residual with the median and the median
 * absolute deviation (scaled by 1.4826, as R's {@code mad}) in place of the mean and standard deviation, removing the most extreme residual up to
 * {@code maxAnomalies * n} times and keeping as many as pass the test at significance {@code alpha}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * int[] anomalies = SeasonalHybridEsd.builder().period(24).maxAnomalies(0.02).alpha(0.05).build().detect(values);
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SeasonalHybridEsd {

  private final int period;
  private final double maxAnomalies;
  private final double alpha;

  private SeasonalHybridEsd(Builder b) {
    this.period = b.period;
    this.maxAnomalies = b.maxAnomalies;
    this.alpha = b.alpha;
  }

  /**
   * Starts a builder with period 1 (no seasonality), at most 2% anomalies and {@code alpha = 0.05}.
   *
   * @return a new builder, never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the season period in points (1 means no seasonal component).
   *
   * @return at least 1
   */
  public int period() {
    return period;
  }

  /**
   * Returns the largest fraction of points that may be reported.
   *
   * @return within {@code (0, 0.5)}
   */
  public double maxAnomalies() {
    return maxAnomalies;
  }

  /**
   * Returns the significance level of the generalized ESD test.
   *
   * @return within {@code (0, 1)}
   */
  public double alpha() {
    return alpha;
  }

  /**
   * Finds the anomalous points of a series.
   *
   * @param values the series, oldest first, equally spaced; all finite; not modified
   * @return the indices of the anomalous points in increasing order; a new array, never null, empty if none
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if a value is NaN or infinite (naming its index), or the series is shorter than
   *     two periods (and shorter than 3 points)
   */
  public int[] detect(double[] values) {
    Objects.requireNonNull(values, "values");
    int n = values.length;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("values[" + i + "] must be finite, was " + values[i]);
      }
    }
    int minLength = Math.max(3, 2 * period);
    if (n < minLength) {
      throw new IllegalArgumentException("values must hold at least " + minLength + " points (two periods of "
          + period + ", and 3), was " + n);
    }
    double[] residual = residuals(values);
    int maxOutliers = (int) Math.floor(maxAnomalies * n);
    if (maxOutliers == 0) {
      return new int[0];
    }
    boolean[] removed = new boolean[n];
    int[] order = new int[maxOutliers];
    int found = 0;
    double[] work = new double[n];
    for (int i = 1; i <= maxOutliers; i++) {
      int m = 0;
      for (int j = 0; j < n; j++) {
        if (!removed[j]) {
          work[m++] = residual[j];
        }
      }
      double median = median(work, m);
      for (int j = 0; j < m; j++) {
        work[j] = Math.abs(work[j] - median);
      }
      double mad = 1.4826 * median(work, m); // R's mad(): consistent with the standard deviation
      if (!(mad > 0.0)) {
        break;
      }
      int worst = -1;
      double worstDev = -1.0;
      for (int j = 0; j < n; j++) {
        if (!removed[j]) {
          double d = Math.abs(residual[j] - median);
          if (d > worstDev) {
            worstDev = d;
            worst = j;
          }
        }
      }
      double r = worstDev / mad;
      removed[worst] = true;
      order[i - 1] = worst;
      double p = 1.0 - alpha / (2.0 * (n - i + 1));
      double dof = n - i - 1;
      if (dof < 1) {
        break;
      }
      double t = new TDistribution(null, dof).inverseCumulativeProbability(p);
      double lambda = (n - i) * t / Math.sqrt((dof + t * t) * (n - i + 1));
      if (r > lambda) {
        found = i;
      }
    }
    int[] result = Arrays.copyOf(order, found);
    Arrays.sort(result);
    return result;
  }

  /** Residual after removing the median and the per-phase median seasonal profile. */
  double[] residuals(double[] values) {
    int n = values.length;
    double level = median(values.clone(), n);
    double[] seasonal = new double[period];
    if (period > 1) {
      double[] phase = new double[(n + period - 1) / period];
      for (int p = 0; p < period; p++) {
        int m = 0;
        for (int i = p; i < n; i += period) {
          phase[m++] = values[i] - level;
        }
        seasonal[p] = median(phase, m);
      }
      double centre = median(seasonal.clone(), period);
      for (int p = 0; p < period; p++) {
        seasonal[p] -= centre;
      }
    }
    double[] residual = new double[n];
    for (int i = 0; i < n; i++) {
      residual[i] = values[i] - level - seasonal[i % period];
    }
    return residual;
  }

  /** Median of the first {@code m} entries; reorders them. */
  private static double median(double[] a, int m) {
    Arrays.sort(a, 0, m);
    return (m & 1) == 1 ? a[m / 2] : 0.5 * (a[m / 2 - 1] + a[m / 2]);
  }

  @Override
  public String toString() {
    return "SeasonalHybridEsd[period=" + period + ", maxAnomalies=" + maxAnomalies + ", alpha=" + alpha + "]";
  }

  /**
   * Builds {@link SeasonalHybridEsd}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    private int period = 1;
    private double maxAnomalies = 0.02;
    private double alpha = 0.05;

    private Builder() {
    }

    /**
     * Sets the season period in points, e.g. 24 for hourly data with a daily cycle; 1 disables the seasonal part.
     *
     * @param period at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public Builder period(int period) {
      if (period < 1) {
        throw new IllegalArgumentException("period must be >= 1, was " + period);
      }
      this.period = period;
      return this;
    }

    /**
     * Sets the largest fraction of points that may be reported.
     *
     * @param maxAnomalies within {@code (0, 0.5)}
     * @return this builder
     * @throws IllegalArgumentException if {@code maxAnomalies} is outside {@code (0, 0.5)}
     */
    public Builder maxAnomalies(double maxAnomalies) {
      if (!(maxAnomalies > 0.0 && maxAnomalies < 0.5)) {
        throw new IllegalArgumentException("maxAnomalies must be within (0, 0.5), was " + maxAnomalies);
      }
      this.maxAnomalies = maxAnomalies;
      return this;
    }

    /**
     * Sets the significance level of the generalized ESD test; smaller reports fewer points.
     *
     * @param alpha within {@code (0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if {@code alpha} is outside {@code (0, 1)}
     */
    public Builder alpha(double alpha) {
      if (!(alpha > 0.0 && alpha < 1.0)) {
        throw new IllegalArgumentException("alpha must be within (0, 1), was " + alpha);
      }
      this.alpha = alpha;
      return this;
    }

    /**
     * Builds the detector.
     *
     * @return a new immutable detector, never null
     */
    public SeasonalHybridEsd build() {
      return new SeasonalHybridEsd(this);
    }
  }
}
