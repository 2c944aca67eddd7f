package io.stratus.monitoring.alerting;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Counters of an {@link AlertEngine}'s notification delivery since it was created, and the state of each channel's
 * circuit breaker.
 *
 * <p>Immutable and thread-safe.
 *
 * @param delivered deliveries a channel accepted
 * @param failedAttempts calls to a channel that threw
 * @param retriesScheduled failed deliveries scheduled for another attempt
 * @param rejectedByCircuit attempts not made because the channel's circuit breaker was open
 * @param overflowed deliveries refused because the channel's queue was full (they are dead-lettered)
 * @param deadLettered deliveries given up, overflow included
 * @param deadLettersDropped dead letters dropped, oldest first, because the dead-letter list was full
 * @param pending deliveries queued or waiting for a retry now
 * @param circuitStates each channel's circuit-breaker state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...)
 *     by channel id
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeliveryStats(
    long delivered,
    long failedAttempts,
    long retriesScheduled,
    long rejectedByCircuit,
    long overflowed,
    long deadLettered,
    long deadLettersDropped,
    int pending,
    Map<String, String> circuitStates) {

  /**
   * Copies the map.
   *
   * @throws NullPointerException if the map is null
   */
  public DeliveryStats {
    circuitStates = Map.copyOf(circuitStates);
  }
}
