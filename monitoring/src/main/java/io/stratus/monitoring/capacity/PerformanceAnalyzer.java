package io.stratus.monitoring.capacity;

import io.stratus.monitoring.internal.Checks;
import io.stratus.timeseries.Seasonality;
import io.stratus.timeseries.forecast.FittedModel;
import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecaster;
import io.stratus.timeseries.forecast.Forecasters;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Trend, seasonality and time to exhaustion of a utilization series, using the time-series engine's automatic
 * forecaster ({@link Forecasters#auto(int...)}) for the forecast and its 95 % prediction intervals.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PerformanceAnalyzer {
  private final int seasonPeriod;

  private PerformanceAnalyzer(int seasonPeriod) {
    this.seasonPeriod = seasonPeriod;
  }

  /**
   * An analyzer that looks for one season of {@code seasonPeriod} steps (e.g. 24 for a daily cycle of hourly data,
   * 288 for 5-minute data); 1 for none.
   *
   * @param seasonPeriod the candidate season length in steps, {@code >= 1}
   * @return the analyzer; never null
   */
  public static PerformanceAnalyzer create(int seasonPeriod) {
    return new PerformanceAnalyzer(Checks.positive(seasonPeriod, "seasonPeriod"));
  }

  /**
   * Forecasts when a utilization series reaches a limit.
   *
   * @param resource the resource or group name; not blank
   * @param history equally spaced values, oldest first, all finite
   * @param step the spacing, {@code > 0}
   * @param limit the limit, e.g. 80 for 80 %
   * @param horizon how far to look ahead, at least one step
   * @return the forecast; never null
   * @throws IllegalArgumentException if a value is not finite, the history is too short (fewer than 8 values) or the
   *     horizon is shorter than a step
   */
  public CapacityForecast timeToExhaustion(
      String resource, double[] history, Duration step, double limit, Duration horizon) {
    Checks.nonBlank(resource, "resource");
    Checks.nonNull(history, "history");
    Checks.positive(step, "step");
    Checks.finite(limit, "limit");
    Checks.positive(horizon, "horizon");
    if (history.length < 8) {
      throw new IllegalArgumentException("history must have at least 8 values, got " + history.length);
    }
    for (int i = 0; i < history.length; i++) {
      if (!Double.isFinite(history[i])) {
        throw new IllegalArgumentException("history[" + i + "] must be finite, got " + history[i]);
      }
    }
    long h = horizon.toMillis() / step.toMillis();
    if (h < 1) {
      throw new IllegalArgumentException("horizon must be at least one step " + step + ", got " + horizon);
    }
    int steps = (int) Math.min(h, 100_000);
    double slopePerStep = slope(history);
    double perDay = slopePerStep * (Duration.ofDays(1).toMillis() / (double) step.toMillis());
    int period = seasonPeriod > 1 && history.length >= 3 * seasonPeriod
        && Seasonality.isSeasonal(history, seasonPeriod) ? seasonPeriod : 1;
    Forecaster forecaster = period > 1 ? Forecasters.auto(period) : Forecasters.auto();
    FittedModel model = forecaster.fit(history);
    Forecast f = model.forecast(steps);
    Optional<Duration> expected = crossing(f.mean(), limit, step);
    Optional<Duration> earliest = crossing(f.upper95(), limit, step);
    Optional<Duration> latest = crossing(f.lower95(), limit, step);
    double last = history[history.length - 1];
    StringBuilder why = new StringBuilder();
    why.append(String.format(Locale.ROOT, "%s is at %.1f against a limit of %.1f, trending %+.2f per day", resource,
        last, limit, perDay));
    why.append(period > 1 ? "; a season of " + period + " steps was found" : "; no season was found");
    why.append("; model ").append(model.name()).append(". ");
    if (expected.isPresent()) {
      why.append("Expected to reach the limit in ").append(expected.get());
      why.append(earliest.map(e -> ", possibly as early as " + e).orElse(""));
      why.append(latest.map(l -> ", at the latest " + l).orElse(", possibly later than the horizon"));
      why.append('.');
    } else if (earliest.isPresent()) {
      why.append("Not expected to reach the limit within ").append(horizon).append(", but it may in ")
          .append(earliest.get()).append(" (upper 95 % bound).");
    } else {
      why.append("Not expected to reach the limit within ").append(horizon).append(" even at the upper 95 % bound.");
    }
    return new CapacityForecast(resource, limit, perDay, period, model.name(), horizon, expected, earliest, latest,
        why.toString());
  }

  private static Optional<Duration> crossing(double[] path, double limit, Duration step) {
    for (int i = 0; i < path.length; i++) {
      if (path[i] >= limit) {
        return Optional.of(step.multipliedBy(i + 1L));
      }
    }
    return Optional.empty();
  }

  static double slope(double[] y) {
    int n = y.length;
    double mx = (n - 1) / 2.0;
    double my = 0;
    for (double v : y) {
      my += v;
    }
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - mx) * (y[i] - my);
      sxx += (i - mx) * (i - mx);
    }
    return sxy / sxx;
  }
}
