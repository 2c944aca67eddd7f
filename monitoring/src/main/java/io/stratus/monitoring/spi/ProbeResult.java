package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * The outcome of one active check of a target.
 *
 * <p>Immutable and thread-safe.
 *
 * @param target what was probed
 * @param outcome up, degraded (answered, but slowly or partly) or down
 * @param latency how long the check took; {@code >= 0}
 * @param at when it ran
 * @param message detail for people; may be empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ProbeResult(HealthTarget target, Outcome outcome, Duration latency, Instant at, String message) {
  /** What one check found. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Outcome {
    /** Answered correctly and in time. */
    UP,
    /** Answered, but slowly or partly. */
    DEGRADED,
    /** Did not answer, or answered wrongly. */
    DOWN
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the latency is negative
   */
  public ProbeResult {
    Checks.nonNull(target, "probeResult.target");
    Checks.nonNull(outcome, "probeResult.outcome");
    Checks.nonNegative(latency, "probeResult.latency");
    Checks.nonNull(at, "probeResult.at");
    Checks.nonNull(message, "probeResult.message");
  }
}
