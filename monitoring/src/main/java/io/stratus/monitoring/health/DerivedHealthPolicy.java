package io.stratus.monitoring.health;

import io.stratus.monitoring.internal.Checks;
import org.apiguardian.api.API;

/**
 * How a parent's health (a zone, a region, a provider) is derived from its members' (VMs, zones, regions): over the
 * members whose state is known, the parent is {@link HealthState#UNHEALTHY} when at least {@code unhealthyShare} of
 * them are unhealthy, else {@link HealthState#DEGRADED} when at least {@code degradedShare} are unhealthy or degraded,
 * else {@link HealthState#HEALTHY}. With fewer than {@code minKnownMembers} known members the parent gets no derived
 * signal.
 *
 * <p>Hysteresis on the shares: a parent that is unhealthy stays so until the unhealthy share falls below
 * {@code unhealthyShare - hysteresis}; one that is degraded or worse stays at least degraded until the impaired share
 * falls below {@code degradedShare - hysteresis}. So a region hovering around a threshold does not flap.
 *
 * <p>Immutable and thread-safe.
 *
 * @param degradedShare share of impaired (degraded or unhealthy) members from which the parent is degraded, in (0, 1]
 * @param unhealthyShare share of unhealthy members from which the parent is unhealthy, in (0, 1]
 * @param hysteresis how far below a threshold the share must fall to leave the state, in [0, 1)
 * @param minKnownMembers members with known state needed to derive anything, {@code >= 1}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DerivedHealthPolicy(
    double degradedShare, double unhealthyShare, double hysteresis, int minKnownMembers) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a share is outside (0, 1], the hysteresis outside [0, 1) or not below both
   *     shares, or the member minimum below 1
   */
  public DerivedHealthPolicy {
    Checks.fraction(degradedShare, "derivedHealthPolicy.degradedShare");
    Checks.fraction(unhealthyShare, "derivedHealthPolicy.unhealthyShare");
    Checks.fraction(hysteresis, "derivedHealthPolicy.hysteresis");
    Checks.positive(minKnownMembers, "derivedHealthPolicy.minKnownMembers");
    if (degradedShare == 0 || unhealthyShare == 0) {
      throw new IllegalArgumentException("derivedHealthPolicy shares must be > 0, got degradedShare " + degradedShare
          + ", unhealthyShare " + unhealthyShare);
    }
    if (hysteresis >= degradedShare || hysteresis >= unhealthyShare) {
      throw new IllegalArgumentException("derivedHealthPolicy.hysteresis must be below both shares, got "
          + hysteresis + " with degradedShare " + degradedShare + ", unhealthyShare " + unhealthyShare);
    }
  }

  /**
   * Degraded from 10 % impaired members, unhealthy from 30 % unhealthy members, 5 points of hysteresis, at least one
   * known member.
   *
   * @return the policy; never null
   */
  public static DerivedHealthPolicy defaults() {
    return new DerivedHealthPolicy(0.10, 0.30, 0.05, 1);
  }
}
