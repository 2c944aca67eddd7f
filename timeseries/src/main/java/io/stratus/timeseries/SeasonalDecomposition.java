package io.stratus.timeseries;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Classical seasonal decomposition (as R's {@code decompose}): trend by a centred moving average of order {@code m}
 * ({@code 2 x m} for even {@code m}), seasonal indices by averaging the detrended values of each phase, normalised to
 * mean 1 (multiplicative) or 0 (additive). Immutable and thread-safe; arrays are copied out.
 *
 * <p>Phase {@code p} is the position {@code t mod m} counted from the first observation. The trend (and so the
 * remainder) is {@code NaN} in the first and last {@code floor(m/2)} positions, where the moving average is undefined.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SeasonalDecomposition {

  private final int period;
  private final boolean multiplicative;
  private final double[] trend;
  private final double[] indices;
  private final double[] remainder;

  private SeasonalDecomposition(
      int period, boolean multiplicative, double[] trend, double[] indices, double[] remainder) {
    this.period = period;
    this.multiplicative = multiplicative;
    this.trend = trend;
    this.indices = indices;
    this.remainder = remainder;
  }

  /**
   * Decomposes a series.
   *
   * @param y the series, finite, at least two full cycles ({@code 2m} values); strictly positive when multiplicative
   * @param m the season period, {@code >= 2}
   * @param multiplicative true for {@code y = trend * seasonal * remainder}, false for the additive form
   * @return the decomposition; never null
   * @throws IllegalArgumentException if a value is not finite, {@code m < 2}, or a multiplicative decomposition gets
   *     a value {@code <= 0}
   * @throws SeriesTooShortException if {@code y.length < 2m}
   */
  public static SeasonalDecomposition classical(double[] y, int m, boolean multiplicative) {
    SeriesValidation.requireFinite(y, "y");
    if (m < 2) {
      throw new IllegalArgumentException("m = " + m + ": a decomposition needs a season period >= 2");
    }
    SeriesValidation.requireLength(y, 2 * m, "classical decomposition with period " + m);
    if (multiplicative) {
      for (int i = 0; i < y.length; i++) {
        if (!(y[i] > 0)) {
          throw new IllegalArgumentException(
              "y[" + i + "] = " + y[i] + ": a multiplicative decomposition needs values > 0");
        }
      }
    }
    int n = y.length;
    double[] trend = centredMovingAverage(y, m);
    double[] indices = phaseIndices(y, trend, m, multiplicative);
    double[] rem = new double[n];
    for (int t = 0; t < n; t++) {
      double s = indices[t % m];
      rem[t] = multiplicative ? y[t] / (trend[t] * s) : y[t] - trend[t] - s;
    }
    return new SeasonalDecomposition(m, multiplicative, trend, indices, rem);
  }

  /** Centred moving average of order m (2 x m for even m); NaN where the window does not fit. */
  static double[] centredMovingAverage(double[] y, int m) {
    int n = y.length;
    double[] out = new double[n];
    java.util.Arrays.fill(out, Double.NaN);
    int half = m / 2;
    boolean even = m % 2 == 0;
    for (int t = half; t < n - half; t++) {
      double s = 0;
      if (even) {
        s += 0.5 * y[t - half] + 0.5 * y[t + half];
        for (int k = -half + 1; k <= half - 1; k++) {
          s += y[t + k];
        }
      } else {
        for (int k = -half; k <= half; k++) {
          s += y[t + k];
        }
      }
      out[t] = s / m;
    }
    return out;
  }

  /** Mean detrended value per phase, normalised; phases with no defined value get the neutral index. */
  static double[] phaseIndices(double[] y, double[] trend, int m, boolean multiplicative) {
    return phaseIndices(y, trend, m, multiplicative, 1.0);
  }

  /** As above, each value weighted by {@code decay^(cycles before the last observation)}. */
  static double[] phaseIndices(double[] y, double[] trend, int m, boolean multiplicative, double decay) {
    double[] sum = new double[m];
    double[] count = new double[m];
    int n = y.length;
    for (int t = 0; t < n; t++) {
      if (!Double.isNaN(trend[t])) {
        int p = t % m;
        double w = decay == 1.0 ? 1.0 : Math.pow(decay, (double) (n - 1 - t) / m);
        sum[p] += w * (multiplicative ? y[t] / trend[t] : y[t] - trend[t]);
        count[p] += w;
      }
    }
    double[] idx = new double[m];
    double mean = 0;
    for (int p = 0; p < m; p++) {
      idx[p] = count[p] == 0 ? (multiplicative ? 1 : 0) : sum[p] / count[p];
      mean += idx[p];
    }
    mean /= m;
    for (int p = 0; p < m; p++) {
      idx[p] = multiplicative ? idx[p] / mean : idx[p] - mean;
    }
    return idx;
  }

  /**
   * Returns the season period.
   *
   * @return {@code m}
   */
  public int period() {
    return period;
  }

  /**
   * Tells whether the decomposition is multiplicative.
   *
   * @return true for {@code y = trend * seasonal * remainder}
   */
  public boolean multiplicative() {
    return multiplicative;
  }

  /**
   * Returns the trend ({@code NaN} in the first and last {@code floor(m/2)} positions).
   *
   * @return a new array of the series' length; never null
   */
  public double[] trend() {
    return trend.clone();
  }

  /**
   * Returns the seasonal index of each phase ({@code t mod m}).
   *
   * @return a new array of length {@code m}; never null
   */
  public double[] seasonalIndices() {
    return indices.clone();
  }

  /**
   * Returns the seasonal component for each position of the series.
   *
   * @return a new array of the series' length; never null
   */
  public double[] seasonal() {
    double[] s = new double[trend.length];
    for (int t = 0; t < s.length; t++) {
      s[t] = indices[t % period];
    }
    return s;
  }

  /**
   * Returns the remainder ({@code NaN} where the trend is undefined).
   *
   * @return a new array of the series' length; never null
   */
  public double[] remainder() {
    return remainder.clone();
  }

  /**
   * Returns the seasonal index that continues the pattern {@code k} steps after the last observation
   * ({@code k = 1} is the first step ahead).
   *
   * @param k steps ahead, {@code >= 1}
   * @return the index of phase {@code (n - 1 + k) mod m}
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public double indexAhead(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k = " + k + ": must be >= 1");
    }
    return indices[(int) (((long) trend.length - 1 + k) % period)];
  }

  @Override
  public String toString() {
    return "SeasonalDecomposition[period=" + period + ", multiplicative=" + multiplicative + ", n=" + trend.length
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SeasonalDecomposition)) {
      return false;
    }
    SeasonalDecomposition d = (SeasonalDecomposition) o;
    return d.period == period && d.multiplicative == multiplicative && java.util.Arrays.equals(d.trend, trend)
        && java.util.Arrays.equals(d.indices, indices);
  }

  @Override
  public int hashCode() {
    return Objects.hash(period, multiplicative, java.util.Arrays.hashCode(trend), java.util.Arrays.hashCode(indices));
  }
}
