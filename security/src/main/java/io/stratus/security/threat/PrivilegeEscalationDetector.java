package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.authz.AccessPolicy;
import io.stratus.security.authz.RoleBinding;
import io.stratus.security.authz.Permission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Detects privilege escalation in the access stream ({@code authz.grant}, {@code authz.policy} and {@code
 * authz.check} events, see {@link SecurityEvents}):
 *
 * <ul>
 *   <li>{@link Incident.Kind#SELF_GRANT} ({@code CRITICAL}): a principal granted itself a role or permission it did
 *       not hold.
 *   <li>{@link Incident.Kind#UNHELD_GRANT} ({@code HIGH}): a principal (not a trusted grantor) granted a peer a role
 *       or permission it does not hold itself.
 *   <li>{@link Incident.Kind#GRANT_OUTSIDE_CHANGE_WINDOW} ({@code MEDIUM}): a grant outside every configured change
 *       window (only when windows are configured).
 *   <li>{@link Incident.Kind#FIRST_ADMIN_USE} ({@code MEDIUM}): a principal allowed an administrative permission for
 *       the first time after the learning period.
 *   <li>{@link Incident.Kind#DENY_ALLOW_FLIP} ({@code HIGH}): a permission denied to a principal before a policy
 *       change (a grant or another change) and allowed to it within {@code flipWindow} after the change.
 * </ul>
 *
 * What a principal holds is what the host declared ({@link Builder#holding}) plus, when the host gives the detector
 * its {@link AccessPolicy} ({@link Builder#accessPolicy}), what the policy binds it to at the time of the event (a
 * role it is bound to or that a bound role inherits from; a permission an allow rule of such a role implies), and
 * otherwise what the stream granted it. A role is held by name, a permission by a held pattern implying it. With a
 * policy, revocations count at once and nothing is learned from the stream; because a grant is usually audited after
 * it was applied, a principal's binding to the very role it grants itself does not count as holding it. Memory is
 * bounded: at most {@code maxPrincipals} principals
 * (forgotten after {@code idleAfter} of event time without an event, then the least recently seen; a forgotten
 * principal's grants are forgotten too), each remembering its last {@value #MAX_DENIALS} denied permissions.
 *
 * <p>Thread-safe ({@link #observe} is synchronized).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PrivilegeEscalationDetector implements ThreatDetector {
  /** How many recent denials are remembered per principal. */
  public static final int MAX_DENIALS = 64;

  private final List<Permission> adminPermissions;
  private final List<ChangeWindow> changeWindows;
  private final Set<String> trustedGrantors;
  private final Map<String, Set<String>> declared;
  /** The host's policy, consulted for what a principal holds; null: holdings are learned from the stream. */
  private final AccessPolicy policy;
  private final Duration flipWindow;
  private final Duration learningPeriod;
  private final ActorTable<State> principals;
  private Instant firstEvent;
  private PolicyChange lastChange;

  private record PolicyChange(Instant at, String actor, String what) {}

  private final class State {
    final Set<String> held;
    final LinkedHashMap<String, Instant> denied = new LinkedHashMap<>();
    boolean usedAdmin;

    State(String principal) {
      this.held = new HashSet<>(declared.getOrDefault(principal, Set.of()));
    }

    boolean holds(String granted) {
      if (held.contains(granted)) {
        return true;
      }
      if (!granted.contains(":")) {
        return false;
      }
      Permission wanted = Permission.parse(granted);
      return held.stream().filter(h -> h.contains(":")).anyMatch(h -> Permission.parse(h).implies(wanted));
    }
  }

  private PrivilegeEscalationDetector(Builder b) {
    this.adminPermissions = List.copyOf(b.adminPermissions);
    this.changeWindows = List.copyOf(b.changeWindows);
    this.trustedGrantors = Set.copyOf(b.trustedGrantors);
    Map<String, Set<String>> d = new HashMap<>();
    b.declared.forEach((k, v) -> d.put(k, Set.copyOf(v)));
    this.declared = Map.copyOf(d);
    this.policy = b.policy;
    this.flipWindow = b.flipWindow;
    this.learningPeriod = b.learningPeriod;
    this.principals = new ActorTable<>(b.maxPrincipals, b.idleAfter);
  }

  /**
   * A builder with the defaults: administrative permissions {@code role:*}, {@code policy:*}, {@code apikey:*} and
   * {@code audit:*}, no change windows, no trusted grantors, a flip window of 10 minutes, a learning period of 7 days
   * (from the first access decision), 100 000 principals forgotten after 90 idle days.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized List<Incident> observe(AuditEvent event) {
    SecurityEvents.Parsed p = SecurityEvents.parse(Objects.requireNonNull(event, "event"));
    Instant now = event.at();
    switch (p.type()) {
      case GRANT -> {
        return grant(p, now);
      }
      case POLICY_CHANGE -> {
        lastChange = new PolicyChange(now, event.actor(), event.resource());
        return List.of();
      }
      case ACCESS_DECISION -> {
        return decision(p, now);
      }
      default -> {
        return List.of();
      }
    }
  }

  private List<Incident> grant(SecurityEvents.Parsed p, Instant now) {
    AuditEvent e = p.event();
    String grantor = e.actor();
    List<Incident> out = new ArrayList<>();
    State by = principals.touch(grantor, now, () -> new State(grantor));
    boolean self = grantor.equals(p.grantee());
    if (!by.holds(p.granted()) && !policyHolds(grantor, p.granted(), self)) {
      if (self) {
        out.add(incident(Incident.Kind.SELF_GRANT, Incident.Severity.CRITICAL, e, grantor + " granted itself "
            + p.granted() + ", which it did not hold", Map.of("granted", p.granted(), "grantee", p.grantee())));
      } else if (!trustedGrantors.contains(grantor)) {
        out.add(incident(Incident.Kind.UNHELD_GRANT, Incident.Severity.HIGH, e, grantor + " granted " + p.grantee()
            + " " + p.granted() + ", which it does not hold itself", Map.of("granted", p.granted(), "grantee",
                p.grantee())));
      }
    }
    if (!changeWindows.isEmpty() && changeWindows.stream().noneMatch(w -> w.contains(now))) {
      out.add(incident(Incident.Kind.GRANT_OUTSIDE_CHANGE_WINDOW, Incident.Severity.MEDIUM, e, grantor + " granted "
          + p.grantee() + " " + p.granted() + " outside every change window", Map.of("granted", p.granted(),
              "grantee", p.grantee(), "windows", changeWindows.toString())));
    }
    State to = principals.touch(p.grantee(), now, () -> new State(p.grantee()));
    if (policy == null) {
      to.held.add(p.granted());
    }
    lastChange = new PolicyChange(now, grantor, e.resource());
    return out;
  }

  private List<Incident> decision(SecurityEvents.Parsed p, Instant now) {
    if (firstEvent == null) {
      firstEvent = now;
    }
    AuditEvent e = p.event();
    String permission = p.permission().toString();
    State s = principals.touch(e.actor(), now, () -> new State(e.actor()));
    if (!p.success()) {
      s.denied.remove(permission);
      s.denied.put(permission, now);
      if (s.denied.size() > MAX_DENIALS) {
        Iterator<String> it = s.denied.keySet().iterator();
        it.next();
        it.remove();
      }
      return List.of();
    }
    List<Incident> out = new ArrayList<>();
    Instant deniedAt = s.denied.remove(permission);
    PolicyChange c = lastChange;
    if (deniedAt != null && c != null && deniedAt.isBefore(c.at()) && !now.isBefore(c.at())
        && Duration.between(c.at(), now).compareTo(flipWindow) <= 0) {
      out.add(incident(Incident.Kind.DENY_ALLOW_FLIP, Incident.Severity.HIGH, e, e.actor() + " was denied "
          + permission + " at " + deniedAt + " and allowed " + Duration.between(c.at(), now) + " after " + c.actor()
          + " changed " + c.what(), Map.of("permission", permission, "deniedAt", deniedAt.toString(), "changeAt",
              c.at().toString(), "changedBy", c.actor(), "changed", c.what())));
    }
    if (!s.usedAdmin && adminPermissions.stream().anyMatch(a -> a.implies(p.permission()))) {
      s.usedAdmin = true;
      if (!now.isBefore(firstEvent.plus(learningPeriod))) {
        out.add(incident(Incident.Kind.FIRST_ADMIN_USE, Incident.Severity.MEDIUM, e, e.actor()
            + " used administrative permission " + permission + " for the first time", Map.of("permission",
                permission)));
      }
    }
    return out;
  }

  /**
   * Whether the host's policy binds the principal to what it grants: a role by a binding to it or to a role
   * inheriting from it, a permission by an allow rule of a bound role (or its ancestors) implying it. For a
   * self-grant, a binding to the granted role itself is not counted (the grant may have created it).
   */
  private boolean policyHolds(String principal, String granted, boolean self) {
    if (policy == null) {
      return false;
    }
    Permission wanted = granted.contains(":") ? Permission.parse(granted) : null;
    for (RoleBinding b : policy.bindingsOf(principal)) {
      if (self && b.role().equals(granted)) {
        continue;
      }
      if (wanted == null ? policy.inheritedRoles(b.role()).contains(granted)
          : policy.allowedBy(b.role()).stream().anyMatch(a -> a.implies(wanted))) {
        return true;
      }
    }
    return false;
  }

  private static Incident incident(Incident.Kind kind, Incident.Severity severity, AuditEvent e, String summary,
      Map<String, String> evidence) {
    return new Incident(kind, severity, e.at(), e.actor(), "", e.origin(), summary, evidence);
  }

  /** Principals currently tracked (for the memory-bound tests). */
  synchronized int tracked() {
    return principals.size();
  }

  /**
   * Configures a {@link PrivilegeEscalationDetector}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final List<Permission> adminPermissions = new ArrayList<>(List.of(Permission.parse("role:*"),
        Permission.parse("policy:*"), Permission.parse("apikey:*"), Permission.parse("audit:*")));
    private final List<ChangeWindow> changeWindows = new ArrayList<>();
    private final Set<String> trustedGrantors = new HashSet<>();
    private final Map<String, Set<String>> declared = new HashMap<>();
    private AccessPolicy policy;
    private Duration flipWindow = Duration.ofMinutes(10);
    private Duration learningPeriod = Duration.ofDays(7);
    private int maxPrincipals = 100_000;
    private Duration idleAfter = Duration.ofDays(90);

    private Builder() {}

    /**
     * Replaces the administrative permission patterns.
     *
     * @param patterns the patterns; never null, not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     */
    public Builder adminPermissions(Collection<Permission> patterns) {
      if (patterns.isEmpty()) {
        throw new IllegalArgumentException("adminPermissions must not be empty");
      }
      adminPermissions.clear();
      adminPermissions.addAll(List.copyOf(patterns));
      return this;
    }

    /**
     * Adds a change window; once any is added, grants outside all of them are reported.
     *
     * @param window the window; never null
     * @return this builder
     */
    public Builder changeWindow(ChangeWindow window) {
      changeWindows.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /**
     * Declares principals (e.g. the host's identity administration) that may grant what they do not hold.
     *
     * @param grantors principal ids; never null
     * @return this builder
     */
    public Builder trustedGrantors(Collection<String> grantors) {
      trustedGrantors.addAll(Set.copyOf(grantors));
      return this;
    }

    /**
     * Declares what a principal holds before the stream starts.
     *
     * @param principal the principal id; never null
     * @param grants role names and permission patterns; never null
     * @return this builder
     * @throws io.stratus.security.authz.InvalidPolicyException if a permission pattern is malformed
     */
    public Builder holding(String principal, Collection<String> grants) {
      Set<String> canonical = new HashSet<>();
      for (String g : grants) {
        canonical.add(g.contains(":") ? Permission.parse(g).toString() : g);
      }
      declared.computeIfAbsent(Objects.requireNonNull(principal, "principal"), k -> new HashSet<>())
          .addAll(canonical);
      return this;
    }

    /**
     * Judges what principals hold by the host's live access policy ({@link AccessPolicy#bindingsOf}) instead of
     * learning it from the stream's grants; declarations ({@link #holding}) still count. The detector reads the
     * policy at each grant (the policy is thread-safe), so bindings and revocations made later are seen.
     *
     * @param policy the host's policy; never null
     * @return this builder
     */
    public Builder accessPolicy(AccessPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets how soon after a policy change an allow of a previously denied permission is reported.
     *
     * @param window positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder flipWindow(Duration window) {
      if (Objects.requireNonNull(window, "window").isNegative() || window.isZero()) {
        throw new IllegalArgumentException("flipWindow " + window + " must be positive");
      }
      this.flipWindow = window;
      return this;
    }

    /**
     * Sets how long after the first access decision first administrative uses are only learned.
     *
     * @param period zero or positive; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder learningPeriod(Duration period) {
      if (Objects.requireNonNull(period, "period").isNegative()) {
        throw new IllegalArgumentException("learningPeriod " + period + " must not be negative");
      }
      this.learningPeriod = period;
      return this;
    }

    /**
     * Bounds memory.
     *
     * @param maxPrincipals the most principals tracked; at least 1
     * @param idleAfter a principal with no event for this long (event time) is forgotten; positive; never null
     * @return this builder
     * @throws IllegalArgumentException naming the parameter that breaks its rule
     */
    public Builder memory(int maxPrincipals, Duration idleAfter) {
      if (maxPrincipals < 1) {
        throw new IllegalArgumentException("maxPrincipals " + maxPrincipals + " must be at least 1");
      }
      if (Objects.requireNonNull(idleAfter, "idleAfter").isNegative() || idleAfter.isZero()) {
        throw new IllegalArgumentException("idleAfter " + idleAfter + " must be positive");
      }
      this.maxPrincipals = maxPrincipals;
      this.idleAfter = idleAfter;
      return this;
    }

    /**
     * Builds the detector.
     *
     * @return a new detector; never null
     */
    public PrivilegeEscalationDetector build() {
      return new PrivilegeEscalationDetector(this);
    }
  }
}
