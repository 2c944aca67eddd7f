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
 * <p>Prediction intervals are Gaussian, {@code mean +- z * sd_h}. For ETS forms with additive error and no
 * multiplicative season, {@code sd_h} is the analytic state-space result
 * {@code sigma^2 (1 + sum_{j<h} c_j^2)} with {@code c_j = alpha + beta (phi + ... + phi^j) + gamma [j mod m = 0]}
 * (Hyndman et al. 2008, class 1); with multiplicative error it is the same expression in relative terms times the
 * point forecast, and with additive error and multiplicative season the additive expression is used: both are
 * first-order approximations. Naive methods use the random-walk forms ({@code sqrt(h)}, {@code sqrt(floor((h-1)/m)+1)}),
 * Theta half the SES interval on its theta=2 line, seasonally adjusted methods rescale their inner intervals, and
 * combinations combine each bound. Residual standard deviations come from the in-sample one-step errors.
 *
 * <p>Input rules: values must be finite (fill gaps with {@link io.stratus.timeseries.MissingValues} and put irregular
 * timestamps on a grid with {@link io.stratus.timeseries.Resampler} first); any finite magnitude is accepted (series
 * beyond about {@code 1e100} or below {@code 1e-100} are fitted on a copy scaled by an exact power of two). A series
 * too short for a model raises {@link io.stratus.timeseries.SeriesTooShortException}; a model whose state stops being
 * finite (a forecast beyond the double range, recursions that diverge) raises
 * {@link io.stratus.timeseries.NonFiniteStateException}, naming the method and the quantity; both are
 * {@link IllegalArgumentException}s. {@link io.stratus.timeseries.forecast.Forecasters#auto(int...)} falls back to
 * simpler models instead, as documented there, and says so in the model name.
 */
package io.stratus.timeseries.forecast;
