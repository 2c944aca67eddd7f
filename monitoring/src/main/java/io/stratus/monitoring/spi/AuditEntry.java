package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One line of the alert audit trail: who did what to which alert instance, when.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when, by the engine's clock
 * @param actor who: a person's id, or {@value #SYSTEM} for the engine itself
 * @param action what
 * @param fingerprint which alert
 * @param instance which instance of it
 * @param detail the assignee, the comment, the resolution note, the escalation channels; may be empty
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AuditEntry(Instant at, String actor, Action action, String fingerprint, long instance, String detail) {
  /** The actor of the engine's own actions. */
  public static final String SYSTEM = "system";

  /** What was done. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Action {
    /** The alert fired. */
    FIRED,
    /** Its condition cleared and it resolved. */
    RESOLVED,
    /** Someone resolved it by hand. */
    RESOLVED_BY_HAND,
    /** Someone acknowledged it. */
    ACKNOWLEDGED,
    /** Someone assigned it. */
    ASSIGNED,
    /** Someone commented. */
    COMMENTED,
    /** It was escalated because it stayed unacknowledged. */
    ESCALATED
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the actor is blank
   */
  public AuditEntry {
    Checks.nonNull(at, "audit.at");
    Checks.nonBlank(actor, "audit.actor");
    Checks.nonNull(action, "audit.action");
    Checks.nonNull(fingerprint, "audit.fingerprint");
    Checks.nonNull(detail, "audit.detail");
  }
}
