package io.stratus.timeseries.forecast;

/** Common state of fitted models whose intervals are Gaussian around the point forecast. */
abstract class BaseFit implements FittedModel {

  private final String name;
  private final double[] fitted;
  private final double[] residuals;
  private final double residualSd;
  private final double aicc;

  BaseFit(String name, double[] y, double[] fitted, double aicc) {
    this.name = name;
    this.fitted = fitted;
    this.residuals = new double[y.length];
    double ss = 0;
    int count = 0;
    for (int t = 0; t < y.length; t++) {
      residuals[t] = y[t] - fitted[t];
      if (!Double.isNaN(residuals[t])) {
        ss += residuals[t] * residuals[t];
        count++;
      }
    }
    this.residualSd = count == 0 ? 0 : Math.sqrt(ss / count);
    this.aicc = aicc;
  }

  static void requireHorizon(int h) {
    if (h < 1) {
      throw new IllegalArgumentException("h = " + h + ": the horizon must be >= 1");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double[] fitted() {
    return fitted.clone();
  }

  @Override
  public double[] residuals() {
    return residuals.clone();
  }

  @Override
  public double residualSd() {
    return residualSd;
  }

  @Override
  public double aicc() {
    return aicc;
  }

  @Override
  public String toString() {
    return name + "[n=" + fitted.length + ", aicc=" + aicc + ", residualSd=" + residualSd + "]";
  }
}
