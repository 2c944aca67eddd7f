package io.stratus.timeseries.forecast;

import io.stratus.timeseries.SeriesValidation;

/** Naive and seasonal naive methods. */
final class NaiveForecasters {

  private NaiveForecasters() {}

  /** Seasonal naive with period m (m = 1 is the naive method). */
  static final class SeasonalNaive implements Forecaster {
    private final int m;

    SeasonalNaive(int m) {
      this.m = SeriesValidation.requirePeriod(m, "m");
    }

    @Override
    public String name() {
      return m == 1 ? "Naive" : "SeasonalNaive(m=" + m + ")";
    }

    @Override
    public FittedModel fit(double[] y) {
      SeriesValidation.requireFinite(y, "y");
      SeriesValidation.requireLength(y, m + 1, name());
      int n = y.length;
      double[] fitted = new double[n];
      for (int t = 0; t < n; t++) {
        fitted[t] = t < m ? Double.NaN : y[t - m];
      }
      double[] last = java.util.Arrays.copyOfRange(y, n - m, n);
      return new Fit(name(), y, fitted, m, last);
    }
  }

  private static final class Fit extends GaussianFit {
    private final int m;
    private final double[] lastCycle;

    Fit(String name, double[] y, double[] fitted, int m, double[] lastCycle) {
      super(name, y, fitted, Double.NaN);
      this.m = m;
      this.lastCycle = lastCycle;
    }

    @Override
    void predict(int h, double[] mean, double[] sd) {
      double sigma = residualSd();
      for (int j = 1; j <= h; j++) {
        mean[j - 1] = lastCycle[(j - 1) % m];
        sd[j - 1] = sigma * Math.sqrt((j - 1) / m + 1.0);
      }
    }
  }
}
