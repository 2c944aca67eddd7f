package io.stratus.monitoring.health;

import io.stratus.monitoring.internal.Checks;
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
  private final Map<HealthTarget, Tracked> targets = new HashMap<>();
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
    t.lastObservation = now;
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
  }

  /**
   * Marks targets without a recent observation as unknown (missing data).
   *
   * @return the targets that went unknown now; never null
   */
  public synchronized List<HealthTarget> refresh() {
    Instant now = clock.instant();
    List<HealthTarget> out = new ArrayList<>();
    for (Tracked t : targets.values()) {
      if (t.state != HealthState.UNKNOWN && t.lastObservation != null
          && now.isAfter(t.lastObservation.plus(policy.staleAfter()))) {
        transition(t, HealthState.UNKNOWN, "no data since " + t.lastObservation, now);
        out.add(t.target);
      }
    }
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

    private Builder() {}

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
