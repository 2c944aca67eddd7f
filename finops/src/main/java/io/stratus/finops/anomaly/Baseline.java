package io.stratus.finops.anomaly;

import java.util.Arrays;

/**
 * The seasonal baseline shared by the monitor and the root-cause analysis: the expected value of a bucket is the
 * median of the same bucket in the previous {@code cycles} seasons (days of the week for daily cost, hours of the week
 * for hourly cost); with fewer than two earlier seasons it is the median of the last season's buckets. Robust to one
 * spike in the look-back and follows a level shift after half the cycles. Stateless; thread-safe.
 */
final class Baseline {
  private Baseline() {
  }

  /**
   * The expected value of {@code series[t]} from the values before it.
   *
   * @param series the values, oldest first
   * @param t the index to predict, {@code 0 <= t <= series.length}
   * @param period buckets per season
   * @param cycles seasons looked back
   * @return the expected value, or NaN when {@code t == 0}
   */
  static double expected(double[] series, int t, int period, int cycles) {
    double[] same = new double[cycles];
    int n = 0;
    for (int j = 1; j <= cycles && t - j * period >= 0; j++) {
      same[n++] = series[t - j * period];
    }
    if (n >= 2) {
      return median(same, n);
    }
    int from = Math.max(0, t - period);
    if (t == from) {
      return Double.NaN;
    }
    return median(Arrays.copyOfRange(series, from, t), t - from);
  }

  static double median(double[] v, int n) {
    if (n == 1) {
      return v[0];
    }
    if (n == 2) {
      return (v[0] + v[1]) / 2;
    }
    double[] s = v.length == n ? v : Arrays.copyOf(v, n);
    Arrays.sort(s);
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
