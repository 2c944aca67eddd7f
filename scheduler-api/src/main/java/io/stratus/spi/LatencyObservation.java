package io.stratus.spi;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Observed network round-trip latency from a region to a user location.
 *
 * <p>Immutable and thread-safe.
 *
 * @param regionId the region, {@code provider:code}
 * @param locationName the user location's name
 * @param p95Millis p95 round-trip time in ms, finite and {@code >= 0}
 * @param sampleCount how many observations back it, {@code >= 1}
 * @param observedAt time of the newest observation
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record LatencyObservation(
    String regionId, String locationName, double p95Millis, long sampleCount, Instant observedAt) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a figure breaks its rule
   */
  public LatencyObservation {
    Objects.requireNonNull(regionId, "latency.regionId");
    Objects.requireNonNull(locationName, "latency.locationName");
    Objects.requireNonNull(observedAt, "latency.observedAt");
    if (!Double.isFinite(p95Millis) || p95Millis < 0) {
      throw new IllegalArgumentException("latency.p95Millis must be finite and >= 0, got " + p95Millis);
    }
    if (sampleCount < 1) {
      throw new IllegalArgumentException("latency.sampleCount must be >= 1, got " + sampleCount);
    }
  }
}
