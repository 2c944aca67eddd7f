package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import org.apiguardian.api.API;

/**
 * One normalized observation: a series, a time in epoch milliseconds and a value in the series' canonical unit. Any
 * double is allowed (NaN marks a gap a source reported explicitly); the store keeps it bit for bit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param series the series
 * @param epochMillis when it was observed, milliseconds since the epoch
 * @param value the value in the canonical unit
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MetricSample(SeriesId series, long epochMillis, double value) {
  /**
   * Validates.
   *
   * @throws NullPointerException if the series is null
   */
  public MetricSample {
    Checks.nonNull(series, "metricSample.series");
  }
}
