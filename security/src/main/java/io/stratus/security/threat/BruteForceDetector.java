package io.stratus.security.threat;

import io.stratus.security.audit.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Detects brute force (at least {@code maxFailures} failed authentications against one principal inside {@code
 * window}) and credential stuffing (at least {@code maxFailures} failures from one source naming at least {@code
 * minPrincipals} principals inside {@code window}). The window slides over the events' own timestamps (the host's
 * injected clock), never the wall clock. A subject raises one incident until its failures drop back below the
 * threshold. Both are {@link Incident.Severity#HIGH}.
 *
 * <p>A failed authentication is an event with outcome {@code FAILURE} or {@code DENIED} whose action the predicate
 * accepts (by default, actions starting with {@code authn.}); its actor is the principal and its origin the source.
 * Events without an origin count only per principal.
 *
 * <p>Memory is bounded: a principal or source whose last failure is a window old is forgotten (its count is zero
 * anyway), and at most {@code maxTracked} principals and as many sources are kept (beyond that the least recently seen
 * is forgotten first).
 *
 * <p>Thread-safe ({@link #observe} is synchronized).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BruteForceDetector implements ThreatDetector {
  /** Default bound on tracked principals (and, separately, sources). */
  public static final int DEFAULT_MAX_TRACKED = 100_000;

  private final int maxFailures;
  private final int minPrincipals;
  private final Duration window;
  private final Predicate<String> authAction;
  private final ActorTable<Tracked> byPrincipal;
  private final ActorTable<Tracked> bySource;

  private static final class Tracked {
    final Deque<Attempt> attempts = new ArrayDeque<>();
    boolean raised;
  }

  private record Attempt(Instant at, String principal) {}

  private BruteForceDetector(int maxFailures, int minPrincipals, Duration window, Predicate<String> authAction,
      int maxTracked) {
    this.maxFailures = maxFailures;
    this.minPrincipals = minPrincipals;
    this.window = window;
    this.authAction = authAction;
    this.byPrincipal = new ActorTable<>(maxTracked, window);
    this.bySource = new ActorTable<>(maxTracked, window);
  }

  /**
   * A detector for actions starting with {@code authn.}, tracking at most {@link #DEFAULT_MAX_TRACKED} principals
   * and sources.
   *
   * @param maxFailures failures inside the window that raise an incident; at least 2
   * @param minPrincipals distinct principals from one source that make it credential stuffing; at least 2
   * @param window the sliding window; positive; never null
   * @return the detector; never null
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public static BruteForceDetector create(int maxFailures, int minPrincipals, Duration window) {
    return create(maxFailures, minPrincipals, window, a -> a.startsWith(SecurityEvents.AUTHN), DEFAULT_MAX_TRACKED);
  }

  /**
   * A detector with a custom test for which actions are authentications and a custom memory bound.
   *
   * @param maxFailures failures inside the window that raise an incident; at least 2
   * @param minPrincipals distinct principals from one source that make it credential stuffing; at least 2
   * @param window the sliding window; positive; never null
   * @param authAction accepts the action names of authentication attempts; never null
   * @param maxTracked the most principals (and, separately, sources) kept; at least 1
   * @return the detector; never null
   * @throws IllegalArgumentException naming the parameter that breaks its rule
   */
  public static BruteForceDetector create(int maxFailures, int minPrincipals, Duration window,
      Predicate<String> authAction, int maxTracked) {
    if (maxFailures < 2) {
      throw new IllegalArgumentException("maxFailures " + maxFailures + " must be at least 2");
    }
    if (minPrincipals < 2) {
      throw new IllegalArgumentException("minPrincipals " + minPrincipals + " must be at least 2");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window " + window + " must be positive");
    }
    if (maxTracked < 1) {
      throw new IllegalArgumentException("maxTracked " + maxTracked + " must be at least 1");
    }
    return new BruteForceDetector(maxFailures, minPrincipals, window, Objects.requireNonNull(authAction, "authAction"),
        maxTracked);
  }

  /**
   * Feeds one audit event; events should arrive in time order.
   *
   * @param event the event; never null
   * @return the incidents this event raised (at most two); never null
   */
  @Override
  public synchronized List<Incident> observe(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (event.outcome() == AuditEvent.Outcome.SUCCESS || !authAction.test(event.action())) {
      return List.of();
    }
    Instant now = event.at();
    List<Incident> out = new ArrayList<>();
    Tracked p = slide(byPrincipal.touch(event.actor(), now, Tracked::new), new Attempt(now, event.actor()), now);
    if (p.attempts.size() < maxFailures) {
      p.raised = false;
    } else if (!p.raised) {
      p.raised = true;
      out.add(new Incident(Incident.Kind.BRUTE_FORCE, Incident.Severity.HIGH, now, event.actor(), "", "",
          p.attempts.size() + " failed authentications of " + event.actor() + " within " + window,
          Map.of("failures", Integer.toString(p.attempts.size()), "window", window.toString(), "lastSource",
              event.origin())));
    }
    if (!event.origin().isEmpty()) {
      Tracked s = slide(bySource.touch(event.origin(), now, Tracked::new), new Attempt(now, event.actor()), now);
      long distinct = s.attempts.stream().map(Attempt::principal).distinct().count();
      if (s.attempts.size() < maxFailures || distinct < minPrincipals) {
        s.raised = false;
      } else if (!s.raised) {
        s.raised = true;
        out.add(new Incident(Incident.Kind.CREDENTIAL_STUFFING, Incident.Severity.HIGH, now, "", "", event.origin(),
            s.attempts.size() + " failed authentications naming " + distinct + " principals from " + event.origin()
                + " within " + window,
            Map.of("failures", Integer.toString(s.attempts.size()), "principals", Long.toString(distinct), "window",
                window.toString())));
      }
    }
    return List.copyOf(out);
  }

  private Tracked slide(Tracked t, Attempt attempt, Instant now) {
    t.attempts.addLast(attempt);
    Instant from = now.minus(window);
    while (!t.attempts.isEmpty() && !t.attempts.peekFirst().at().isAfter(from)) {
      t.attempts.removeFirst();
    }
    return t;
  }

  /**
   * Whether brute force against a principal is currently flagged (its failures inside the window are at or above
   * the threshold).
   *
   * @param principalId the principal; never null
   * @return true if flagged
   */
  public synchronized boolean isFlagged(String principalId) {
    Tracked t = byPrincipal.peek(Objects.requireNonNull(principalId, "principalId"));
    return t != null && t.raised;
  }

  /** Principals plus sources currently tracked (for the memory-bound tests). */
  synchronized int tracked() {
    return byPrincipal.size() + bySource.size();
  }
}
