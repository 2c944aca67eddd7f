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
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double c0 = 0;
    for (double v : y) {
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
        s += (y[t] - mean) * (y[t + k] - mean);
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
}
