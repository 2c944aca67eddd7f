package io.stratus.timeseries.forecast;

import org.apiguardian.api.API;

/**
 * A model fitted to one series. Immutable and thread-safe; arrays are copied out.
 *
 * <p>{@link #fitted()} holds the one-step-ahead in-sample forecasts and {@link #residuals()} the observations minus
 * those forecasts. Positions where a model has no one-step forecast yet (the first observation of a naive model, the
 * first cycle of a seasonal naive model) are {@code NaN} in both.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface FittedModel {

  /**
   * Returns the model's name, including its chosen form, e.g. {@code "ETS(M,Ad,M)"} or {@code "Theta(m=24)"}.
   *
   * @return the name; never null
   */
  String name();

  /**
   * Forecasts {@code h} steps after the last observation.
   *
   * @param h the horizon, {@code >= 1}
   * @return the forecast with 80%/95% intervals; never null
   * @throws IllegalArgumentException if {@code h < 1}
   */
  Forecast forecast(int h);

  /**
   * Returns the in-sample one-step-ahead forecasts.
   *
   * @return a new array of the series' length ({@code NaN} where undefined); never null
   */
  double[] fitted();

  /**
   * Returns the in-sample one-step-ahead errors ({@code y - fitted}).
   *
   * @return a new array of the series' length ({@code NaN} where undefined); never null
   */
  double[] residuals();

  /**
   * Returns the root mean square of the defined residuals: the one-step forecast error scale.
   *
   * @return the residual standard deviation, {@code >= 0}
   */
  double residualSd();

  /**
   * Returns the corrected Akaike information criterion of a likelihood-based model (ETS and the models built on it).
   *
   * @return the AICc, or {@code NaN} for models without a likelihood (naive methods, Theta, combinations)
   */
  double aicc();

  /**
   * Returns a tracker that follows new observations with this model's parameters fixed, in {@code O(1)} per
   * observation, starting after the fitted series' last observation. Models in innovations state-space form (the ETS
   * family) have one; others (naive methods, Theta, decompositions, combinations) do not.
   *
   * @return a new, independent tracker, or empty if the model has no state recursions
   */
  default java.util.Optional<StateTracker> tracker() {
    return java.util.Optional.empty();
  }
}
