package io.stratus.finops.optimize;

import org.apiguardian.api.API;

/**
 * What a resource used over an observation window, as a monitoring system reports it: the 95th percentile of CPU and
 * memory utilization and the share of the window's hours the resource was running.
 *
 * <p>Immutable and thread-safe.
 *
 * @param p95Cpu the 95th percentile of CPU utilization, a fraction in {@code [0, 1]}
 * @param p95Memory the 95th percentile of memory utilization, a fraction in {@code [0, 1]}
 * @param observedDays how many days the percentiles cover, {@code >= 0}
 * @param uptimeFraction the share of the window's hours the resource ran, a fraction in {@code [0, 1]}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Utilization(double p95Cpu, double p95Memory, int observedDays, double uptimeFraction) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a fraction is outside {@code [0, 1]} or not finite, or the days are negative
   */
  public Utilization {
    fraction("utilization.p95Cpu", p95Cpu);
    fraction("utilization.p95Memory", p95Memory);
    fraction("utilization.uptimeFraction", uptimeFraction);
    if (observedDays < 0) {
      throw new IllegalArgumentException("utilization.observedDays must be >= 0, got " + observedDays);
    }
  }

  static void fraction(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be a fraction in [0, 1], got " + v);
    }
  }
}
