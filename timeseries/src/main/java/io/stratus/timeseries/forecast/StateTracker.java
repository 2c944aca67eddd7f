package io.stratus.timeseries.forecast;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The state of a fitted state-space model (the ETS family: SES, Holt, damped trend, Holt-Winters, ETS) following
 * new observations one at a time with the fitted parameters held fixed: each observation costs {@code O(1)} (the
 * model's state recursions), with no re-estimation. Obtain one from {@link FittedModel#tracker()}; it starts after
 * the fitted series' last observation. Not thread-safe: one tracker follows one series.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface StateTracker {

  /**
   * Returns the one-step-ahead point forecast of the next observation.
   *
   * @return the forecast mean; finite while {@link #observe(double)} has not returned false
   */
  double nextMean();

  /**
   * Returns the standard deviation of the one-step-ahead forecast error (the fitted innovation scale, times the
   * forecast for multiplicative-error forms).
   *
   * @return at least 0
   */
  double nextSd();

  /**
   * Advances the state by one observation.
   *
   * @param y the observation, finite (and positive for multiplicative forms)
   * @return true if the state stays admissible; false if the model cannot follow this observation (for example a
   *     multiplicative form whose level or forecast reaches zero), after which the tracker must be discarded
   * @throws IllegalArgumentException if {@code y} is NaN or infinite
   */
  boolean observe(double y);
}
