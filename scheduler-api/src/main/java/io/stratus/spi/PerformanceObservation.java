package io.stratus.spi;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What has been observed of one instance type in one region for one class of workload.
 *
 * <p>Immutable and thread-safe.
 *
 * @param instanceTypeId the instance type, {@code provider:name}
 * @param regionId the region, {@code provider:code}
 * @param workloadClass the workload class, e.g. {@code web}
 * @param cpuScore measured CPU score per vCPU (1.0 = reference core), finite and {@code >= 0}
 * @param failureRate probability that an instance fails or is interrupted within a month, in [0, 1]
 * @param sampleCount how many observations back the figures, {@code >= 1}
 * @param observedAt time of the newest observation
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PerformanceObservation(
    String instanceTypeId,
    String regionId,
    String workloadClass,
    double cpuScore,
    double failureRate,
    long sampleCount,
    Instant observedAt) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a figure breaks its rule
   */
  public PerformanceObservation {
    Objects.requireNonNull(instanceTypeId, "observation.instanceTypeId");
    Objects.requireNonNull(regionId, "observation.regionId");
    Objects.requireNonNull(workloadClass, "observation.workloadClass");
    Objects.requireNonNull(observedAt, "observation.observedAt");
    if (!Double.isFinite(cpuScore) || cpuScore < 0) {
      throw new IllegalArgumentException("observation.cpuScore must be finite and >= 0, got " + cpuScore);
    }
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new IllegalArgumentException("observation.failureRate must be in [0, 1], got " + failureRate);
    }
    if (sampleCount < 1) {
      throw new IllegalArgumentException("observation.sampleCount must be >= 1, got " + sampleCount);
    }
  }
}
