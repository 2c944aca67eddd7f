package io.stratus.finops.forecast;

import org.apiguardian.api.API;

/**
 * How well the forecasting method did on the scope's own history: rolling-origin backtest, the series cut at
 * {@code origins} points {@code horizonDays} apart (the last one {@code horizonDays} before the forecast day), each
 * cut forecast {@code horizonDays} ahead and compared with what was billed.
 *
 * <p>All figures are {@code NaN} when {@code origins} is 0 (too little history to hold any back).
 *
 * <p>Immutable and thread-safe.
 *
 * @param origins how many cuts were evaluated
 * @param horizonDays the days forecast at each cut
 * @param dailyMape mean absolute percentage error of the daily forecasts, over days with a positive cost (0.05 = 5%)
 * @param totalMape mean absolute percentage error of the horizon totals
 * @param coverage80 share of days whose cost fell inside the 80% interval
 * @param coverage95 share of days whose cost fell inside the 95% interval
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BacktestAccuracy(
    int origins, int horizonDays, double dailyMape, double totalMape, double coverage80, double coverage95) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public BacktestAccuracy {
    if (origins < 0 || horizonDays < 0) {
      throw new IllegalArgumentException("backtestAccuracy.origins and horizonDays must be >= 0, got " + origins
          + ", " + horizonDays);
    }
  }
}
