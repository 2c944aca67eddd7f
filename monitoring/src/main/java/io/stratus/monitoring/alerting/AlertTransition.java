package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.AlertState;
import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One lifecycle step of an alert instance, passed to transition listeners: {@code from} is empty when the instance
 * was created (as {@code PENDING}), {@code to} is empty when a pending instance was discarded.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fingerprint the alert's fingerprint
 * @param instance the instance number
 * @param from the state before
 * @param to the state after
 * @param at when
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AlertTransition(
    String fingerprint, long instance, Optional<AlertState> from, Optional<AlertState> to, Instant at) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public AlertTransition {
    Checks.nonNull(fingerprint, "transition.fingerprint");
    Checks.nonNull(from, "transition.from");
    Checks.nonNull(to, "transition.to");
    Checks.nonNull(at, "transition.at");
  }
}
