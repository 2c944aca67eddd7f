package io.stratus.security.threat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Which response actions a {@link ThreatMonitor} applies to an incident, by its kind and severity: every entry whose
 * kind matches (or that matches any kind) and whose minimum severity the incident reaches contributes its actions.
 * Immutable and thread-safe; build with {@link #builder()} or start from {@link #defaults()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ResponsePlaybook {

  /** A response action. Each is audited with the state before and after, and applying it twice changes nothing. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Action {
    /** Revoke the incident's API key ({@code ApiKeys.revoke}). */
    REVOKE_API_KEY,
    /** Lock the incident's principal in the {@link Lockout}. */
    LOCK_PRINCIPAL,
    /** Block the incident's source in the {@link Lockout}. */
    BLOCK_SOURCE,
    /** Require the incident's principal to pass an MFA step-up ({@link Lockout#requireMfaStepUp}). */
    REQUIRE_MFA,
    /** Send a notification through every configured channel. */
    ALERT;

    /**
     * The name used in audit actions.
     *
     * @return e.g. {@code revoke-api-key}; never null
     */
    public String textName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private record Entry(Incident.Kind kind, Incident.Severity atLeast, Set<Action> actions) {}

  private final List<Entry> entries;

  private ResponsePlaybook(List<Entry> entries) {
    this.entries = entries;
  }

  /**
   * An empty builder (no entry: nothing is done).
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder(List.of());
  }

  /**
   * The default playbook: brute force, MFA failures then a new source, and self-grants lock the principal;
   * credential stuffing and revoked-key use block the source; a key used from a new location (at {@code HIGH}) is
   * revoked; impossible travel requires an MFA step-up; every incident of severity {@code HIGH} or more alerts.
   *
   * @return the playbook; never null
   */
  public static ResponsePlaybook defaults() {
    return builder()
        .on(Incident.Kind.BRUTE_FORCE, Incident.Severity.LOW, Action.LOCK_PRINCIPAL)
        .on(Incident.Kind.MFA_FAILURES_THEN_NEW_SOURCE, Incident.Severity.LOW, Action.LOCK_PRINCIPAL)
        .on(Incident.Kind.SELF_GRANT, Incident.Severity.LOW, Action.LOCK_PRINCIPAL)
        .on(Incident.Kind.CREDENTIAL_STUFFING, Incident.Severity.LOW, Action.BLOCK_SOURCE)
        .on(Incident.Kind.REVOKED_KEY_USE, Incident.Severity.LOW, Action.BLOCK_SOURCE)
        .on(Incident.Kind.API_KEY_NEW_LOCATION, Incident.Severity.HIGH, Action.REVOKE_API_KEY)
        .on(Incident.Kind.IMPOSSIBLE_TRAVEL, Incident.Severity.LOW, Action.REQUIRE_MFA)
        .onAny(Incident.Severity.HIGH, Action.ALERT)
        .build();
  }

  /**
   * A builder holding this playbook's entries, to add more.
   *
   * @return a new builder; never null
   */
  public Builder toBuilder() {
    return new Builder(entries);
  }

  /**
   * The actions for an incident.
   *
   * @param incident the incident; never null
   * @return the actions, in {@link Action} order; never null
   */
  public Set<Action> actionsFor(Incident incident) {
    Objects.requireNonNull(incident, "incident");
    Set<Action> out = EnumSet.noneOf(Action.class);
    for (Entry e : entries) {
      if ((e.kind == null || e.kind == incident.kind()) && incident.severity().compareTo(e.atLeast) >= 0) {
        out.addAll(e.actions);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * Whether some entry uses the action.
   *
   * @param action the action; never null
   * @return true if any entry lists it
   */
  public boolean uses(Action action) {
    return entries.stream().anyMatch(e -> e.actions.contains(action));
  }

  /**
   * Builds a {@link ResponsePlaybook}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final List<Entry> entries;

    private Builder(List<Entry> entries) {
      this.entries = new ArrayList<>(entries);
    }

    /**
     * Adds actions for one kind of incident at or above a severity.
     *
     * @param kind the kind; never null
     * @param atLeast the lowest severity it applies to; never null
     * @param actions the actions; never null, at least one
     * @return this builder
     * @throws IllegalArgumentException if no action is given
     */
    public Builder on(Incident.Kind kind, Incident.Severity atLeast, Action... actions) {
      return add(Objects.requireNonNull(kind, "kind"), atLeast, actions);
    }

    /**
     * Adds actions for every kind of incident at or above a severity.
     *
     * @param atLeast the lowest severity it applies to; never null
     * @param actions the actions; never null, at least one
     * @return this builder
     * @throws IllegalArgumentException if no action is given
     */
    public Builder onAny(Incident.Severity atLeast, Action... actions) {
      return add(null, atLeast, actions);
    }

    private Builder add(Incident.Kind kind, Incident.Severity atLeast, Action... actions) {
      Objects.requireNonNull(atLeast, "atLeast");
      if (actions.length == 0) {
        throw new IllegalArgumentException("a playbook entry for " + (kind == null ? "any kind" : kind)
            + " needs at least one action");
      }
      entries.add(new Entry(kind, atLeast, EnumSet.copyOf(Arrays.asList(actions))));
      return this;
    }

    /**
     * Builds the playbook.
     *
     * @return the playbook; never null
     */
    public ResponsePlaybook build() {
      return new ResponsePlaybook(List.copyOf(entries));
    }
  }
}
