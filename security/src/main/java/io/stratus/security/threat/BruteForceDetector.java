package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Detects brute force (at least {@code maxFailures} failed authentications against one principal inside {@code
 * window}) and credential stuffing (at least {@code maxFailures} failures from one source naming at least {@code
 * minPrincipals} principals inside {@code window}). The window slides over the events' own timestamps (the host's
 * injected clock), never the wall clock. On an incident it locks the principal or blocks the source in the {@link
 * Lockout} and appends two audit events: {@code threat.incident} and {@code threat.response}. A subject raises one
 * incident until its failures drop back below the threshold.
 *
 * <p>A failed authentication is an event with outcome {@code FAILURE} or {@code DENIED} whose action the predicate
 * accepts (by default, actions starting with {@code authn.}); its actor is the principal and its origin the source.
 * Events without an origin count only per principal.
 *
 * <p>Thread-safe ({@link #observe} is synchronized).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BruteForceDetector {
  static final String ACTOR = "threat-detector";

  private final int maxFailures;
  private final int minPrincipals;
  private final Duration window;
  private final Predicate<String> authAction;
  private final Lockout lockout;
  private final AuditLog audit;
  private final Map<String, Deque<Instant>> byPrincipal = new HashMap<>();
  private final Map<String, Deque<Attempt>> bySource = new HashMap<>();
  private final Set<String> raised = new HashSet<>();

  private record Attempt(Instant at, String principal) {}

  private BruteForceDetector(int maxFailures, int minPrincipals, Duration window, Predicate<String> authAction,
      Lockout lockout, AuditLog audit) {
    this.maxFailures = maxFailures;
    this.minPrincipals = minPrincipals;
    this.window = window;
    this.authAction = authAction;
    this.lockout = lockout;
    this.audit = audit;
  }

  /**
   * A detector for actions starting with {@code authn.}.
   *
   * @param maxFailures failures inside the window that raise an incident; at least 2
   * @param minPrincipals distinct principals from one source that make it credential stuffing; at least 2
   * @param window the sliding window; positive; never null
   * @param lockout where responses lock principals and block sources; never null
   * @param audit where incidents and responses are recorded; never null
   * @return the detector; never null
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public static BruteForceDetector create(int maxFailures, int minPrincipals, Duration window, Lockout lockout,
      AuditLog audit) {
    return create(maxFailures, minPrincipals, window, a -> a.startsWith("authn."), lockout, audit);
  }

  /**
   * A detector with a custom test for which actions are authentications.
   *
   * @param maxFailures failures inside the window that raise an incident; at least 2
   * @param minPrincipals distinct principals from one source that make it credential stuffing; at least 2
   * @param window the sliding window; positive; never null
   * @param authAction accepts the action names of authentication attempts; never null
   * @param lockout where responses lock principals and block sources; never null
   * @param audit where incidents and responses are recorded; never null
   * @return the detector; never null
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public static BruteForceDetector create(int maxFailures, int minPrincipals, Duration window,
      Predicate<String> authAction, Lockout lockout, AuditLog audit) {
    if (maxFailures < 2) {
      throw new IllegalArgumentException("maxFailures " + maxFailures + " must be at least 2");
    }
    if (minPrincipals < 2) {
      throw new IllegalArgumentException("minPrincipals " + minPrincipals + " must be at least 2");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window " + window + " must be positive");
    }
    return new BruteForceDetector(maxFailures, minPrincipals, window, Objects.requireNonNull(authAction, "authAction"),
        Objects.requireNonNull(lockout, "lockout"), Objects.requireNonNull(audit, "audit"));
  }

  /**
   * Feeds one audit event (e.g. from {@link AuditLog#append} callers or a replay); events should arrive in time order.
   *
   * @param event the event; never null
   * @return the incidents this event raised (at most two); never null
   */
  public synchronized List<Incident> observe(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (event.outcome() == AuditEvent.Outcome.SUCCESS || !authAction.test(event.action())) {
      return List.of();
    }
    Instant now = event.at();
    Instant from = now.minus(window);
    List<Incident> out = new ArrayList<>();
    Deque<Instant> p = byPrincipal.computeIfAbsent(event.actor(), k -> new ArrayDeque<>());
    p.addLast(now);
    while (!p.isEmpty() && !p.peekFirst().isAfter(from)) {
      p.removeFirst();
    }
    String pKey = "principal:" + event.actor();
    if (p.size() < maxFailures) {
      raised.remove(pKey);
    } else if (raised.add(pKey)) {
      out.add(respond(new Incident(Incident.Kind.BRUTE_FORCE, event.actor(), p.size(), 1, now)));
    }
    if (!event.origin().isEmpty()) {
      Deque<Attempt> s = bySource.computeIfAbsent(event.origin(), k -> new ArrayDeque<>());
      s.addLast(new Attempt(now, event.actor()));
      while (!s.isEmpty() && !s.peekFirst().at().isAfter(from)) {
        s.removeFirst();
      }
      long distinct = s.stream().map(Attempt::principal).distinct().count();
      String sKey = "source:" + event.origin();
      if (s.size() < maxFailures || distinct < minPrincipals) {
        raised.remove(sKey);
      } else if (raised.add(sKey)) {
        out.add(respond(new Incident(Incident.Kind.CREDENTIAL_STUFFING, event.origin(), s.size(), (int) distinct,
            now)));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether brute force against a principal is currently flagged (its failures inside the window are at or above
   * the threshold).
   *
   * @param principalId the principal; never null
   * @return true if flagged
   */
  public synchronized boolean isFlagged(String principalId) {
    return raised.contains("principal:" + principalId);
  }

  private Incident respond(Incident i) {
    boolean principal = i.kind() == Incident.Kind.BRUTE_FORCE;
    String resource = (principal ? "principal:" : "source:") + i.subject();
    audit.append(AuditEvent.builder().at(i.at()).actor(ACTOR).action("threat.incident").resource(resource)
        .origin(principal ? "" : i.subject()).outcome(AuditEvent.Outcome.SUCCESS)
        .change("normal", i.kind() + " failures=" + i.failures() + " principals=" + i.distinctPrincipals() + " window="
            + window).build());
    boolean changed = principal ? lockout.lockPrincipal(i.subject()) : lockout.blockSource(i.subject());
    audit.append(AuditEvent.builder().at(i.at()).actor(ACTOR).action("threat.response").resource(resource)
        .outcome(AuditEvent.Outcome.SUCCESS)
        .change(changed ? "open" : (principal ? "locked" : "blocked"), principal ? "locked" : "blocked").build());
    return i;
  }
}
