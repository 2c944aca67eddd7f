/**
 * Forecasting over primitive series: benchmark methods (naive, seasonal naive, M4's Naive2), exponential smoothing
 * (SES, Holt, damped trend, Holt-Winters, ETS with automatic form selection by AICc), the Theta method, multiple
 * seasonality (decomposition plus ETS), combinations and an automatic method, with 80%/95% prediction intervals,
 * fitted values and residuals; plus M4's accuracy measures ({@link io.stratus.timeseries.forecast.Accuracy}).
 *
 * <p>Entry point: {@link io.stratus.timeseries.forecast.Forecasters}. A
 * {@link io.stratus.timeseries.forecast.Forecaster} is an immutable recipe; {@code fit(y)} returns an immutable
 * {@link io.stratus.timeseries.forecast.FittedModel}; {@code forecast(h)} returns an immutable
 * {@link io.stratus.timeseries.forecast.Forecast}. Everything is deterministic: the same input gives the same output.
 *
 * <pre>{@code
 * FittedModel model = Forecasters.auto(24, 168).fit(hourlyCpu);
 * Forecast next2Days = model.forecast(48);
 * double[] upper = next2Days.upper95();
 * }</pre>
 *
 * <p>Input rules: values must be finite (fill gaps with {@link io.stratus.timeseries.MissingValues} and put irregular
 * timestamps on a grid with {@link io.stratus.timeseries.Resampler} first); a series too short for a model raises
 * {@link io.stratus.timeseries.SeriesTooShortException}, except in {@link
 * io.stratus.timeseries.forecast.Forecasters#auto(int...)}, which falls back to simpler models as documented there.
 */
package io.stratus.timeseries.forecast;
