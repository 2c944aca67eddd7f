package io.stratus.timeseries;

import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Additive decomposition with several seasonal cycles (for example hourly data with a daily cycle of 24 and a weekly
 * cycle of 168), in the style of MSTL: {@code y = trend + seasonal_1 + ... + seasonal_k + remainder}. Immutable and
 * thread-safe; arrays are copied out.
 *
 * <p>Algorithm (back-fitting, two passes): for each period in ascending order, the other seasonal components are
 * removed, the series is detrended with a centred moving average of that period, and the component is the (optionally
 * recency-weighted, see {@link #weighted(double[], double, int...)}) mean detrended value of each phase, centred to sum
 * to zero over a cycle. Seasonal components are therefore profiles that repeat unchanged (not evolving as in STL's
 * loess smoothing); when a longer period is a multiple of a shorter one, the longer profile also absorbs what the
 * shorter one leaves, so only their sum is identified. The trend is a centred moving average of the seasonally adjusted series
 * over the smallest period, with windows that shrink at both ends so that it is defined everywhere.
 *
 * <p>Periods that do not fit twice into the series are left out; {@link #periods()} lists those that were used.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MultiSeasonalDecomposition {

  private static final int PASSES = 2;

  private final int[] periods;
  private final double[][] indices;
  private final double[] trend;
  private final double[] adjusted;

  private MultiSeasonalDecomposition(int[] periods, double[][] indices, double[] trend, double[] adjusted) {
    this.periods = periods;
    this.indices = indices;
    this.trend = trend;
    this.adjusted = adjusted;
  }

  /**
   * Decomposes a series.
   *
   * @param y the series, finite; never null
   * @param periods the season periods, each {@code >= 2}; duplicates are ignored; those longer than half the series
   *     are left out
   * @return the decomposition; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value is not finite, a period is {@code < 2}, or no period is given
   */
  public static MultiSeasonalDecomposition of(double[] y, int... periods) {
    return weighted(y, 1.0, periods);
  }

  /**
   * Decomposes a series with profiles that favour recent cycles: each detrended value is weighted by
   * {@code decay^a}, where {@code a} is its age in cycles of that period counted back from the last observation.
   * {@code decay = 1} is {@link #of(double[], int...)}; the forecasters use {@code 0.5}, which lets the profiles follow
   * a pattern that drifts from week to week.
   *
   * @param y the series, finite; never null
   * @param decay the weight ratio between one cycle and the next older one, {@code 0 < decay <= 1}
   * @param periods the season periods, each {@code >= 2}; duplicates are ignored; those longer than half the series
   *     are left out
   * @return the decomposition; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value is not finite, {@code decay} is out of range, a period is
   *     {@code < 2}, or no period is given
   */
  public static MultiSeasonalDecomposition weighted(double[] y, double decay, int... periods) {
    SeriesValidation.requireFinite(y, "y");
    if (!(decay > 0 && decay <= 1)) {
      throw new IllegalArgumentException("decay = " + decay + ": must be in (0, 1]");
    }
    Objects.requireNonNull(periods, "periods");
    if (periods.length == 0) {
      throw new IllegalArgumentException("periods: at least one season period is needed");
    }
    TreeSet<Integer> used = new TreeSet<>();
    for (int i = 0; i < periods.length; i++) {
      if (periods[i] < 2) {
        throw new IllegalArgumentException("periods[" + i + "] = " + periods[i] + ": a season period must be >= 2");
      }
      if (y.length >= 2 * periods[i]) {
        used.add(periods[i]);
      }
    }
    int[] ps = used.stream().mapToInt(Integer::intValue).toArray();
    int n = y.length;
    double[][] idx = new double[ps.length][];
    double[] deseason = y.clone();
    for (int k = 0; k < ps.length; k++) {
      idx[k] = new double[ps[k]];
    }
    for (int pass = 0; pass < PASSES; pass++) {
      for (int k = 0; k < ps.length; k++) {
        int m = ps[k];
        for (int t = 0; t < n; t++) {
          deseason[t] += idx[k][t % m];
        }
        double[] tr = SeasonalDecomposition.centredMovingAverage(deseason, m);
        idx[k] = SeasonalDecomposition.phaseIndices(deseason, tr, m, false, decay);
        for (int t = 0; t < n; t++) {
          deseason[t] -= idx[k][t % m];
        }
      }
    }
    int window = ps.length == 0 ? 1 : ps[0];
    return new MultiSeasonalDecomposition(ps, idx, shrinkingMovingAverage(deseason, window), deseason);
  }

  private static double[] shrinkingMovingAverage(double[] x, int m) {
    int n = x.length;
    int half = m / 2;
    double[] prefix = new double[n + 1];
    for (int t = 0; t < n; t++) {
      prefix[t + 1] = prefix[t] + x[t];
    }
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      int w = Math.min(half, Math.min(t, n - 1 - t));
      out[t] = (prefix[t + w + 1] - prefix[t - w]) / (2 * w + 1);
    }
    return out;
  }

  /**
   * Returns the season periods used, ascending.
   *
   * @return a new array; empty when no period fits twice into the series; never null
   */
  public int[] periods() {
    return periods.clone();
  }

  /**
   * Returns the seasonal profile of period {@code periods()[k]}, indexed by phase {@code t mod m}.
   *
   * @param k index into {@link #periods()}
   * @return a new array of length {@code periods()[k]}, summing to zero; never null
   * @throws IndexOutOfBoundsException if {@code k} is out of range
   */
  public double[] seasonalProfile(int k) {
    Objects.checkIndex(k, periods.length);
    return indices[k].clone();
  }

  /**
   * Returns the seasonal component of period {@code periods()[k]} at each position of the series.
   *
   * @param k index into {@link #periods()}
   * @return a new array of the series' length; never null
   * @throws IndexOutOfBoundsException if {@code k} is out of range
   */
  public double[] seasonal(int k) {
    Objects.checkIndex(k, periods.length);
    double[] s = new double[adjusted.length];
    int m = periods[k];
    for (int t = 0; t < s.length; t++) {
      s[t] = indices[k][t % m];
    }
    return s;
  }

  /**
   * Returns the series with every seasonal component removed ({@code trend + remainder}).
   *
   * @return a new array of the series' length; never null
   */
  public double[] seasonallyAdjusted() {
    return adjusted.clone();
  }

  /**
   * Returns the trend.
   *
   * @return a new array of the series' length; never null
   */
  public double[] trend() {
    return trend.clone();
  }

  /**
   * Returns the remainder ({@code seasonallyAdjusted() - trend()}).
   *
   * @return a new array of the series' length; never null
   */
  public double[] remainder() {
    double[] r = new double[adjusted.length];
    for (int t = 0; t < r.length; t++) {
      r[t] = adjusted[t] - trend[t];
    }
    return r;
  }

  /**
   * Returns the sum of all seasonal components {@code k} steps after the last observation ({@code k = 1} is the first
   * step ahead): the profiles continued.
   *
   * @param k steps ahead, {@code >= 1}
   * @return the total seasonal effect at position {@code n - 1 + k}
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public double seasonalAhead(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k = " + k + ": must be >= 1");
    }
    long pos = (long) adjusted.length - 1 + k;
    double s = 0;
    for (int j = 0; j < periods.length; j++) {
      s += indices[j][(int) (pos % periods[j])];
    }
    return s;
  }

  @Override
  public String toString() {
    return "MultiSeasonalDecomposition[periods=" + Arrays.toString(periods) + ", n=" + adjusted.length + "]";
  }
}
