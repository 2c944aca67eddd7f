package io.stratus.timeseries.anomaly;

import io.stratus.timeseries.forecast.FittedModel;
import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecaster;
import io.stratus.timeseries.forecast.StateTracker;
import java.util.Optional;

/**
 * Forecast-residual detector: a forecasting model is fitted to the last {@code window} points, and each point's
 * deviation from its forecast, in units of the forecast's standard deviation, is mapped to a score with the band
 * width. Parameters are re-estimated every {@code refitEvery} points on the latest window, so memory is bounded by
 * the window.
 *
 * <p>Between re-estimations, models in state-space form (the ETS family, see {@link FittedModel#tracker()}) follow
 * every point with their state recursions ({@code O(1)} per point), so each point is scored against its one-step-ahead
 * forecast and the fitted one-step standard deviation; the state learns each innovation clipped at the band edge
 * ({@code bandWidth} standard deviations), so a lone outlier does not drag the next forecasts. Other models forecast {@code refitEvery} steps from the fit
 * and each point is scored against its step of that forecast (the standard deviation from the 95% interval).
 *
 * <p>Points in excluded periods are scored, but their forecast, not their value, enters the model and the training
 * window. If the method cannot fit the window (too short for its season, or values it cannot model, such as
 * non-positive values for a multiplicative model), or a tracked state becomes inadmissible, points score 0 until the
 * next re-estimation succeeds. Not thread-safe.
 */
final class ForecastResidualDetector extends AbstractDetector {

  private static final double Z95 = 1.959963984540054;
  private static final double[] NONE = new double[0];

  private final Forecaster forecaster;
  private final double band;
  private final int refitEvery;
  private final double[] ring;
  private int size;
  private int head;
  private int sinceFit;
  private StateTracker tracker;
  private double[] mean = NONE;
  private double[] sd = NONE;
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
    boolean forecastAvailable;
    double expected = value;
    StateTracker t = tracker;
    if (t != null) {
      forecastAvailable = true;
      expected = t.nextMean();
      double sigma = Math.max(t.nextSd(), Scores.scaleFloor(expected));
      score = Scores.fromBandRatio((value - expected) / sigma / band);
      // The state learns the innovation clipped at the band edge, so one outlier does not drag the next forecasts.
      double limit = band * sigma;
      double innovation = learn ? Math.max(-limit, Math.min(limit, value - expected)) : 0.0;
      if (!t.observe(expected + innovation)) {
        tracker = null; // inadmissible state: silent until the next re-estimation
      }
    } else {
      forecastAvailable = step < mean.length;
      if (forecastAvailable) {
        expected = mean[step];
        double sigma = Math.max(sd[step], Scores.scaleFloor(expected));
        score = Scores.fromBandRatio((value - expected) / sigma / band);
        step++;
      }
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
    tracker = null;
    mean = NONE;
    sd = NONE;
    step = 0;
    FittedModel model;
    try {
      model = forecaster.fit(y);
    } catch (IllegalArgumentException e) { // includes SeriesTooShortException
      return;
    }
    Optional<StateTracker> tracked = model.tracker();
    if (tracked.isPresent()) {
      tracker = tracked.get();
      return;
    }
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
  }
}
