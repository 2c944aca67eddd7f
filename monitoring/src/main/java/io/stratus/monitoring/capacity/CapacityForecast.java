package io.stratus.monitoring.capacity;

import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * When a resource is expected to run out of capacity, with an interval: the point forecast crossing the limit gives
 * the expected time, the upper 95 % bound crossing it the earliest plausible time, the lower 95 % bound the latest.
 * Each is empty when the crossing lies beyond the horizon.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resource the resource or group
 * @param limit the utilization limit, e.g. 80 (percent)
 * @param trendPerDay the linear trend of the history, in units per day
 * @param seasonalPeriod the detected season length in steps, 1 when none was found
 * @param model the forecasting model that was fitted
 * @param horizon how far ahead was forecast
 * @param expected time until the point forecast reaches the limit
 * @param earliest time until the upper 95 % bound reaches it
 * @param latest time until the lower 95 % bound reaches it
 * @param explanation one paragraph for people
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CapacityForecast(
    String resource,
    double limit,
    double trendPerDay,
    int seasonalPeriod,
    String model,
    Duration horizon,
    Optional<Duration> expected,
    Optional<Duration> earliest,
    Optional<Duration> latest,
    String explanation) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public CapacityForecast {
    Checks.nonBlank(resource, "capacityForecast.resource");
    Checks.nonNull(model, "capacityForecast.model");
    Checks.nonNull(horizon, "capacityForecast.horizon");
    Checks.nonNull(expected, "capacityForecast.expected");
    Checks.nonNull(earliest, "capacityForecast.earliest");
    Checks.nonNull(latest, "capacityForecast.latest");
    Checks.nonNull(explanation, "capacityForecast.explanation");
  }
}
