package io.stratus.timeseries.anomaly;

import io.stratus.timeseries.forecast.FittedModel;
import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecaster;

/**
 * Forecast-residual detector: a forecasting model fitted to the last {@code window} points forecasts the next
 * {@code refitEvery} points; each point's deviation from its forecast, in units of the forecast's standard deviation
 * (from its 95% interval), is mapped to a score with the band width. The model is refitted every {@code refitEvery}
 * points on the latest window, so memory is bounded by the window and the forecast horizon.
 *
 * <p>Points in excluded periods are scored, but their forecast, not their value, enters the training window. If the
 * method cannot fit the window (too short for its season, or values it cannot model, such as non-positive values for
 * a multiplicative model), points score 0 until the next refit succeeds. Not
 * thread-safe.
 */
final class ForecastResidualDetector extends AbstractDetector {

  private static final double Z95 = 1.959963984540054;

  private final Forecaster forecaster;
  private final double band;
  private final int refitEvery;
  private final double[] ring;
  private int size;
  private int head;
  private int sinceFit;
  private double[] mean = new double[0];
  private double[] sd = new double[0];
  private int step;

  ForecastResidualDetector(DetectorOptions options, Forecaster forecaster, int refitEvery) {
    super(options);
    this.forecaster = forecaster;
    this.band = options.bandWidth();
    this.refitEvery = refitEvery;
    this.ring = new double[options.window()];
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double score = 0.0;
    boolean forecastAvailable = step < mean.length;
    double expected = value;
    if (forecastAvailable) {
      expected = mean[step];
      double sigma = Math.max(sd[step], Scores.scaleFloor(expected));
      score = Scores.fromBandRatio((value - expected) / sigma / band);
      step++;
    }
    if (!learn && !forecastAvailable) {
      return score; // excluded and nothing to stand in for it: the point leaves no trace
    }
    push(learn ? value : expected);
    if (size == ring.length && ++sinceFit >= refitEvery) {
      refit();
    }
    return score;
  }

  private void push(double v) {
    if (size < ring.length) {
      ring[(head + size++) % ring.length] = v;
    } else {
      ring[head] = v;
      head = (head + 1) % ring.length;
    }
  }

  private void refit() {
    sinceFit = 0;
    double[] y = new double[size];
    for (int i = 0; i < size; i++) {
      y[i] = ring[(head + i) % ring.length];
    }
    try {
      FittedModel model = forecaster.fit(y);
      Forecast f = model.forecast(refitEvery);
      double[] m = f.mean();
      double[] lo = f.lower95();
      double[] hi = f.upper95();
      double[] s = new double[m.length];
      for (int i = 0; i < m.length; i++) {
        s[i] = (hi[i] - lo[i]) / (2.0 * Z95);
      }
      mean = m;
      sd = s;
    } catch (IllegalArgumentException e) { // includes SeriesTooShortException
      mean = new double[0];
      sd = new double[0];
    }
    step = 0;
  }
}
