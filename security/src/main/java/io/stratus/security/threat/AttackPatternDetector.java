package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Runs {@link AttackRule}s for known attack patterns over the audit and access stream. Incidents take the rule's
 * severity and the kind named after its type ({@link Incident.Kind#ENUMERATION}, {@link
 * Incident.Kind#REVOKED_KEY_USE}, {@link Incident.Kind#MFA_FAILURES_THEN_NEW_SOURCE}).
 *
 * <p>Memory is bounded: per rule at most {@code maxActors} principals or keys, forgotten after the rule's window of
 * event time without an event (the MFA rule keeps a principal's known sources for 90 idle days; at most {@value
 * #MAX_SOURCES} each), then the least recently seen.
 *
 * <p>Thread-safe ({@link #observe} is synchronized).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AttackPatternDetector implements ThreatDetector {
  /** The most sources remembered per principal by the MFA rule. */
  public static final int MAX_SOURCES = 64;

  private final List<Runner> runners;

  private interface Runner {
    void run(SecurityEvents.Parsed p, List<Incident> out);
  }

  private AttackPatternDetector(List<Runner> runners) {
    this.runners = runners;
  }

  /**
   * A detector for the given rules, tracking at most 100 000 actors per rule.
   *
   * @param rules the rules; never null, not empty
   * @param keys where revoked-key rules look keys up; empty if there is none (then no rule may be {@code
   *     REVOKED_KEY_USE})
   * @return the detector; never null
   * @throws IllegalArgumentException if the rules are empty, or a revoked-key rule has no key store
   */
  public static AttackPatternDetector create(Collection<AttackRule> rules, Optional<ApiKeyStore> keys) {
    return create(rules, keys, 100_000);
  }

  /**
   * A detector for the given rules with a memory bound.
   *
   * @param rules the rules; never null, not empty
   * @param keys where revoked-key rules look keys up; empty if there is none
   * @param maxActors the most principals or keys each rule tracks; at least 1
   * @return the detector; never null
   * @throws IllegalArgumentException if the rules are empty, a revoked-key rule has no key store, or {@code
   *     maxActors} is below 1
   */
  public static AttackPatternDetector create(Collection<AttackRule> rules, Optional<ApiKeyStore> keys,
      int maxActors) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("attack rules must not be empty");
    }
    if (maxActors < 1) {
      throw new IllegalArgumentException("maxActors " + maxActors + " must be at least 1");
    }
    List<Runner> runners = new ArrayList<>();
    for (AttackRule r : List.copyOf(rules)) {
      switch (r.type()) {
        case ENUMERATION -> runners.add(enumeration(r, maxActors));
        case REVOKED_KEY_USE -> runners.add(revokedKey(r, keys.orElseThrow(() -> new IllegalArgumentException(
            "rule revoked-key-use needs an API key store to look revocations up"))::find, maxActors));
        default -> runners.add(mfa(r, maxActors));
      }
    }
    return new AttackPatternDetector(List.copyOf(runners));
  }

  @Override
  public synchronized List<Incident> observe(AuditEvent event) {
    SecurityEvents.Parsed p = SecurityEvents.parse(Objects.requireNonNull(event, "event"));
    List<Incident> out = new ArrayList<>();
    for (Runner r : runners) {
      r.run(p, out);
    }
    return List.copyOf(out);
  }

  private static final class Denials {
    final Deque<Instant> at = new ArrayDeque<>();
    final Deque<String> what = new ArrayDeque<>();
    boolean raised;
  }

  private static Runner enumeration(AttackRule rule, int maxActors) {
    ActorTable<Denials> table = new ActorTable<>(maxActors, rule.window());
    return (p, out) -> {
      AuditEvent e = p.event();
      boolean request = p.type() == SecurityEvents.Type.ACCESS_DECISION
          || p.type() == SecurityEvents.Type.API_KEY_REQUEST;
      if (!request || e.outcome() != AuditEvent.Outcome.DENIED) {
        return;
      }
      Denials d = table.touch(e.actor(), e.at(), Denials::new);
      d.at.addLast(e.at());
      d.what.addLast(p.permission().toString());
      Instant from = e.at().minus(rule.window());
      while (!d.at.isEmpty() && !d.at.peekFirst().isAfter(from)) {
        d.at.removeFirst();
        d.what.removeFirst();
      }
      Set<String> distinct = new LinkedHashSet<>(d.what);
      if (distinct.size() < rule.threshold()) {
        d.raised = false;
      } else if (!d.raised) {
        d.raised = true;
        out.add(new Incident(Incident.Kind.ENUMERATION, rule.severity(), e.at(), e.actor(), p.keyId(), e.origin(),
            e.actor() + " was denied " + distinct.size() + " distinct resources within " + rule.window(),
            Map.of("distinctDenied", Integer.toString(distinct.size()), "window", rule.window().toString(),
                "sample", List.copyOf(distinct).subList(0, Math.min(5, distinct.size())).toString())));
      }
    };
  }

  private interface KeyLookup {
    Optional<ApiKeyRecord> find(String keyId);
  }

  private static Runner revokedKey(AttackRule rule, KeyLookup keys, int maxActors) {
    ActorTable<Instant[]> reported = new ActorTable<>(maxActors, rule.window());
    return (p, out) -> {
      if (p.keyId().isEmpty()) {
        return;
      }
      AuditEvent e = p.event();
      Optional<Instant> revokedAt = keys.find(p.keyId()).flatMap(ApiKeyRecord::revokedAt);
      if (revokedAt.isEmpty() || e.at().isBefore(revokedAt.get())) {
        return;
      }
      Instant[] last = reported.touch(p.keyId(), e.at(), () -> new Instant[1]);
      if (last[0] != null && Duration.between(last[0], e.at()).compareTo(rule.window()) < 0) {
        return;
      }
      last[0] = e.at();
      out.add(new Incident(Incident.Kind.REVOKED_KEY_USE, rule.severity(), e.at(), e.actor(), p.keyId(), e.origin(),
          "revoked API key " + p.keyId() + " of " + e.actor() + " presented from "
              + (e.origin().isEmpty() ? "an unknown source" : e.origin()),
          Map.of("revokedAt", revokedAt.get().toString(), "action", e.action(), "outcome", e.outcome().name())));
    };
  }

  private static final class Mfa {
    final Deque<Instant> failures = new ArrayDeque<>();
    final Set<String> sources = new LinkedHashSet<>();
  }

  private static Runner mfa(AttackRule rule, int maxActors) {
    ActorTable<Mfa> table = new ActorTable<>(maxActors, Duration.ofDays(90));
    return (p, out) -> {
      AuditEvent e = p.event();
      if (!e.action().equals(SecurityEvents.MFA)) {
        return;
      }
      Mfa m = table.touch(e.actor(), e.at(), Mfa::new);
      Instant from = e.at().minus(rule.window());
      while (!m.failures.isEmpty() && !m.failures.peekFirst().isAfter(from)) {
        m.failures.removeFirst();
      }
      if (!p.success()) {
        m.failures.addLast(e.at());
        return;
      }
      if (m.failures.size() >= rule.threshold() && !e.origin().isEmpty() && !m.sources.contains(e.origin())) {
        out.add(new Incident(Incident.Kind.MFA_FAILURES_THEN_NEW_SOURCE, rule.severity(), e.at(), e.actor(), "",
            e.origin(), e.actor() + " passed MFA from new source " + e.origin() + " after " + m.failures.size()
                + " failures within " + rule.window(),
            Map.of("failures", Integer.toString(m.failures.size()), "knownSources", m.sources.toString(),
                "window", rule.window().toString())));
      }
      m.failures.clear();
      if (!e.origin().isEmpty() && !m.sources.contains(e.origin())) {
        m.sources.add(e.origin());
        if (m.sources.size() > MAX_SOURCES) {
          m.sources.remove(m.sources.iterator().next());
        }
      }
    };
  }
}
