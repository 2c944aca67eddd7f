package io.stratus.monitoring.health;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.HealthTarget;
import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The current health of a target.
 *
 * <p>Immutable and thread-safe.
 *
 * @param target the target
 * @param state the state
 * @param since when it entered that state
 * @param reason why, for people
 * @param lastObservation when it was last observed, empty if never
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HealthStatus(
    HealthTarget target, HealthState state, Instant since, String reason, Optional<Instant> lastObservation) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public HealthStatus {
    Checks.nonNull(target, "healthStatus.target");
    Checks.nonNull(state, "healthStatus.state");
    Checks.nonNull(since, "healthStatus.since");
    Checks.nonNull(reason, "healthStatus.reason");
    Checks.nonNull(lastObservation, "healthStatus.lastObservation");
  }
}
