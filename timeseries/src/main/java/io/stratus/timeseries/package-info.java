/**
 * Shared utilities over primitive time series ({@code double[]} values at a fixed frequency): input validation,
 * missing values, resampling of irregular timestamps, autocorrelation and seasonality tests, and seasonal
 * decomposition (classical and multi-seasonal).
 *
 * <p>Sub-packages: {@code io.stratus.timeseries.forecast} (forecasting models, automatic selection, accuracy metrics),
 * {@code io.stratus.timeseries.anomaly} and {@code io.stratus.timeseries.changepoint}.
 *
 * <p>Conventions: every method copies its inputs and returns fresh arrays; nothing keeps a reference to a caller's
 * array. A value of {@code NaN} means "missing" only where a method says so ({@link io.stratus.timeseries.MissingValues},
 * {@link io.stratus.timeseries.Resampler}); everywhere else non-finite values are rejected with a message that names
 * the index and the value.
 */
package io.stratus.timeseries;
