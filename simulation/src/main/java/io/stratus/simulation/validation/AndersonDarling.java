package io.stratus.simulation.validation;

import java.util.Arrays;

/**
 * Two-sample Anderson–Darling test in the version of Scholz and Stephens (1987, "K-sample Anderson–Darling tests",
 * JASA 82(399)) that allows ties (their A²akN), standardized with their exact variance, and a p-value interpolated
 * log-linearly in their table of critical values for k = 2, capped to [0.001, 0.25] as the table is.
 */
final class AndersonDarling {
  private static final double[] SIG = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};
  private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
  private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
  private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};

  private AndersonDarling() {}

  /** Returns {A²akN, standardized statistic T, p-value}. */
  static double[] test(double[] x, double[] y) {
    int m = x.length;
    int n = y.length;
    int total = m + n;
    double[] xs = x.clone();
    double[] ys = y.clone();
    Arrays.sort(xs);
    Arrays.sort(ys);
    double[] pooled = new double[total];
    System.arraycopy(xs, 0, pooled, 0, m);
    System.arraycopy(ys, 0, pooled, m, n);
    Arrays.sort(pooled);
    double bigN = total;
    double a2 = 0;
    int px = 0;
    int py = 0;
    int b = 0;
    int mx = 0;
    int my = 0;
    int j = 0;
    while (j < total) {
      double z = pooled[j];
      int l = 0;
      while (j < total && pooled[j] == z) {
        l++;
        j++;
      }
      int fx = 0;
      while (px < m && xs[px] == z) {
        fx++;
        px++;
      }
      int fy = 0;
      while (py < n && ys[py] == z) {
        fy++;
        py++;
      }
      b += l;
      mx += fx;
      my += fy;
      double ba = b - l / 2.0;
      double denom = ba * (bigN - ba) - bigN * l / 4.0;
      if (denom > 0) {
        double max = mx - fx / 2.0;
        double may = my - fy / 2.0;
        a2 += l * ((bigN * max - m * ba) * (bigN * max - m * ba) / m
            + (bigN * may - n * ba) * (bigN * may - n * ba) / n) / denom;
      }
    }
    a2 *= (bigN - 1) / (bigN * bigN);
    double sigma = Math.sqrt(variance(m, n));
    double t = (a2 - 1) / sigma;
    return new double[] {a2, t, pValue(t)};
  }

  private static double variance(int m, int n) {
    int total = m + n;
    double bigN = total;
    double k = 2;
    double h = 0;
    double[] harmonic = new double[total];
    for (int i = 1; i < total; i++) {
      h += 1.0 / i;
      harmonic[i] = h;
    }
    double g = 0;
    for (int i = 1; i <= total - 2; i++) {
      g += (harmonic[total - 1] - harmonic[i]) / (total - i);
    }
    double bigH = 1.0 / m + 1.0 / n;
    double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * bigH;
    double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6;
    double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * bigH + 4 * h;
    double d = (2 * h + 6) * k * k - 4 * h * k;
    return (a * bigN * bigN * bigN + b * bigN * bigN + c * bigN + d) / ((bigN - 1) * (bigN - 2) * (bigN - 3));
  }

  private static double pValue(double t) {
    double[] crit = new double[SIG.length];
    for (int i = 0; i < SIG.length; i++) {
      crit[i] = B0[i] + B1[i] + B2[i]; // m = k - 1 = 1
    }
    if (t <= crit[0]) {
      return SIG[0];
    }
    if (t >= crit[crit.length - 1]) {
      return SIG[SIG.length - 1];
    }
    for (int i = 1; i < crit.length; i++) {
      if (t <= crit[i]) {
        double w = (t - crit[i - 1]) / (crit[i] - crit[i - 1]);
        return Math.exp(Math.log(SIG[i - 1]) + w * (Math.log(SIG[i]) - Math.log(SIG[i - 1])));
      }
    }
    return SIG[SIG.length - 1];
  }
}
