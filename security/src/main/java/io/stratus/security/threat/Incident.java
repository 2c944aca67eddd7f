package io.stratus.security.threat;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A detected attack: what was detected, how severe it is, whom it concerns (a principal, an API key, a source; empty
 * strings where not applicable), when, a one-line summary and the evidence (named values such as {@code failures=5}
 * or {@code speedKmh=8400}). Immutable value; the evidence is copied into a map sorted by name.
 *
 * @param kind what was detected; never null
 * @param severity how severe it is; never null
 * @param at the event time of the observation that raised it; never null
 * @param principal the principal concerned, or empty; never null
 * @param apiKeyId the API key concerned (its public id), or empty; never null
 * @param source the source address concerned, or empty; never null
 * @param summary one line for people; never null, not blank
 * @param evidence named values supporting it; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Incident(Kind kind, Severity severity, Instant at, String principal, String apiKeyId, String source,
    String summary, Map<String, String> evidence) {

  /** What was detected. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** Many failed attempts against one principal. */
    BRUTE_FORCE,
    /** Many failed attempts from one source against several principals. */
    CREDENTIAL_STUFFING,
    /** An API key used from a location (country or network) never seen for it after its learning period. */
    API_KEY_NEW_LOCATION,
    /** An API key's request rate far above its own learned baseline. */
    API_KEY_UNUSUAL_RATE,
    /** An API key used for a permission (resource and action) it never used after its learning period. */
    API_KEY_NEW_ENDPOINT,
    /** A principal granted itself a role or permission it did not hold. */
    SELF_GRANT,
    /** A principal granted a peer a role or permission it does not hold itself. */
    UNHELD_GRANT,
    /** A role or permission was granted outside every change window. */
    GRANT_OUTSIDE_CHANGE_WINDOW,
    /** A principal used an administrative permission for the first time. */
    FIRST_ADMIN_USE,
    /** A request denied before a policy change was allowed right after it. */
    DENY_ALLOW_FLIP,
    /** Consecutive authentications of one principal from places too far apart for the time between them. */
    IMPOSSIBLE_TRAVEL,
    /** One principal denied on many distinct resources (an enumeration rule). */
    ENUMERATION,
    /** A revoked API key was presented (a rule). */
    REVOKED_KEY_USE,
    /** Several failed MFA challenges, then a success from a source not seen for the principal (a rule). */
    MFA_FAILURES_THEN_NEW_SOURCE
  }

  /** How severe an incident is, in increasing order. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Severity {
    /** Worth recording. */
    LOW,
    /** Worth a look. */
    MEDIUM,
    /** Likely an attack; respond. */
    HIGH,
    /** An attack in progress; respond at once. */
    CRITICAL
  }

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException if the summary is blank or principal, key and source are all empty
   */
  public Incident {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(apiKeyId, "apiKeyId");
    Objects.requireNonNull(source, "source");
    if (Objects.requireNonNull(summary, "summary").isBlank()) {
      throw new IllegalArgumentException("incident summary must not be blank");
    }
    if (principal.isEmpty() && apiKeyId.isEmpty() && source.isEmpty()) {
      throw new IllegalArgumentException("incident " + kind + " must name a principal, an API key or a source");
    }
    evidence = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(evidence, "evidence")));
  }

  /**
   * The audit resource naming what the incident is mainly about: {@code apikey:<id>}, else {@code principal:<id>},
   * else {@code source:<address>}.
   *
   * @return the subject; never null
   */
  public String subject() {
    if (!apiKeyId.isEmpty()) {
      return "apikey:" + apiKeyId;
    }
    return principal.isEmpty() ? "source:" + source : "principal:" + principal;
  }
}
