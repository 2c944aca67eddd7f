package io.stratus.timeseries.forecast;

import io.stratus.timeseries.SeriesValidation;

/**
 * The classic Theta method (Assimakopoulos &amp; Nikolopoulos 2000) as in M4's benchmark code, on a series that is
 * already seasonally adjusted: the theta=0 line is the least-squares line, the theta=2 line {@code 2y - line} is
 * forecast by SES, and the forecast is the equal-weight average of both (equivalent to SES with drift).
 */
final class ThetaForecaster implements Forecaster {

  private static final Ets SES = new Ets(false, Ets.NONE, Ets.NONE, 1);

  @Override
  public String name() {
    return "Theta";
  }

  @Override
  public FittedModel fit(double[] y) {
    SeriesValidation.requireFinite(y, "y");
    SeriesValidation.requireLength(y, SES.minLength(), name());
    int n = y.length;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int t = 0; t < n; t++) {
      double x = t + 1;
      sx += x;
      sy += y[t];
      sxx += x * x;
      sxy += x * y[t];
    }
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double a = (sy - b * sx) / n;
    double[] theta2 = new double[n];
    for (int t = 0; t < n; t++) {
      theta2[t] = 2 * y[t] - (a + b * (t + 1));
    }
    Ets.EtsFit ses = SES.fit(theta2);
    double[] sesFitted = ses.fitted();
    double[] fitted = new double[n];
    for (int t = 0; t < n; t++) {
      fitted[t] = 0.5 * sesFitted[t] + 0.5 * (a + b * (t + 1));
    }
    return new Fit(y, fitted, ses, a, b);
  }

  private static final class Fit extends GaussianFit {
    private final Ets.EtsFit ses;
    private final double a;
    private final double b;
    private final int n;

    Fit(double[] y, double[] fitted, Ets.EtsFit ses, double a, double b) {
      super("Theta", y, fitted, Double.NaN);
      this.ses = ses;
      this.a = a;
      this.b = b;
      this.n = y.length;
    }

    @Override
    void predict(int h, double[] mean, double[] sd) {
      double[] sesMean = new double[h];
      double[] sesSd = new double[h];
      ses.predict(h, sesMean, sesSd);
      for (int j = 1; j <= h; j++) {
        mean[j - 1] = 0.5 * sesMean[j - 1] + 0.5 * (a + b * (n + j));
        sd[j - 1] = 0.5 * sesSd[j - 1];
      }
    }
  }
}
