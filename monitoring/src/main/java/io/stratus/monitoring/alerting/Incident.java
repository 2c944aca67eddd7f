package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Alerts that likely share a cause, merged into one, with that cause named: the correlation label value (e.g.
 * {@code region=eu-west-1}) that covers the most of its alerts, preferring the more specific label on a tie.
 *
 * <p>Immutable and thread-safe (a snapshot).
 *
 * @param id unique id, e.g. {@code INC-1}
 * @param openedAt when its first alert fired
 * @param resolvedAt when its last alert resolved, empty while open
 * @param alertFingerprints fingerprints of its alerts, in joining order
 * @param cause the most likely cause
 * @param signals external signals that joined it
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Incident(
    String id,
    Instant openedAt,
    Optional<Instant> resolvedAt,
    List<String> alertFingerprints,
    Cause cause,
    List<ExternalSignal> signals) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public Incident {
    Checks.nonBlank(id, "incident.id");
    Checks.nonNull(openedAt, "incident.openedAt");
    Checks.nonNull(resolvedAt, "incident.resolvedAt");
    alertFingerprints = List.copyOf(Checks.nonNull(alertFingerprints, "incident.alertFingerprints"));
    Checks.nonNull(cause, "incident.cause");
    signals = List.copyOf(Checks.nonNull(signals, "incident.signals"));
  }

  /**
   * The most likely cause of an incident.
   *
   * @param label the correlation label, e.g. {@code region}; empty when the alerts share none
   * @param value its value
   * @param covered how many of the incident's alerts carry it
   * @param total how many alerts the incident has
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Cause(String label, String value, int covered, int total) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the counts are inconsistent
     */
    public Cause {
      Checks.nonNull(label, "cause.label");
      Checks.nonNull(value, "cause.value");
      if (covered < 0 || covered > total) {
        throw new IllegalArgumentException("cause.covered must be in [0, total=" + total + "], got " + covered);
      }
    }

    /**
     * A sentence for people.
     *
     * @return e.g. {@code region=eu-west-1 (200 of 200 alerts)}; never null
     */
    public String describe() {
      return label.isEmpty()
          ? "no shared cause found (" + total + " alerts)"
          : label + "=" + value + " (" + covered + " of " + total + " alerts)";
    }
  }
}
