package io.stratus.scheduler.core;

import io.stratus.model.GeoPoint;

/**
 * The documented estimates schedulers use where a {@link io.stratus.spi.PerformanceHistoryProvider} has no
 * observation. Each is conservative and simple on purpose; observed figures always win.
 */
final class Estimates {
  /** CPU score per vCPU of an unobserved instance type: the reference core. */
  static final double CPU_SCORE = 1.0;

  /**
   * Monthly failure probability of an unobserved, non-interruptible instance: 0.5 %, the complement of the 99.5 %
   * single-instance availability that AWS, Google Cloud and Azure commit to in their compute SLAs.
   */
  static final double FAILURE_RATE = 0.005;

  /**
   * Monthly interruption probability of a running spot machine whose offer is not in the price snapshot: 10 %, the
   * upper edge of AWS's "5-10 %" interruption-frequency band, where most general-purpose types fall.
   */
  static final double SPOT_INTERRUPTION_RATE = 0.10;

  /**
   * Effective one-way propagation speed used for latency estimates, in km per ms. Light in fibre covers about 200 km
   * per ms; real routes are about twice as long as the great circle, so 100 km per ms of great-circle distance.
   */
  static final double KM_PER_MS = 100.0;

  /** Fixed overhead added to every estimated round trip for last-mile access, queuing and TLS/host time, in ms. */
  static final double LATENCY_OVERHEAD_MS = 5.0;

  private Estimates() {}

  /**
   * Estimated p95 round-trip time between two points: {@code 2 * distanceKm / 100 + 5} ms.
   *
   * @param from one end
   * @param to the other end
   * @return milliseconds, finite and {@code >= 5}
   */
  static double p95LatencyMillis(GeoPoint from, GeoPoint to) {
    return 2 * from.distanceKm(to) / KM_PER_MS + LATENCY_OVERHEAD_MS;
  }

  /**
   * Expected hourly cost used for ranking: the price, plus for interruptible capacity the monthly interruption rate as
   * a rework surcharge (work lost and restarted after an interruption is paid twice).
   *
   * @param price the hourly price
   * @param interruptionRate the monthly interruption probability
   * @return the expected hourly cost
   */
  static double expectedHourlyCost(double price, double interruptionRate) {
    return price * (1 + interruptionRate);
  }
}
