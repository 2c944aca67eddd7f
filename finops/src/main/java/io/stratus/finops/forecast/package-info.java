/**
 * Cost forecasts and what-if scenarios: {@link io.stratus.finops.forecast.CostPredictor} forecasts a
 * {@link io.stratus.finops.forecast.CostScope}'s daily cost with the time-series engine's automatic seasonal and
 * trend models, sums it to the end of the month, the quarter and up to 24 months ahead with 80%/95% prediction
 * intervals, reports its rolling-origin backtest accuracy, and re-prices the forecast under a
 * {@link io.stratus.finops.forecast.Scenario} (usage growth, a move to spot, another region or cloud, a one-year
 * commitment) with the difference from the baseline and its interval.
 */
package io.stratus.finops.forecast;
