package io.stratus.monitoring.health;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.HealthProbe;
import io.stratus.monitoring.spi.HealthTarget;
import io.stratus.monitoring.spi.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health of resources, regions and providers from active probes and from metrics, with hysteresis and availability
 * accounting.
 *
 * <p>Each {@link #record(ProbeResult) probe result} or {@link #recordMetrics metric reading} is one observation,
 * classified as healthy, degraded or unhealthy by the {@link HealthPolicy} (combined with the target's other signal if
 * that is still fresh). The state follows observations with hysteresis; a target with no observation for the
 * policy's {@code staleAfter} becomes {@link HealthState#UNKNOWN} at the next {@link #refresh()} or read. The state
 * history is kept for {@code retention} to answer {@link #availability} for any window inside it.
 *
 * <p>Derived health: {@link #assign(HealthTarget, HealthTarget) assign} members to parents (VM to zone or region, zone
 * to region, region to provider) and a parent's state also follows the share of its members that are unhealthy or
 * degraded, as set by the {@link DerivedHealthPolicy} (with hysteresis on the shares). A parent's state is the worse
 * of its own fresh probe/metric signal and its derived one; derived changes take effect at once (the share bands are
 * their hysteresis), and a parent that has a derived signal does not go unknown for lack of its own observations.
 *
 * <p>Time comes from the injected clock; probes run only when the host calls {@link #runProbes()}. Thread-safe:
 * methods lock the checker; listeners run under the lock and must not call back.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class HealthChecker implements HealthView {
  private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

  private final InstantSource clock;
  private final HealthPolicy policy;
  private final List<HealthProbe> probes;
  private final Duration retention;
  private final DerivedHealthPolicy derivation;
  private final Map<HealthTarget, Tracked> targets = new HashMap<>();
  private final Map<HealthTarget, HealthTarget> parents = new HashMap<>();
  private final Map<HealthTarget, Set<HealthTarget>> members = new HashMap<>();
  /** No target can go stale before this instant (a lower bound); null when none can. */
  private Instant earliestStale;
  private final List<Consumer<HealthTransition>> listeners = new CopyOnWriteArrayList<>();

  private record Interval(Instant from, HealthState state) {}

  private static final class Tracked {
    final HealthTarget target;
    HealthState state = HealthState.UNKNOWN;
    Instant since;
    String reason = "never observed";
    Instant lastObservation;
    HealthState candidate;
    int streak;
    HealthState probeLevel;
    Instant probeAt;
    String probeReason;
    HealthState metricLevel;
    Instant metricAt;
    String metricReason;
    HealthState derivedLevel;
    String derivedReason;
    final Deque<Interval> history = new ArrayDeque<>();

    Tracked(HealthTarget target, Instant now) {
      this.target = target;
      this.since = now;
      history.add(new Interval(now, HealthState.UNKNOWN));
    }
  }

  private HealthChecker(Builder b) {
    this.clock = b.clock;
    this.policy = b.policy;
    this.probes = List.copyOf(b.probes);
    this.retention = b.retention;
    this.derivation = b.derivation;
  }

  /**
   * A new builder.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every probe on every target it offers, on the calling thread, and records the results. A probe that throws
   * is logged and skipped (its targets get no observation, so they go unknown if it keeps failing).
   *
   * @return the results recorded; never null
   */
  public List<ProbeResult> runProbes() {
    List<ProbeResult> out = new ArrayList<>();
    for (HealthProbe p : probes) {
      List<HealthTarget> ts;
      try {
        ts = p.targets();
      } catch (RuntimeException e) {
        LOG.warn("health probe '{}' failed to list targets", p.id(), e);
        continue;
      }
      for (HealthTarget t : ts) {
        try {
          ProbeResult r = p.probe(t);
          record(r);
          out.add(r);
        } catch (RuntimeException e) {
          LOG.warn("health probe '{}' failed on {}", p.id(), t, e);
        }
      }
    }
    return out;
  }

  /**
   * Records a probe result as an observation.
   *
   * @param result the result; never null
   */
  public synchronized void record(ProbeResult result) {
    Checks.nonNull(result, "result");
    Instant now = clock.instant();
    Tracked t = tracked(result.target(), now);
    HealthState level;
    String reason;
    switch (result.outcome()) {
      case DOWN:
        level = HealthState.UNHEALTHY;
        reason = "probe down: " + result.message();
        break;
      case DEGRADED:
        level = HealthState.DEGRADED;
        reason = "probe degraded: " + result.message();
        break;
      default:
        if (result.latency().compareTo(policy.slowProbe()) >= 0) {
          level = HealthState.DEGRADED;
          reason = "probe slow: " + result.latency().toMillis() + " ms";
        } else {
          level = HealthState.HEALTHY;
          reason = "probe up";
        }
    }
    t.probeLevel = level;
    t.probeAt = now;
    t.probeReason = reason;
    observe(t, now);
  }

  /**
   * Records metric readings as an observation.
   *
   * @param target the target; never null
   * @param errorRate failed share of requests in [0, 1], or NaN when not measured
   * @param saturation used share of the scarcest resource in [0, 1], or NaN when not measured
   * @throws IllegalArgumentException if a measured value is outside [0, 1], or both are NaN
   */
  public synchronized void recordMetrics(HealthTarget target, double errorRate, double saturation) {
    Checks.nonNull(target, "target");
    if (Double.isNaN(errorRate) && Double.isNaN(saturation)) {
      throw new IllegalArgumentException("recordMetrics needs errorRate or saturation, got NaN for both");
    }
    if (!Double.isNaN(errorRate)) {
      Checks.fraction(errorRate, "errorRate");
    }
    if (!Double.isNaN(saturation)) {
      Checks.fraction(saturation, "saturation");
    }
    Instant now = clock.instant();
    Tracked t = tracked(target, now);
    HealthState level = HealthState.HEALTHY;
    String reason = "metrics normal";
    if (errorRate >= policy.errorRateUnhealthy()) {
      level = HealthState.UNHEALTHY;
      reason = "error rate " + pct(errorRate);
    } else if (saturation >= policy.saturationUnhealthy()) {
      level = HealthState.UNHEALTHY;
      reason = "saturation " + pct(saturation);
    } else if (errorRate >= policy.errorRateDegraded()) {
      level = HealthState.DEGRADED;
      reason = "error rate " + pct(errorRate);
    } else if (saturation >= policy.saturationDegraded()) {
      level = HealthState.DEGRADED;
      reason = "saturation " + pct(saturation);
    }
    t.metricLevel = level;
    t.metricAt = now;
    t.metricReason = reason;
    observe(t, now);
  }

  private static String pct(double f) {
    return String.format(java.util.Locale.ROOT, "%.1f %%", f * 100);
  }

  private Tracked tracked(HealthTarget target, Instant now) {
    return targets.computeIfAbsent(target, k -> new Tracked(k, now));
  }

  private void observe(Tracked t, Instant now) {
    HealthState level = HealthState.HEALTHY;
    String reason = "";
    boolean probeFresh = t.probeAt != null && !now.isAfter(t.probeAt.plus(policy.staleAfter()));
    boolean metricFresh = t.metricAt != null && !now.isAfter(t.metricAt.plus(policy.staleAfter()));
    if (probeFresh) {
      level = t.probeLevel;
      reason = t.probeReason;
    }
    if (metricFresh && (!probeFresh || t.metricLevel.compareTo(level) > 0)) {
      level = t.metricLevel;
      reason = t.metricReason;
    }
    if (t.derivedLevel != null && t.derivedLevel.compareTo(level) > 0) {
      level = t.derivedLevel;
      reason = t.derivedReason;
    }
    t.lastObservation = now;
    Instant stale = now.plus(policy.staleAfter());
    if (earliestStale == null || stale.isBefore(earliestStale)) {
      earliestStale = stale;
    }
    if (t.state == HealthState.UNKNOWN) {
      transition(t, level, reason, now);
      return;
    }
    if (level == t.state) {
      t.candidate = null;
      t.streak = 0;
      t.reason = reason;
      return;
    }
    if (level == t.candidate) {
      t.streak++;
    } else {
      t.candidate = level;
      t.streak = 1;
    }
    int needed = level.compareTo(t.state) > 0 ? policy.toWorse() : policy.toBetter();
    if (t.streak >= needed) {
      transition(t, level, reason + " (" + t.streak + " observations in a row)", now);
    }
  }

  /**
   * Makes {@code member} count toward {@code parent}'s derived health (a VM toward its zone or region, a zone toward
   * its region, a region toward its provider). A member has one parent; assigning again moves it. Both start as
   * {@link HealthState#UNKNOWN} if never observed.
   *
   * @param member the member; never null
   * @param parent the parent, of a higher kind: zone above resources and services, region above zones, provider above
   *     regions; never null
   * @throws IllegalArgumentException if the parent's kind is not above the member's
   */
  public synchronized void assign(HealthTarget member, HealthTarget parent) {
    Checks.nonNull(member, "member");
    Checks.nonNull(parent, "parent");
    if (rank(parent.kind()) <= rank(member.kind())) {
      throw new IllegalArgumentException("parent must be of a kind above the member's (resource/service < zone < "
          + "region < provider), got member " + member + " and parent " + parent);
    }
    Instant now = clock.instant();
    tracked(member, now);
    tracked(parent, now);
    HealthTarget old = parents.put(member, parent);
    if (old != null && !old.equals(parent)) {
      members.get(old).remove(member);
      derive(targets.get(old), now);
    }
    members.computeIfAbsent(parent, k -> new java.util.LinkedHashSet<>()).add(member);
    derive(targets.get(parent), now);
  }

  /**
   * The members assigned to a parent.
   *
   * @param parent the parent; never null
   * @return an immutable set, empty if none; never null
   */
  public synchronized Set<HealthTarget> members(HealthTarget parent) {
    Checks.nonNull(parent, "parent");
    return Set.copyOf(members.getOrDefault(parent, Set.of()));
  }

  private static int rank(HealthTarget.Kind kind) {
    switch (kind) {
      case ZONE:
        return 1;
      case REGION:
        return 2;
      case PROVIDER:
        return 3;
      default:
        return 0;
    }
  }

  /** Recomputes a parent's derived signal from its members and applies a change at once. */
  private void derive(Tracked p, Instant now) {
    int known = 0;
    int unhealthy = 0;
    int impaired = 0;
    Set<HealthTarget> ms = members.getOrDefault(p.target, Set.of());
    for (HealthTarget m : ms) {
      HealthState s = targets.get(m).state;
      if (s == HealthState.UNKNOWN) {
        continue;
      }
      known++;
      if (s == HealthState.UNHEALTHY) {
        unhealthy++;
        impaired++;
      } else if (s == HealthState.DEGRADED) {
        impaired++;
      }
    }
    HealthState was = p.derivedLevel;
    HealthState level;
    if (known < derivation.minKnownMembers()) {
      level = null;
    } else {
      double u = (double) unhealthy / known;
      double d = (double) impaired / known;
      double h = derivation.hysteresis();
      if (u >= derivation.unhealthyShare() || (was == HealthState.UNHEALTHY && u >= derivation.unhealthyShare() - h)) {
        level = HealthState.UNHEALTHY;
      } else if (d >= derivation.degradedShare()
          || ((was == HealthState.DEGRADED || was == HealthState.UNHEALTHY) && d >= derivation.degradedShare() - h)) {
        level = HealthState.DEGRADED;
      } else {
        level = HealthState.HEALTHY;
      }
    }
    p.derivedReason = unhealthy + " of " + known + " known members unhealthy, " + (impaired - unhealthy)
        + " degraded" + (known < ms.size() ? " (" + (ms.size() - known) + " unknown)" : "");
    if (level == was) {
      return;
    }
    p.derivedLevel = level;
    HealthState direct = null;
    String directReason = null;
    if (p.probeAt != null && !now.isAfter(p.probeAt.plus(policy.staleAfter()))) {
      direct = p.probeLevel;
      directReason = p.probeReason;
    }
    if (p.metricAt != null && !now.isAfter(p.metricAt.plus(policy.staleAfter()))
        && (direct == null || p.metricLevel.compareTo(direct) > 0)) {
      direct = p.metricLevel;
      directReason = p.metricReason;
    }
    HealthState effective;
    String reason;
    if (level == null) {
      effective = direct == null ? HealthState.UNKNOWN : direct;
      reason = direct == null ? "no member with known health" : directReason;
    } else if (direct != null && direct.compareTo(level) > 0) {
      effective = direct;
      reason = directReason;
    } else {
      effective = level;
      reason = "derived: " + p.derivedReason;
    }
    if (level != null) {
      p.lastObservation = now;
    }
    if (effective != p.state) {
      transition(p, effective, reason, now);
    } else {
      p.reason = reason;
    }
    noteStaleBound(p);
  }

  private void transition(Tracked t, HealthState to, String reason, Instant now) {
    HealthState from = t.state;
    t.state = to;
    t.since = now;
    t.reason = reason;
    t.candidate = null;
    t.streak = 0;
    if (from == to) {
      return;
    }
    t.history.addLast(new Interval(now, to));
    Instant horizon = now.minus(retention);
    while (t.history.size() > 1) {
      Iterator<Interval> it = t.history.iterator();
      it.next();
      if (it.next().from().isAfter(horizon)) {
        break;
      }
      t.history.pollFirst();
    }
    HealthTransition tr = new HealthTransition(t.target, from, to, now, reason);
    for (Consumer<HealthTransition> l : listeners) {
      try {
        l.accept(tr);
      } catch (RuntimeException e) {
        LOG.warn("health listener failed", e);
      }
    }
    HealthTarget parent = parents.get(t.target);
    if (parent != null) {
      derive(targets.get(parent), now);
    }
  }

  private static boolean canGoStale(Tracked t) {
    return t.state != HealthState.UNKNOWN && t.lastObservation != null && t.derivedLevel == null;
  }

  private void noteStaleBound(Tracked t) {
    if (canGoStale(t)) {
      Instant stale = t.lastObservation.plus(policy.staleAfter());
      if (earliestStale == null || stale.isBefore(earliestStale)) {
        earliestStale = stale;
      }
    }
  }

  /**
   * Marks targets without a recent observation as unknown (missing data).
   *
   * @return the targets that went unknown now; never null
   */
  public synchronized List<HealthTarget> refresh() {
    Instant now = clock.instant();
    if (earliestStale == null || !now.isAfter(earliestStale)) {
      return List.of();
    }
    List<HealthTarget> out = new ArrayList<>();
    for (Tracked t : new ArrayList<>(targets.values())) {
      if (canGoStale(t) && now.isAfter(t.lastObservation.plus(policy.staleAfter()))) {
        transition(t, HealthState.UNKNOWN, "no data since " + t.lastObservation, now);
        out.add(t.target);
      }
    }
    Instant next = null;
    for (Tracked t : targets.values()) {
      if (canGoStale(t)) {
        Instant stale = t.lastObservation.plus(policy.staleAfter());
        if (next == null || stale.isBefore(next)) {
          next = stale;
        }
      }
    }
    earliestStale = next;
    return out;
  }

  /**
   * The current status of a target (after a {@link #refresh()}).
   *
   * @param target the target; never null
   * @return the status; never null (unknown for targets never observed)
   */
  public synchronized HealthStatus status(HealthTarget target) {
    Checks.nonNull(target, "target");
    refresh();
    Tracked t = targets.get(target);
    if (t == null) {
      return new HealthStatus(target, HealthState.UNKNOWN, clock.instant(), "never observed", Optional.empty());
    }
    return new HealthStatus(target, t.state, t.since, t.reason, Optional.ofNullable(t.lastObservation));
  }

  @Override
  public HealthState state(HealthTarget target) {
    return status(target).state();
  }

  @Override
  public synchronized Set<HealthTarget> unhealthy() {
    refresh();
    Set<HealthTarget> out = new HashSet<>();
    for (Tracked t : targets.values()) {
      if (t.state == HealthState.UNHEALTHY) {
        out.add(t.target);
      }
    }
    return Set.copyOf(out);
  }

  /**
   * Availability of a target over the window ending now.
   *
   * @param target the target; never null
   * @param window how far back, {@code > 0} and at most the retention
   * @param objective the SLO in [0, 1], e.g. 0.999
   * @return the accounting; never null
   * @throws IllegalArgumentException if the window exceeds the retention
   */
  public synchronized Availability availability(HealthTarget target, Duration window, double objective) {
    Checks.nonNull(target, "target");
    Checks.positive(window, "window");
    Checks.fraction(objective, "objective");
    if (window.compareTo(retention) > 0) {
      throw new IllegalArgumentException("window must be at most the retention " + retention + ", got " + window);
    }
    refresh();
    Instant now = clock.instant();
    Instant start = now.minus(window);
    long[] ms = new long[HealthState.values().length];
    Tracked t = targets.get(target);
    if (t == null) {
      return new Availability(target, window, Duration.ZERO, Duration.ZERO, window, objective);
    }
    List<Interval> list = new ArrayList<>(t.history);
    Instant firstKnown = list.get(0).from();
    if (firstKnown.isAfter(start)) {
      ms[HealthState.UNKNOWN.ordinal()] += Duration.between(start, firstKnown).toMillis();
    }
    for (int i = 0; i < list.size(); i++) {
      Instant from = list.get(i).from();
      Instant to = i + 1 < list.size() ? list.get(i + 1).from() : now;
      Instant a = from.isBefore(start) ? start : from;
      if (to.isAfter(a)) {
        ms[list.get(i).state().ordinal()] += Duration.between(a, to).toMillis();
      }
    }
    return new Availability(target, window,
        Duration.ofMillis(ms[HealthState.HEALTHY.ordinal()] + ms[HealthState.DEGRADED.ordinal()]),
        Duration.ofMillis(ms[HealthState.UNHEALTHY.ordinal()]), Duration.ofMillis(ms[HealthState.UNKNOWN.ordinal()]),
        objective);
  }

  /**
   * Subscribes to state changes.
   *
   * @param listener the listener; never null
   */
  public void addListener(Consumer<HealthTransition> listener) {
    listeners.add(Checks.nonNull(listener, "listener"));
  }

  /**
   * Builds a checker. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private InstantSource clock;
    private HealthPolicy policy = HealthPolicy.defaults();
    private final List<HealthProbe> probes = new ArrayList<>();
    private Duration retention = Duration.ofDays(30);
    private DerivedHealthPolicy derivation = DerivedHealthPolicy.defaults();

    private Builder() {}

    /**
     * How parents derive health from their members; default {@link DerivedHealthPolicy#defaults()}.
     *
     * @param value the policy; never null
     * @return this builder
     */
    public Builder derivation(DerivedHealthPolicy value) {
      this.derivation = Checks.nonNull(value, "derivation");
      return this;
    }

    /**
     * The clock; required.
     *
     * @param value the clock; never null
     * @return this builder
     */
    public Builder clock(InstantSource value) {
      this.clock = Checks.nonNull(value, "clock");
      return this;
    }

    /**
     * The policy; default {@link HealthPolicy#defaults()}.
     *
     * @param value the policy; never null
     * @return this builder
     */
    public Builder policy(HealthPolicy value) {
      this.policy = Checks.nonNull(value, "policy");
      return this;
    }

    /**
     * Adds a probe that {@link #runProbes()} runs.
     *
     * @param probe the probe; never null
     * @return this builder
     */
    public Builder probe(HealthProbe probe) {
      probes.add(Checks.nonNull(probe, "probe"));
      return this;
    }

    /**
     * How long state history is kept for availability; default 30 days.
     *
     * @param value the retention, {@code > 0}
     * @return this builder
     */
    public Builder retention(Duration value) {
      this.retention = Checks.positive(value, "retention");
      return this;
    }

    /**
     * Builds the checker.
     *
     * @return a new checker; never null
     * @throws io.stratus.InvalidConfigurationException if no clock was set
     */
    public HealthChecker build() {
      if (clock == null) {
        throw new io.stratus.InvalidConfigurationException(
            "HealthChecker needs a clock: call clock(InstantSource), e.g. InstantSource.system()");
      }
      return new HealthChecker(this);
    }
  }
}
