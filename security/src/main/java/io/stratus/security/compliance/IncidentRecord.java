package io.stratus.security.compliance;

import io.stratus.security.threat.Incident;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A security incident as compliance evidence sees it: what, how severe, when detected and, once handled, when
 * resolved. Hosts map their incident tracker's records to this; the threat detectors' {@link Incident}s map with
 * {@link #from(Incident)} and {@link #from(Incident, Instant)}. Immutable value.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IncidentRecord {
  private final String id;
  private final String kind;
  private final String severity;
  private final Instant detectedAt;
  private final Instant resolvedAt;

  private IncidentRecord(String id, String kind, String severity, Instant detectedAt, Instant resolvedAt) {
    this.id = requireText(id, "id");
    this.kind = requireText(kind, "kind");
    this.severity = requireText(severity, "severity");
    this.detectedAt = Objects.requireNonNull(detectedAt, "detectedAt");
    if (resolvedAt != null && resolvedAt.isBefore(detectedAt)) {
      throw new IllegalArgumentException("incident " + id + " resolvedAt " + resolvedAt
          + " must not be before detectedAt " + detectedAt);
    }
    this.resolvedAt = resolvedAt;
  }

  private static String requireText(String value, String field) {
    if (Objects.requireNonNull(value, field).isBlank()) {
      throw new IllegalArgumentException("incident " + field + " must not be blank");
    }
    return value;
  }

  /**
   * An incident still open.
   *
   * @param id its id; not blank
   * @param kind e.g. {@code brute-force}; not blank
   * @param severity e.g. {@code high}; not blank
   * @param detectedAt when it was detected; never null
   * @return the record; never null
   */
  public static IncidentRecord open(String id, String kind, String severity, Instant detectedAt) {
    return new IncidentRecord(id, kind, severity, detectedAt, null);
  }

  /**
   * A resolved incident.
   *
   * @param id its id; not blank
   * @param kind e.g. {@code brute-force}; not blank
   * @param severity e.g. {@code high}; not blank
   * @param detectedAt when it was detected; never null
   * @param resolvedAt when it was resolved; not before {@code detectedAt}
   * @return the record; never null
   */
  public static IncidentRecord resolved(String id, String kind, String severity, Instant detectedAt,
      Instant resolvedAt) {
    return new IncidentRecord(id, kind, severity, detectedAt, Objects.requireNonNull(resolvedAt, "resolvedAt"));
  }

  /**
   * An open record of an incident a threat detector raised: kind and severity in lower case with hyphens (e.g.
   * {@code self-grant}, {@code critical}), detected at the incident's event time, and the id {@code
   * <kind>:<subject>@<at>} (e.g. {@code self-grant:principal:mallory@2026-03-03T10:00:00Z}), so the same incident
   * always maps to the same record.
   *
   * @param incident the detected incident; never null
   * @return the open record; never null
   */
  public static IncidentRecord from(Incident incident) {
    Objects.requireNonNull(incident, "incident");
    return open(idOf(incident), name(incident.kind()), name(incident.severity()), incident.at());
  }

  /**
   * A resolved record of an incident a threat detector raised, as {@link #from(Incident)} with its resolution time.
   *
   * @param incident the detected incident; never null
   * @param resolvedAt when it was resolved; never null, not before the incident's time
   * @return the resolved record; never null
   * @throws IllegalArgumentException if {@code resolvedAt} is before the incident's time
   */
  public static IncidentRecord from(Incident incident, Instant resolvedAt) {
    Objects.requireNonNull(incident, "incident");
    return resolved(idOf(incident), name(incident.kind()), name(incident.severity()), incident.at(), resolvedAt);
  }

  private static String idOf(Incident incident) {
    return name(incident.kind()) + ":" + incident.subject() + "@" + incident.at();
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** @return the id; never null */
  public String id() {
    return id;
  }

  /** @return the kind; never null */
  public String kind() {
    return kind;
  }

  /** @return the severity; never null */
  public String severity() {
    return severity;
  }

  /** @return when it was detected; never null */
  public Instant detectedAt() {
    return detectedAt;
  }

  /** @return when it was resolved, or empty while open */
  public Optional<Instant> resolvedAt() {
    return Optional.ofNullable(resolvedAt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IncidentRecord r && id.equals(r.id) && kind.equals(r.kind) && severity.equals(r.severity)
        && detectedAt.equals(r.detectedAt) && Objects.equals(resolvedAt, r.resolvedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, kind, severity, detectedAt, resolvedAt);
  }

  @Override
  public String toString() {
    return "incident " + id + " (" + kind + ", " + severity + ", detected " + detectedAt
        + (resolvedAt == null ? ", open)" : ", resolved " + resolvedAt + ")");
  }
}
