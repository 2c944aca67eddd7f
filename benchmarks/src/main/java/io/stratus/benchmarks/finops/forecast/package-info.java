/**
 * FinOps intelligence benchmarks of issue 13 (optimization and forecasting side): a seeded generator of daily cost
 * histories with trend and weekly/monthly seasonality, the rolling-origin accuracy of {@code CostPredictor}, and the
 * speed of {@code CostOptimizer} over 10,000 resources x 400 days (not published; benchmark-only).
 */
package io.stratus.benchmarks.finops.forecast;
