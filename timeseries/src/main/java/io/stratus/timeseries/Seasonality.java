package io.stratus.timeseries;

import org.apiguardian.api.API;

/**
 * Autocorrelation and the seasonality test used by the M4 competition benchmarks. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Seasonality {

  /** One-sided 95% normal quantile: M4's test is a two-sided test at the 90% level. */
  private static final double T_CRIT = 1.645;

  /** Values whose binary exponent exceeds this are rescaled before squaring (their squares would overflow). */
  private static final int SAFE_EXPONENT = 332;

  /** Smallest autocorrelation of the differences that {@link #detectPeriods} accepts as a season. */
  private static final double MIN_DETECTED_ACF = 0.2;

  private Seasonality() {}

  /**
   * Sample autocorrelation function, as R's {@code acf}: mean removed, biased ({@code 1/n}) autocovariances divided
   * by the variance.
   *
   * @param y the series, finite; never null
   * @param maxLag the largest lag, {@code 0 <= maxLag < y.length}
   * @return {@code r[0..maxLag]} with {@code r[0] = 1} (all zero after lag 0 for a constant series); never null
   * @throws IllegalArgumentException if a value is not finite or {@code maxLag} is out of range
   */
  public static double[] acf(double[] y, int maxLag) {
    SeriesValidation.requireFinite(y, "y");
    int n = y.length;
    if (maxLag < 0 || maxLag >= n) {
      throw new IllegalArgumentException("maxLag = " + maxLag + ": must be in [0, " + (n - 1) + "]");
    }
    // The autocorrelation is scale-free: bring values near the double limit (or near zero) to about 1 by an exact
    // power of two so that their squares neither overflow nor underflow.
    double max = 0;
    for (double v : y) {
      max = Math.max(max, Math.abs(v));
    }
    int e = max == 0 ? 0 : Math.getExponent(max);
    double[] x = Math.abs(e) > SAFE_EXPONENT ? new double[n] : y;
    if (x != y) {
      for (int t = 0; t < n; t++) {
        x[t] = Math.scalb(y[t], -e);
      }
    }
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= n;
    double c0 = 0;
    for (double v : x) {
      c0 += (v - mean) * (v - mean);
    }
    double[] r = new double[maxLag + 1];
    r[0] = 1;
    if (c0 <= 0) {
      return r;
    }
    for (int k = 1; k <= maxLag; k++) {
      double s = 0;
      for (int t = 0; t + k < n; t++) {
        s += (x[t] - mean) * (x[t + k] - mean);
      }
      r[k] = s / c0;
    }
    return r;
  }

  /**
   * M4's seasonality test: the series is seasonal with period {@code m} when {@code |r_m|} exceeds
   * {@code 1.645 / sqrt(n) * sqrt(1 + 2 * sum_{k<m} r_k^2)} (a 90% test on the autocorrelation at lag {@code m});
   * series shorter than {@code 3m}, and {@code m <= 1}, are never seasonal.
   *
   * @param y the series, finite; never null
   * @param m the candidate season period
   * @return true when the test finds seasonality at lag {@code m}
   * @throws IllegalArgumentException if a value is not finite or {@code m < 1}
   */
  public static boolean isSeasonal(double[] y, int m) {
    SeriesValidation.requireFinite(y, "y");
    SeriesValidation.requirePeriod(m, "m");
    int n = y.length;
    if (m <= 1 || n < 3 * m) {
      return false;
    }
    double[] r = acf(y, m);
    double sum = 1;
    for (int k = 1; k < m; k++) {
      sum += 2 * r[k] * r[k];
    }
    double limit = T_CRIT / Math.sqrt(n) * Math.sqrt(sum);
    return Math.abs(r[m]) > limit;
  }

  /**
   * Detects up to two season periods from the autocorrelation of the series with its least-squares line removed
   * (each lag's estimate scaled by {@code n / (n - lag)}, so that long lags are not penalised). A lag is a candidate
   * when its autocorrelation is a local maximum, at least 0.2 above the lowest autocorrelation at any shorter lag (a
   * peak after a trough, not the slow decay of a smooth series), and at least {@code max(0.2, 4 / sqrt(n - lag))} (the
   * white-noise band at 4 standard errors, strict enough that testing a few hundred lags of noise rarely finds one).
   * The first period is the shortest candidate whose autocorrelation is at least 80% of the largest (so the harmonics
   * {@code 2m, 3m} of a cycle do not win over it). The second, if any, is a longer cycle that the first does not
   * explain, such as the week of hourly data: the first cycle's mean profile is removed, and among the multiples of
   * the first period the one whose autocorrelation in what is left is the largest that is a local maximum among neighbouring multiples
   * (so a day-to-day persistence that decays over 48, 72, ... hours is not a cycle) and passes the same tests.
   *
   * @param y the series, finite; never null
   * @param maxPeriod the longest period to consider, {@code >= 2}; lags beyond {@code y.length / 3} are not tested
   * @return the detected periods in ascending order (empty when the series shows none); never null
   * @throws NullPointerException if {@code y} is null
   * @throws IllegalArgumentException if a value is not finite or {@code maxPeriod < 2}
   */
  public static int[] detectPeriods(double[] y, int maxPeriod) {
    SeriesValidation.requireFinite(y, "y");
    if (maxPeriod < 2) {
      throw new IllegalArgumentException("maxPeriod = " + maxPeriod + ": must be >= 2");
    }
    int n = y.length;
    int maxLag = Math.min(maxPeriod, n / 3);
    if (maxLag < 2) {
      return new int[0];
    }
    double[] r = acf(detrended(y), maxLag + 1);
    for (int k = 1; k < r.length; k++) {
      r[k] *= (double) n / (n - k); // undo the 1/n estimator's shrinkage so that long lags compete fairly
    }
    boolean[] candidate = new boolean[maxLag + 1];
    double best = 0;
    double trough = r[1];
    for (int k = 2; k <= maxLag; k++) {
      boolean peak = r[k] >= r[k - 1] && r[k] >= r[k + 1];
      double band = Math.max(MIN_DETECTED_ACF, 4 / Math.sqrt(n - k));
      candidate[k] = peak && r[k] >= band && r[k] - trough >= MIN_DETECTED_ACF;
      if (candidate[k]) {
        best = Math.max(best, r[k]);
      }
      trough = Math.min(trough, r[k]);
    }
    int first = -1;
    for (int k = 2; k <= maxLag && first < 0; k++) {
      if (candidate[k] && r[k] >= 0.8 * best) {
        first = k;
      }
    }
    if (first < 0) {
      return new int[0];
    }
    // A longer cycle that the first does not explain: autocorrelation, at multiples of the first period, of what is
    // left after removing the first cycle's mean profile.
    double[] rest = detrended(y);
    double[] profile = new double[first];
    int[] count = new int[first];
    for (int t = 0; t < n; t++) {
      profile[t % first] += rest[t];
      count[t % first]++;
    }
    for (int t = 0; t < n; t++) {
      rest[t] -= profile[t % first] / count[t % first];
    }
    int last = Math.min(n - 1, maxLag + first);
    double[] r2 = acf(rest, last);
    for (int k = 1; k <= last; k++) {
      r2[k] *= (double) n / (n - k);
    }
    int second = -1;
    double trough2 = r2[1];
    for (int k = 2; k <= maxLag; k++) {
      if (k % first == 0 && k > first && r2[k] >= r2[k - first]
          && (k + first > last || r2[k] >= r2[k + first]) && r2[k] >= Math.max(MIN_DETECTED_ACF, 4 / Math.sqrt(n - k))
          && r2[k] - trough2 >= MIN_DETECTED_ACF && (second < 0 || r2[k] > r2[second])) {
        second = k;
      }
      trough2 = Math.min(trough2, r2[k]);
    }
    return second < 0 ? new int[] {first} : new int[] {first, second};
  }

  /** The series minus its least-squares line, computed on halves so that values near the double limit stay finite. */
  private static double[] detrended(double[] y) {
    int n = y.length;
    double xm = (n - 1) / 2.0;
    double ym = 0;
    for (double v : y) {
      ym += v / 2 / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int t = 0; t < n; t++) {
      sxy += (t - xm) * (y[t] / 2 - ym);
      sxx += (t - xm) * (t - xm);
    }
    double b = sxx == 0 || !Double.isFinite(sxy) ? 0 : sxy / sxx;
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      out[t] = y[t] / 2 - ym - b * (t - xm);
    }
    return out;
  }
}
