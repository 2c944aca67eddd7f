/**
 * Per-scope cost anomaly detection and forecasting on Apache Spark: {@link io.stratus.spark.detect.ScopeDetection}
 * groups FOCUS cost rows by scope (each value of an account, service, team-tag or other dimension) and runs the
 * finops module's own {@link io.stratus.finops.anomaly.CostAnomalyMonitor} and {@link
 * io.stratus.finops.forecast.CostPredictor} for each scope inside a Spark task, returning the anomalies and forecasts
 * as data frames.
 */
@NullMarked
package io.stratus.spark.detect;

import org.jspecify.annotations.NullMarked;
