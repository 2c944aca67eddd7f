package io.stratus.timeseries.forecast;

import org.apiguardian.api.API;

/**
 * A forecasting method with its configuration (season periods, model form): fits a series and returns a
 * {@link FittedModel}. Immutable and thread-safe; obtain instances from {@link Forecasters}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Forecaster {

  /**
   * Returns the method's name, e.g. {@code "ETS(m=24)"}.
   *
   * @return the name; never null
   */
  String name();

  /**
   * Fits the method to a series of equally spaced observations. Deterministic.
   *
   * @param y the observations, oldest first, all finite; never null; not modified or retained
   * @return the fitted model; never null
   * @throws NullPointerException if {@code y} is null
   * @throws IllegalArgumentException if a value is NaN or infinite (the message names the index and value), or the
   *     method needs positive values and gets one {@code <= 0}
   * @throws io.stratus.timeseries.SeriesTooShortException if the series is too short for the method
   */
  FittedModel fit(double[] y);
}
