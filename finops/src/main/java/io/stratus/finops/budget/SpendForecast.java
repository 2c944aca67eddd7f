package io.stratus.finops.budget;

import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecasters;

/**
 * The budget forecast of the remaining days: an automatically selected ETS model with a weekly season (the
 * time-series engine's {@code Forecasters.ets(7)}) fitted to the scope's recent complete days; with fewer than
 * {@value #MIN_DAYS} days of history, or if the fit fails, the mean of the last (up to) 7 days times the days left
 * (run rate). Negative daily forecasts count as zero. Stateless; thread-safe.
 */
final class SpendForecast {
  /** Days of history needed for the ETS forecast. */
  static final int MIN_DAYS = 21;

  private SpendForecast() {
  }

  /**
   * Expected spend over the next {@code days} days.
   *
   * @param history complete days, oldest first, leading days without spend removed
   * @param days the horizon, {@code >= 0}
   * @return the sum, {@code >= 0}
   */
  static double remaining(double[] history, int days) {
    if (days <= 0 || history.length == 0) {
      return 0;
    }
    if (history.length >= MIN_DAYS) {
      try {
        Forecast f = Forecasters.ets(7).fit(history).forecast(days);
        double sum = 0;
        for (double v : f.mean()) {
          sum += Math.max(0, v);
        }
        if (Double.isFinite(sum)) {
          return sum;
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        // a degenerate history (e.g. constant zero with noise): the run rate below is the documented fallback
      }
    }
    int n = Math.min(7, history.length);
    double sum = 0;
    for (int i = history.length - n; i < history.length; i++) {
      sum += history[i];
    }
    return Math.max(0, sum / n) * days;
  }
}
