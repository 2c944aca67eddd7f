package io.stratus.monitoring.health;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.HealthTarget;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A change of a target's state, e.g. to raise a {@code RegionDown} alert in the alert engine.
 *
 * <p>Immutable and thread-safe.
 *
 * @param target the target
 * @param from the state before
 * @param to the state after
 * @param at when
 * @param reason why
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HealthTransition(HealthTarget target, HealthState from, HealthState to, Instant at, String reason) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public HealthTransition {
    Checks.nonNull(target, "healthTransition.target");
    Checks.nonNull(from, "healthTransition.from");
    Checks.nonNull(to, "healthTransition.to");
    Checks.nonNull(at, "healthTransition.at");
    Checks.nonNull(reason, "healthTransition.reason");
  }
}
