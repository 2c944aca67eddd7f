package io.stratus.timeseries.forecast;

/** A fitted model whose prediction intervals are Gaussian around the point forecast. */
abstract class GaussianFit extends BaseFit {

  GaussianFit(String name, double[] y, double[] fitted, double aicc) {
    super(name, y, fitted, aicc);
  }

  /** Fills point forecasts and forecast standard deviations for steps 1..h. */
  abstract void predict(int h, double[] mean, double[] sd);

  @Override
  public Forecast forecast(int h) {
    requireHorizon(h);
    double[] mean = new double[h];
    double[] sd = new double[h];
    predict(h, mean, sd);
    return Forecast.gaussian(name(), mean, sd);
  }
}
