package io.stratus.simulation.environment;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Something that happened in a simulated cloud, reported to {@link EnvironmentSimulator.Listener}s.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type what happened; never null
 * @param at when; never null
 * @param vmId the machine concerned, or empty for outages; never null
 * @param detail a short human-readable detail (zone, region, reason); never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EnvironmentEvent(Type type, Instant at, String vmId, String detail) {
  /** Event types. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Type {
    /** A launched machine finished provisioning and is running (billing starts). */
    VM_RUNNING,
    /** A spot machine received its interruption notice. */
    SPOT_INTERRUPTION_NOTICE,
    /** A spot machine was reclaimed by the provider. */
    SPOT_INTERRUPTED,
    /** A machine failed (instance failure or outage). */
    VM_FAILED,
    /** A machine was terminated by its owner. */
    VM_TERMINATED,
    /** An outage began. */
    OUTAGE_STARTED,
    /** An outage ended. */
    OUTAGE_ENDED,
    /** A network partition began; detail {@code a|b}, the two endpoints. */
    PARTITION_STARTED,
    /** A network partition ended; detail {@code a|b}. */
    PARTITION_ENDED,
    /** A latency spike began; detail {@code a|b|extra ms}. */
    LATENCY_SPIKE_STARTED,
    /** A latency spike ended; detail {@code a|b|extra ms}. */
    LATENCY_SPIKE_ENDED
  }

  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public EnvironmentEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(vmId, "vmId");
    Objects.requireNonNull(detail, "detail");
  }
}
