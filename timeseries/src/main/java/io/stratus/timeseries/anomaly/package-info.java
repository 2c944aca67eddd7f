/**
 * Anomaly detection over primitive time series: streaming detectors that score one point at a time in bounded memory
 * ({@link io.stratus.timeseries.anomaly.StreamingDetector}, created by {@link io.stratus.timeseries.anomaly.Detectors}),
 * and batch detection over history ({@link io.stratus.timeseries.anomaly.SeasonalHybridEsd}).
 *
 * <p>Every streaming detector returns an {@link io.stratus.timeseries.anomaly.AnomalyResult} whose score lies in
 * {@code [0, 1]}; a point is labelled anomalous when its score reaches {@code 0.5}, which each band detector places at
 * its configured band width ({@link io.stratus.timeseries.anomaly.DetectorOptions#bandWidth()}). Raw scores of
 * different detectors and series can be made comparable by the calibration stages
 * ({@link io.stratus.timeseries.anomaly.Detectors#rank rank} and
 * {@link io.stratus.timeseries.anomaly.Detectors#likelihood likelihood}); the default ensemble alerts at
 * {@link io.stratus.timeseries.anomaly.Detectors#ALERT_THRESHOLD}, a constant chosen by held-out evaluation on NAB.
 * Values must be finite and timestamps non-decreasing; anything else is rejected with an {@link java.lang.IllegalArgumentException}.
 */
package io.stratus.timeseries.anomaly;
