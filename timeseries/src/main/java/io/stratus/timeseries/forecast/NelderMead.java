package io.stratus.timeseries.forecast;

import java.util.function.ToDoubleFunction;

/**
 * Unconstrained Nelder-Mead simplex minimiser (standard coefficients: reflection 1, expansion 2, contraction 0.5,
 * shrink 0.5). Bounds are handled by the callers through smooth transforms. Deterministic, allocation-light.
 */
final class NelderMead {

  private NelderMead() {}

  /**
   * Minimises {@code f} from {@code x0}.
   *
   * @return the best point found; {@code f} may return {@code +Infinity} for inadmissible points
   */
  static double[] minimize(ToDoubleFunction<double[]> f, double[] x0, double step, double relTol, int maxEval) {
    int d = x0.length;
    double[][] p = new double[d + 1][];
    double[] v = new double[d + 1];
    for (int i = 0; i <= d; i++) {
      p[i] = x0.clone();
      if (i > 0) {
        p[i][i - 1] += step;
      }
      v[i] = f.applyAsDouble(p[i]);
    }
    int evals = d + 1;
    double[] c = new double[d];
    double[] xr = new double[d];
    double[] xe = new double[d];
    double[] xc = new double[d];
    while (evals < maxEval) {
      sort(p, v);
      double best = v[0];
      double worst = v[d];
      if (Double.isFinite(worst) && Math.abs(worst - best) <= relTol * (Math.abs(best) + 1e-10)) {
        break;
      }
      java.util.Arrays.fill(c, 0);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          c[j] += p[i][j] / d;
        }
      }
      for (int j = 0; j < d; j++) {
        xr[j] = c[j] + (c[j] - p[d][j]);
      }
      double fr = f.applyAsDouble(xr);
      evals++;
      if (fr < v[0]) {
        for (int j = 0; j < d; j++) {
          xe[j] = c[j] + 2 * (c[j] - p[d][j]);
        }
        double fe = f.applyAsDouble(xe);
        evals++;
        if (fe < fr) {
          replace(p, v, d, xe, fe);
        } else {
          replace(p, v, d, xr, fr);
        }
      } else if (fr < v[d - 1]) {
        replace(p, v, d, xr, fr);
      } else {
        boolean outside = fr < v[d];
        for (int j = 0; j < d; j++) {
          xc[j] = outside ? c[j] + 0.5 * (xr[j] - c[j]) : c[j] + 0.5 * (p[d][j] - c[j]);
        }
        double fc = f.applyAsDouble(xc);
        evals++;
        if (fc < Math.min(fr, v[d])) {
          replace(p, v, d, xc, fc);
        } else {
          for (int i = 1; i <= d; i++) {
            for (int j = 0; j < d; j++) {
              p[i][j] = p[0][j] + 0.5 * (p[i][j] - p[0][j]);
            }
            v[i] = f.applyAsDouble(p[i]);
            evals++;
          }
        }
      }
    }
    sort(p, v);
    return p[0];
  }

  private static void replace(double[][] p, double[] v, int i, double[] x, double fx) {
    System.arraycopy(x, 0, p[i], 0, x.length);
    v[i] = fx;
  }

  private static void sort(double[][] p, double[] v) {
    for (int i = 1; i < v.length; i++) {
      double key = v[i];
      double[] kp = p[i];
      int j = i - 1;
      while (j >= 0 && compare(v[j], key) > 0) {
        v[j + 1] = v[j];
        p[j + 1] = p[j];
        j--;
      }
      v[j + 1] = key;
      p[j + 1] = kp;
    }
  }

  private static int compare(double a, double b) {
    double x = Double.isNaN(a) ? Double.POSITIVE_INFINITY : a;
    double y = Double.isNaN(b) ? Double.POSITIVE_INFINITY : b;
    return Double.compare(x, y);
  }
}
