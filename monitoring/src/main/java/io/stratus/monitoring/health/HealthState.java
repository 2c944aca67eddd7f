package io.stratus.monitoring.health;

import org.apiguardian.api.API;

/**
 * How healthy a target is, from best to worst; {@link #UNKNOWN} when there is no recent data.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum HealthState {
  /** Works as expected. */
  HEALTHY,
  /** Works, but slowly, with errors or close to saturation. */
  DEGRADED,
  /** Does not work. */
  UNHEALTHY,
  /** No recent probe or metric. */
  UNKNOWN;

  /**
   * Whether this state counts as available for SLO accounting.
   *
   * @return true for healthy and degraded
   */
  public boolean isAvailable() {
    return this == HEALTHY || this == DEGRADED;
  }
}
