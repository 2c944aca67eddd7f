/**
 * Change-point detection over primitive streams: {@link io.stratus.timeseries.changepoint.Cusum}, the two-sided
 * tabular CUSUM for shifts in level, and {@link io.stratus.timeseries.changepoint.BayesianChangePoint}, Bayesian online
 * change-point detection with a truncated run-length distribution. The anomaly package wraps it as a streaming detector
 * ({@link io.stratus.timeseries.anomaly.Detectors#cusum()}).
 */
package io.stratus.timeseries.changepoint;
