/**
 * Change-point detection over primitive streams: {@link io.stratus.timeseries.changepoint.Cusum}, the two-sided
 * tabular CUSUM for shifts in level. The anomaly package wraps it as a streaming detector
 * ({@link io.stratus.timeseries.anomaly.Detectors#cusum()}).
 */
package io.stratus.timeseries.changepoint;
