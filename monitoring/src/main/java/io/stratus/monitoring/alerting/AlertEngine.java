package io.stratus.monitoring.alerting;

import io.micrometer.core.instrument.MeterRegistry;
import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.AlertHistoryQuery;
import io.stratus.monitoring.spi.AlertHistoryRecord;
import io.stratus.monitoring.spi.AlertHistoryStore;
import io.stratus.monitoring.spi.AlertRecord;
import io.stratus.monitoring.spi.AuditEntry;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AlertStore;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.MetricSink;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns samples into alerts and alerts into few, meaningful notifications.
 *
 * <ul>
 *   <li>Rules ({@link AlertRule}) evaluate each sample of the series they select; a condition that holds makes a
 *       {@code PENDING} alert, which fires after the rule's {@code for} duration and resolves after its condition has
 *       been clear for {@code keepFiringFor}. Alerts are deduplicated by {@linkplain Alert#fingerprint fingerprint}.
 *   <li>Conditions can also be set from outside ({@link #setCondition}), e.g. a {@code RegionDown} alert from the
 *       health checker.
 *   <li>At each {@link #tick()}, firing alerts that are not silenced, inhibited or flapping are grouped (by labels
 *       or by correlated incident) and each group that changed sends one {@link Notification} through every
 *       {@link NotificationChannel}, after its group wait and at most once per group interval. Every alert announced
 *       as firing is announced as resolved too.
 *   <li>Delivery is apart from evaluation: notifications are queued under the engine's lock and sent after it is
 *       released, on the host's {@linkplain Builder#deliveryExecutor executor}, one lane per channel, so a slow or
 *       failing channel holds neither the engine nor the other channels. A failed delivery is retried with
 *       exponential backoff and jitter up to an attempt cap, each channel has a circuit breaker, each lane a bounded
 *       queue; deliveries given up become {@linkplain #deadLetters() dead letters} the host can
 *       {@linkplain #replayDeadLetters() replay} ({@link DeliveryPolicy}). Retry waits run on the injected clock:
 *       a retry goes out at the first tick at or after its due time.
 *   <li>Firing alerts are correlated into {@link Incident}s that name the most likely shared cause: an alert joins
 *       an open incident active within the correlation window when it shares a correlation label value carried by
 *       at least half of the incident's alerts; otherwise it opens a new one. {@link ExternalSignal}s (e.g. cost
 *       anomalies) can join them.
 * </ul>
 *
 * <p>All time comes from the injected clock; the host calls {@link #tick()} on its own schedule (for example every
 * few seconds, or at every step of a simulation). Thread-safe: every method locks the engine; transition listeners
 * are called while it is held, so they must not call back into the engine. Channels are never called under the
 * lock.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AlertEngine implements MetricSink {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
  private static final int MAX_BODY_LINES = 20;

  private final InstantSource clock;
  private final GroupingPolicy grouping;
  private final List<InhibitRule> inhibitions;
  private final FlapPolicy flap;
  private final AlertStore store;
  private final AlertHistoryStore history;
  private final List<Consumer<AlertTransition>> listeners = new CopyOnWriteArrayList<>();
  /** Rule evaluation: turns samples into condition changes. */
  private final RuleEvaluator evaluator;
  /** Where the evaluator's condition changes go: this engine's lifecycle. */
  private final RuleEvaluator.Conditions lifecycle = new Lifecycle();
  /** Notification delivery: channels, retries and their counters. */
  private final NotificationDelivery delivery;
  /** Incident correlation of firing alerts. */
  private final IncidentCorrelator correlator;
  /** Routes notifications to channels. */
  private final Router router;

  private final Map<String, Tracked> alerts = new LinkedHashMap<>();
  private final Map<String, Long> instances = new HashMap<>();
  private final Map<String, Deque<Instant>> flapHistory = new HashMap<>();
  private final Set<String> flapping = new HashSet<>();
  private final Map<String, Silence> silences = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private long fired;
  private final MeterRegistry meters;
  private long resolved;
  private long silencedCount;
  private long inhibitedCount;
  private long flappingCount;
  private long escalations;

  private static final class Tracked {
    final String fp;
    final long instance;
    final TreeMap<String, String> labels;
    final Severity severity;
    final Duration forDuration;
    final Duration keepFiringFor;
    final Instant activeSince;
    AlertState state = AlertState.PENDING;
    boolean conditionTrue = true;
    Instant clearSince;
    Instant firedAt;
    Instant resolvedAt;
    double value;
    String ackBy;
    boolean announced;
    long unannouncedResolution;
    boolean silenced;
    boolean inhibited;
    boolean countedSilenced;
    boolean countedInhibited;
    boolean countedFlapping;
    boolean escalated;
    IncidentCorrelator.IncidentState incident;

    Tracked(String fp, long instance, TreeMap<String, String> labels, Severity severity, Duration forDuration,
        Duration keepFiringFor, Instant now) {
      this.fp = fp;
      this.instance = instance;
      this.labels = labels;
      this.severity = severity;
      this.forDuration = forDuration;
      this.keepFiringFor = keepFiringFor;
      this.activeSince = now;
    }
  }

  private record Announced(long instance, TreeMap<String, String> labels, Severity severity, Instant firedAt) {}

  private static final class Group {
    final String key;
    final Map<String, String> labels;
    final Map<String, Announced> announced = new LinkedHashMap<>();
    Instant pendingSince;
    Instant lastFlush;

    Group(String key, Map<String, String> labels) {
      this.key = key;
      this.labels = labels;
    }
  }

  private AlertEngine(Builder b) {
    this.meters = b.meterRegistry;
    this.clock = b.clock;
    this.grouping = b.grouping;
    this.inhibitions = List.copyOf(b.inhibitions);
    this.flap = b.flap;
    this.evaluator = new RuleEvaluator(b.rules);
    this.router = new Router(b.routes, b.channels);
    this.delivery = new NotificationDelivery(b.channels, b.deliveryPolicy, b.deliveryExecutor, b.clock,
        b.deadLetterStore != null ? b.deadLetterStore : DeadLetterStore.inMemory(b.deliveryPolicy.deadLetterCapacity()));
    this.correlator = new IncidentCorrelator(b.correlationLabels, b.correlationWindow);
    this.store = b.store;
    this.history = b.history;
    List<AlertRecord> saved = new ArrayList<>(store.load());
    saved.sort(java.util.Comparator.comparing(AlertRecord::activeSince).thenComparing(AlertRecord::fingerprint));
    Instant now = clock.instant();
    for (AlertRecord r : saved) {
      restore(r, now);
    }
  }

  private void restore(AlertRecord r, Instant now) {
    Tracked t = new Tracked(r.fingerprint(), r.instance(), new TreeMap<>(r.labels()), r.severity(), r.forDuration(),
        r.keepFiringFor(), r.activeSince());
    t.state = r.state();
    t.firedAt = r.firedAt().orElse(null);
    t.clearSince = r.clearSince().orElse(null);
    t.conditionTrue = t.clearSince == null;
    t.value = r.value();
    t.ackBy = r.acknowledgedBy().orElse(null);
    t.announced = r.announced();
    t.unannouncedResolution = r.unannouncedResolution();
    instances.merge(t.fp, t.instance, Math::max);
    if (t.unannouncedResolution > 0) {
      // an earlier instance was announced firing and has resolved; its resolution goes out with the next flush
      Group g = groups.computeIfAbsent(groupKey(t), k -> new Group(k, groupLabels(t)));
      g.announced.put(t.fp, new Announced(t.unannouncedResolution, t.labels, t.severity, null));
    }
    if (t.state == AlertState.RESOLVED) {
      // resolved before the restart but not announced yet: the next flush of its group announces the resolution
      Group g = groups.computeIfAbsent(groupKey(t), k -> new Group(k, groupLabels(t)));
      g.announced.put(t.fp, new Announced(t.instance, t.labels, t.severity, t.firedAt));
      return;
    }
    alerts.put(t.fp, t);
    if (t.state == AlertState.FIRING) {
      correlate(t, now);
      if (t.announced) {
        Group g = groups.computeIfAbsent(groupKey(t), k -> new Group(k, groupLabels(t)));
        g.announced.put(t.fp, new Announced(t.instance, t.labels, t.severity, t.firedAt));
      }
    }
  }

  /**
   * When a new instance of {@code fp} opens: the earlier instance whose firing was announced and whose resolution is
   * not announced yet (it is still in a group's announced set, possibly restored from the store), else 0.
   */
  private long unannouncedResolution(String fp, Tracked previous) {
    for (Group g : groups.values()) {
      Announced a = g.announced.get(fp);
      if (a != null) {
        return a.instance();
      }
    }
    return previous == null ? 0 : previous.unannouncedResolution;
  }

  /** Saves the alert's lifecycle state, or forgets it once it is resolved or discarded. */
  private void sync(Tracked t) {
    if (alerts.get(t.fp) != t || (t.state == AlertState.RESOLVED && !t.announced)) {
      if (t.unannouncedResolution > 0) {
        // this instance needs no record, but an earlier one still waits for its resolution to be announced
        store.save(new AlertRecord(t.fp, t.unannouncedResolution, t.labels, AlertState.RESOLVED, t.severity,
            t.forDuration, t.keepFiringFor, t.value, t.activeSince, Optional.empty(), Optional.empty(),
            Optional.empty(), true, 0));
      } else {
        store.remove(t.fp);
      }
    } else {
      store.save(new AlertRecord(t.fp, t.instance, t.labels, t.state, t.severity, t.forDuration, t.keepFiringFor,
          t.value, t.activeSince, Optional.ofNullable(t.firedAt), Optional.ofNullable(t.clearSince),
          Optional.ofNullable(t.ackBy), t.announced, t.unannouncedResolution));
    }
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
   * Evaluates one sample against every rule that selects its series. NaN values and samples not after the series'
   * previous one are ignored (counted in {@link AlertStats#ignoredSamples()}).
   *
   * @param sample the sample; never null
   */
  @Override
  public synchronized void accept(MetricSample sample) {
    Checks.nonNull(sample, "sample");
    evaluator.accept(sample, clock.instant(), lifecycle);
  }

  /**
   * Evaluates a non-metric signal, such as a cost, budget or anomaly figure, at the engine's current time: a sample
   * of the series {@code name} with {@code labels} plus {@value SignalKind#LABEL}{@code =}{@link
   * SignalKind#labelValue()}. Rules configured with that {@code signal} kind select it.
   *
   * @param kind the kind; never null
   * @param name the series name, e.g. {@code daily_spend}; a valid metric name
   * @param labels the labels; never null, must not contain {@value SignalKind#LABEL}
   * @param value the value
   * @throws IllegalArgumentException if the name or a label is malformed or the labels already carry the kind label
   */
  public void acceptSignal(SignalKind kind, String name, Map<String, String> labels, double value) {
    Checks.nonNull(kind, "kind");
    Map<String, String> all = new TreeMap<>(Checks.labels(labels, "labels"));
    if (all.containsKey(SignalKind.LABEL)) {
      throw new IllegalArgumentException("labels must not contain '" + SignalKind.LABEL + "' (it is set from kind), "
          + "got " + labels);
    }
    all.put(SignalKind.LABEL, kind.labelValue());
    SeriesId id = SeriesId.of(Checks.nonNull(name, "name"), all);
    synchronized (this) {
      accept(new MetricSample(id, clock.instant().toEpochMilli(), value));
    }
  }

  /** Receives the evaluator's condition changes. */
  private final class Lifecycle implements RuleEvaluator.Conditions {
    @Override
    public boolean holds(String fingerprint) {
      Tracked open = alerts.get(fingerprint);
      return open != null && open.state != AlertState.RESOLVED && open.conditionTrue;
    }

    @Override
    public void update(String fingerprint, TreeMap<String, String> labels, AlertRule rule, boolean active,
        double value, Instant now) {
      AlertEngine.this.update(fingerprint, labels, rule.severity(), rule.forDuration(), rule.keepFiringFor(), active,
          value, now);
    }
  }

  /**
   * Sets a condition from outside the rules, e.g. a {@code RegionDown} alert from health checks. It fires at once
   * while active and resolves as soon as it is cleared.
   *
   * @param alertName the alert name (becomes {@code alertname})
   * @param labels the labels; never null
   * @param severity the severity; never null
   * @param active whether the condition holds now
   * @return the alert's fingerprint; never null
   */
  public synchronized String setCondition(
      String alertName, Map<String, String> labels, Severity severity, boolean active) {
    SeriesId.of(Checks.nonNull(alertName, "alertName"), Map.of());
    TreeMap<String, String> all = new TreeMap<>(Checks.labels(labels, "labels"));
    all.put(Alert.ALERTNAME, alertName);
    String fp = Alert.fingerprint(all);
    update(fp, all, Checks.nonNull(severity, "severity"), Duration.ZERO, Duration.ZERO, active, active ? 1 : 0,
        clock.instant());
    return fp;
  }

  private void update(String fp, TreeMap<String, String> labels, Severity severity, Duration forDuration,
      Duration keepFiringFor, boolean active, double value, Instant now) {
    Tracked t = alerts.get(fp);
    boolean changed = false;
    if (active) {
      if (t == null || t.state == AlertState.RESOLVED) {
        long instance = instances.merge(fp, 1L, Long::sum);
        long unannounced = unannouncedResolution(fp, t);
        t = new Tracked(fp, instance, labels, severity, forDuration, keepFiringFor, now);
        t.unannouncedResolution = unannounced;
        alerts.put(fp, t);
        emit(t, null, AlertState.PENDING, now);
        changed = true;
      }
      changed |= !t.conditionTrue;
      t.conditionTrue = true;
      t.clearSince = null;
      t.value = value;
    } else if (t != null && t.state != AlertState.RESOLVED) {
      t.value = value;
      if (t.conditionTrue) {
        t.conditionTrue = false;
        t.clearSince = now;
        changed = true;
      }
    }
    if (t != null) {
      advance(t, now);
      if (changed) {
        sync(t);
      }
    }
  }

  private void advance(Tracked t, Instant now) {
    if (t.state == AlertState.PENDING) {
      if (!t.conditionTrue) {
        alerts.remove(t.fp);
        sync(t);
        emit(t, AlertState.PENDING, null, now);
      } else if (!now.isBefore(t.activeSince.plus(t.forDuration))) {
        t.state = AlertState.FIRING;
        t.firedAt = now;
        fired++;
        count("stratus.monitoring.alerts.fired", t.severity);
        recordFlap(t.fp, now);
        correlate(t, now);
        sync(t);
        history.save(AlertHistoryRecord.firing(t.fp, t.instance, t.labels, t.severity, now));
        audit(now, AuditEntry.SYSTEM, AuditEntry.Action.FIRED, t, "");
        emit(t, AlertState.PENDING, AlertState.FIRING, now);
      }
    }
    if (t.state == AlertState.FIRING && !t.conditionTrue && !now.isBefore(t.clearSince.plus(t.keepFiringFor))) {
      resolve(t, now, null, null);
    }
  }

  /** Counts a transition in the host's registry, if any (transitions are rare: the lookup per call is fine). */
  private void count(String meter, Severity severity) {
    if (meters != null) {
      meters.counter(meter, "severity", severity.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }
  }

  private void resolve(Tracked t, Instant now, String by, String note) {
    t.state = AlertState.RESOLVED;
    t.resolvedAt = now;
    resolved++;
    count("stratus.monitoring.alerts.resolved", t.severity);
    recordFlap(t.fp, now);
    if (t.incident != null) {
      t.incident.alertResolved(now);
    }
    sync(t);
    updateHistory(t.fp, t.instance, r -> r.withResolved(now, by, note));
    audit(now, by == null ? AuditEntry.SYSTEM : by,
        by == null ? AuditEntry.Action.RESOLVED : AuditEntry.Action.RESOLVED_BY_HAND, t, note == null ? "" : note);
    emit(t, AlertState.FIRING, AlertState.RESOLVED, now);
  }

  private boolean updateHistory(String fp, long instance,
      java.util.function.UnaryOperator<AlertHistoryRecord> change) {
    Optional<AlertHistoryRecord> r = history.find(fp, instance);
    r.ifPresent(rec -> history.save(change.apply(rec)));
    return r.isPresent();
  }

  private void audit(Instant now, String actor, AuditEntry.Action action, Tracked t, String detail) {
    history.audit(new AuditEntry(now, actor, action, t.fp, t.instance, detail));
  }

  private void emit(Tracked t, AlertState from, AlertState to, Instant now) {
    AlertTransition tr = new AlertTransition(t.fp, t.instance, Optional.ofNullable(from), Optional.ofNullable(to),
        now);
    for (Consumer<AlertTransition> l : listeners) {
      try {
        l.accept(tr);
      } catch (RuntimeException e) {
        LOG.warn("alert transition listener failed", e);
      }
    }
  }

  private void recordFlap(String fp, Instant now) {
    flapHistory.computeIfAbsent(fp, k -> new ArrayDeque<>()).addLast(now);
    updateFlapping(fp, now);
  }

  private void updateFlapping(String fp, Instant now) {
    Deque<Instant> h = flapHistory.get(fp);
    if (h == null) {
      return;
    }
    Instant horizon = now.minus(flap.window());
    while (!h.isEmpty() && h.peekFirst().isBefore(horizon)) {
      h.pollFirst();
    }
    if (h.size() >= flap.enterAt()) {
      flapping.add(fp);
    } else if (h.size() <= flap.leaveAt()) {
      flapping.remove(fp);
    }
    if (h.isEmpty()) {
      flapHistory.remove(fp);
    }
  }

  private void correlate(Tracked t, Instant now) {
    t.incident = correlator.correlate(t.fp, t.labels, now);
  }

  /**
   * Offers an external signal (e.g. a cost anomaly) to the open incidents: it joins the most recent one whose time
   * window (its span widened by the correlation window) contains the signal's time and that shares a correlation
   * label value with it.
   *
   * @param signal the signal; never null
   * @return the incident it joined, empty when none fits
   */
  public synchronized Optional<String> offerSignal(ExternalSignal signal) {
    Checks.nonNull(signal, "signal");
    return correlator.offer(signal, clock.instant());
  }

  /**
   * Advances time-based transitions ({@code for}, {@code keepFiringFor}), queues the notifications of every group
   * that is due, and then, outside the engine's lock, hands the queued deliveries and the retries that are due to
   * the delivery executor.
   *
   * @return how many deliveries completed during this call, all channels counted: with the default direct executor
   *     every delivery started by the tick; with an asynchronous executor usually fewer (see {@link
   *     #deliveryStats()})
   */
  public int tick() {
    long before = delivery.delivered();
    Instant now;
    synchronized (this) {
      now = clock.instant();
      evaluate(now);
    }
    delivery.releaseDue(now);
    delivery.dispatch();
    return (int) (delivery.delivered() - before);
  }

  private void evaluate(Instant now) {
    evaluator.checkAbsence(now, lifecycle);
    for (Tracked t : new ArrayList<>(alerts.values())) {
      if (t.state != AlertState.RESOLVED) {
        advance(t, now);
      }
    }
    for (String fp : new ArrayList<>(flapHistory.keySet())) {
      updateFlapping(fp, now);
    }
    Map<String, List<Tracked>> desired = new LinkedHashMap<>();
    List<List<Tracked>> sources = inhibitionSources();
    for (Tracked t : alerts.values()) {
      if (t.state != AlertState.FIRING) {
        continue;
      }
      t.silenced = isSilenced(t.labels, now);
      t.inhibited = isInhibited(t, sources);
      boolean isFlapping = flapping.contains(t.fp);
      if (t.silenced && !t.countedSilenced) {
        t.countedSilenced = true;
        silencedCount++;
      }
      if (t.inhibited && !t.countedInhibited) {
        t.countedInhibited = true;
        inhibitedCount++;
      }
      if (isFlapping && !t.countedFlapping) {
        t.countedFlapping = true;
        flappingCount++;
      }
      if (!t.silenced && !t.inhibited && !isFlapping) {
        desired.computeIfAbsent(groupKey(t), k -> new ArrayList<>()).add(t);
      }
    }
    Set<String> keys = new java.util.LinkedHashSet<>(groups.keySet());
    keys.addAll(desired.keySet());
    for (String key : keys) {
      List<Tracked> members = desired.getOrDefault(key, List.of());
      Group g = groups.get(key);
      if (g == null) {
        g = new Group(key, groupLabels(members.get(0)));
        groups.put(key, g);
      }
      processGroup(g, members, now);
      if (g.announced.isEmpty() && members.isEmpty()) {
        groups.remove(key);
      }
    }
    escalate(now);
    alerts.values().removeIf(t -> t.state == AlertState.RESOLVED);
  }

  private void processGroup(Group g, List<Tracked> members, Instant now) {
    List<Tracked> newFiring = new ArrayList<>();
    for (Tracked t : members) {
      Announced a = g.announced.get(t.fp);
      if (a == null || a.instance() != t.instance) {
        newFiring.add(t);
      }
    }
    List<Map.Entry<String, Announced>> gone = new ArrayList<>();
    for (Map.Entry<String, Announced> e : g.announced.entrySet()) {
      Tracked cur = alerts.get(e.getKey());
      if (cur == null || cur.instance != e.getValue().instance() || cur.state == AlertState.RESOLVED) {
        gone.add(e);
      }
    }
    boolean changed = !newFiring.isEmpty() || !gone.isEmpty();
    if (changed) {
      if (g.pendingSince == null) {
        g.pendingSince = now;
      }
      Instant due = g.lastFlush == null ? g.pendingSince.plus(grouping.groupWait())
          : g.lastFlush.plus(grouping.groupInterval());
      if (now.isBefore(due)) {
        return;
      }
    } else {
      boolean unacked = members.stream().anyMatch(t -> t.ackBy == null);
      if (members.isEmpty() || !unacked || g.lastFlush == null
          || now.isBefore(g.lastFlush.plus(grouping.repeatInterval()))) {
        return;
      }
    }
    List<String> resolvedLines = new ArrayList<>();
    for (Map.Entry<String, Announced> e : gone) {
      Announced a = e.getValue();
      resolvedLines.add("RESOLVED " + a.labels());
      g.announced.remove(e.getKey());
      Tracked cur = alerts.get(e.getKey());
      if (cur == null || cur.state == AlertState.RESOLVED) {
        store.remove(e.getKey());
      } else if (cur.unannouncedResolution == a.instance()) {
        cur.unannouncedResolution = 0;
        sync(cur);
      }
    }
    for (Tracked t : newFiring) {
      g.announced.put(t.fp, new Announced(t.instance, t.labels, t.severity, t.firedAt));
      if (!t.announced) {
        t.announced = true;
        sync(t);
      }
    }
    g.lastFlush = now;
    g.pendingSince = null;
    List<Tracked> ordered = new ArrayList<>(newFiring);
    for (Tracked t : members) {
      if (!newFiring.contains(t)) {
        ordered.add(t);
      }
    }
    Notification n = render(g, ordered, resolvedLines, now);
    delivery.enqueue(n, router.route(routingLabels(g, ordered), n.severity(), now));
  }

  /** The group's labels plus the labels every firing member shares: what routes match on. */
  private static Map<String, String> routingLabels(Group g, List<Tracked> firing) {
    Map<String, String> out = new TreeMap<>(g.labels);
    if (!firing.isEmpty()) {
      Map<String, String> common = new TreeMap<>(firing.get(0).labels);
      for (Tracked t : firing) {
        common.entrySet().removeIf(e -> !e.getValue().equals(t.labels.get(e.getKey())));
      }
      out.putAll(common);
    }
    return out;
  }

  /** Sends one escalation per firing, unacknowledged, unmuted alert instance whose route's delay has passed. */
  private void escalate(Instant now) {
    for (Tracked t : alerts.values()) {
      if (t.state != AlertState.FIRING || t.ackBy != null || t.escalated || t.silenced || t.inhibited
          || flapping.contains(t.fp)) {
        continue;
      }
      Optional<Router.Escalation> due = router.escalation(t.labels, t.severity, t.firedAt, now);
      if (due.isPresent()) {
        t.escalated = true;
        escalations++;
        Router.Escalation esc = due.get();
        audit(now, AuditEntry.SYSTEM, AuditEntry.Action.ESCALATED, t,
            "route " + esc.route() + " to " + esc.channels().keySet());
        Notification n = new Notification("escalation:" + t.fp + ":" + t.instance, t.severity,
            "[ESCALATED] " + t.labels.get(Alert.ALERTNAME) + " unacknowledged for " + esc.after(),
            "FIRING " + t.labels + " value=" + t.value + " since " + t.firedAt + " (route " + esc.route() + ")\n",
            t.labels, now);
        delivery.enqueue(n, esc.channels());
      }
    }
  }

  private Notification render(Group g, List<Tracked> firing, List<String> resolvedLines, Instant now) {
    Severity sev = Severity.INFO;
    for (Tracked t : firing) {
      if (t.severity.compareTo(sev) > 0) {
        sev = t.severity;
      }
    }
    String head = firing.isEmpty() ? "[RESOLVED:" + resolvedLines.size() + "] " : "[FIRING:" + firing.size() + "] ";
    String what;
    if (grouping.incidentGrouping() && g.key.startsWith("incident:")) {
      IncidentCorrelator.IncidentState inc = correlator.byId(g.key.substring("incident:".length()));
      what = inc.id + ": likely cause " + correlator.cause(inc).describe();
    } else {
      what = firing.isEmpty() ? String.valueOf(g.labels) : firing.get(0).labels.get(Alert.ALERTNAME) + " "
          + g.labels;
    }
    StringBuilder body = new StringBuilder();
    int lines = 0;
    for (Tracked t : firing) {
      if (lines++ < MAX_BODY_LINES) {
        body.append("FIRING ").append(t.labels).append(" value=").append(t.value).append(" since ")
            .append(t.firedAt).append(t.ackBy != null ? " (acknowledged by " + t.ackBy + ")" : "").append('\n');
      }
    }
    for (String r : resolvedLines) {
      if (lines++ < MAX_BODY_LINES) {
        body.append(r).append('\n');
      }
    }
    if (lines > MAX_BODY_LINES) {
      body.append("... and ").append(lines - MAX_BODY_LINES).append(" more\n");
    }
    if (g.key.startsWith("incident:")) {
      for (ExternalSignal s : correlator.byId(g.key.substring("incident:".length())).signals) {
        body.append("RELATED ").append(s.source()).append(": ").append(s.summary()).append(" at ").append(s.at())
            .append('\n');
      }
    }
    return new Notification("alertgroup:" + g.key, sev, head + what, body.toString(), g.labels, now,
        firing.isEmpty() ? Notification.Status.RESOLVED : Notification.Status.OPEN);
  }

  private String groupKey(Tracked t) {
    if (grouping.incidentGrouping() && t.incident != null) {
      return "incident:" + t.incident.id;
    }
    if (grouping.groupBy().isEmpty()) {
      return "alert:" + t.fp;
    }
    StringBuilder sb = new StringBuilder("labels:");
    for (String l : grouping.groupBy()) {
      sb.append(l).append('=').append(t.labels.getOrDefault(l, "")).append(',');
    }
    return sb.toString();
  }

  private Map<String, String> groupLabels(Tracked t) {
    TreeMap<String, String> out = new TreeMap<>();
    if (grouping.incidentGrouping() && t.incident != null) {
      out.put("incident", t.incident.id);
      return out;
    }
    if (grouping.groupBy().isEmpty()) {
      return t.labels;
    }
    for (String l : grouping.groupBy()) {
      out.put(l, t.labels.getOrDefault(l, ""));
    }
    return out;
  }

  private boolean isSilenced(Map<String, String> labels, Instant now) {
    for (Silence s : silences.values()) {
      if (s.isActive(now) && s.matches(labels)) {
        return true;
      }
    }
    return false;
  }

  /** For each inhibition rule, the firing alerts that match its source matchers (computed once per tick). */
  private List<List<Tracked>> inhibitionSources() {
    List<List<Tracked>> out = new ArrayList<>();
    for (InhibitRule r : inhibitions) {
      List<Tracked> matching = new ArrayList<>();
      for (Tracked source : alerts.values()) {
        if (source.state == AlertState.FIRING && r.matchesSource(source.labels)) {
          matching.add(source);
        }
      }
      out.add(matching);
    }
    return out;
  }

  private boolean isInhibited(Tracked target, List<List<Tracked>> sources) {
    for (int i = 0; i < inhibitions.size(); i++) {
      InhibitRule r = inhibitions.get(i);
      for (Tracked source : sources.get(i)) {
        if (source != target && r.inhibits(source.labels, target.labels)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether an alert with these labels would be muted by an active silence now.
   *
   * @param labels the labels; never null
   * @return true if silenced
   */
  public synchronized boolean isSilenced(Map<String, String> labels) {
    return isSilenced(Checks.nonNull(labels, "labels"), clock.instant());
  }

  /**
   * Adds (or replaces, by id) a silence.
   *
   * @param silence the silence; never null
   */
  public synchronized void addSilence(Silence silence) {
    silences.put(Checks.nonNull(silence, "silence").id(), silence);
  }

  /**
   * Removes a silence.
   *
   * @param id its id; never null
   * @return true if it existed
   */
  public synchronized boolean expireSilence(String id) {
    return silences.remove(Checks.nonNull(id, "id")) != null;
  }

  /**
   * Acknowledges a firing alert: its group is no longer repeated for it; its resolution is still sent.
   *
   * @param fingerprint the alert's fingerprint; never null
   * @param by who; not blank
   * @return true if a firing alert had that fingerprint
   */
  public synchronized boolean acknowledge(String fingerprint, String by) {
    Checks.nonBlank(by, "by");
    Tracked t = alerts.get(Checks.nonNull(fingerprint, "fingerprint"));
    if (t == null || t.state != AlertState.FIRING) {
      return false;
    }
    t.ackBy = by;
    sync(t);
    Instant now = clock.instant();
    updateHistory(t.fp, t.instance, r -> r.withAcknowledged(by, now));
    history.audit(new AuditEntry(now, by, AuditEntry.Action.ACKNOWLEDGED, t.fp, t.instance, ""));
    return true;
  }

  /**
   * Assigns the latest fired instance of an alert (firing or resolved) to someone, in its history.
   *
   * @param fingerprint the alert's fingerprint; never null
   * @param assignee who it is assigned to; not blank
   * @param by who assigns; not blank
   * @return true if the alert has a history record
   */
  public synchronized boolean assign(String fingerprint, String assignee, String by) {
    Checks.nonBlank(assignee, "assignee");
    return annotate(fingerprint, by, AuditEntry.Action.ASSIGNED, assignee, r -> r.withAssignee(assignee));
  }

  /**
   * Comments on the latest fired instance of an alert (firing or resolved), in its history.
   *
   * @param fingerprint the alert's fingerprint; never null
   * @param by the author; not blank
   * @param text the comment; not blank
   * @return true if the alert has a history record
   */
  public synchronized boolean comment(String fingerprint, String by, String text) {
    Checks.nonBlank(text, "text");
    Checks.nonBlank(by, "by");
    Instant now = clock.instant();
    return annotate(fingerprint, by, AuditEntry.Action.COMMENTED, text,
        r -> r.withComment(new AlertHistoryRecord.Comment(by, now, text)));
  }

  private boolean annotate(String fingerprint, String by, AuditEntry.Action action, String detail,
      java.util.function.UnaryOperator<AlertHistoryRecord> change) {
    Checks.nonNull(fingerprint, "fingerprint");
    Checks.nonBlank(by, "by");
    Long instance = instances.get(fingerprint);
    if (instance == null || !updateHistory(fingerprint, instance, change)) {
      return false;
    }
    history.audit(new AuditEntry(clock.instant(), by, action, fingerprint, instance, detail));
    return true;
  }

  /**
   * Resolves a firing alert by hand: it resolves now (its resolution is notified at the next flush of its group),
   * with the note in its history. If its condition still holds, the next evaluation opens a new instance.
   *
   * @param fingerprint the alert's fingerprint; never null
   * @param by who; not blank
   * @param note why; not blank
   * @return true if a firing alert had that fingerprint
   */
  public synchronized boolean resolve(String fingerprint, String by, String note) {
    Checks.nonBlank(by, "by");
    Checks.nonBlank(note, "note");
    Tracked t = alerts.get(Checks.nonNull(fingerprint, "fingerprint"));
    if (t == null || t.state != AlertState.FIRING) {
      return false;
    }
    Instant now = clock.instant();
    t.conditionTrue = false;
    t.clearSince = now;
    resolve(t, now, by, note);
    return true;
  }

  /**
   * The history of alerts that fired, newest first.
   *
   * @param query which records; never null
   * @return the records; never null
   */
  public synchronized List<AlertHistoryRecord> history(AlertHistoryQuery query) {
    return history.query(Checks.nonNull(query, "query"));
  }

  /**
   * Who did what to an alert, all its instances, oldest first.
   *
   * @param fingerprint the alert's fingerprint; never null
   * @return the entries; never null
   */
  public synchronized List<AuditEntry> auditTrail(String fingerprint) {
    return history.auditTrail(Checks.nonNull(fingerprint, "fingerprint"));
  }

  /**
   * Subscribes to lifecycle transitions. Listeners run under the engine's lock; one that throws is logged and
   * skipped.
   *
   * @param listener the listener; never null
   */
  public void addTransitionListener(Consumer<AlertTransition> listener) {
    listeners.add(Checks.nonNull(listener, "listener"));
  }

  /**
   * The pending and firing alerts (and those resolved since the last tick).
   *
   * @return snapshots ordered by first activation; never null
   */
  public synchronized List<Alert> alerts() {
    List<Alert> out = new ArrayList<>();
    for (Tracked t : alerts.values()) {
      out.add(new Alert(t.fp, t.instance, t.labels, t.state, t.severity, t.value, t.activeSince,
          Optional.ofNullable(t.firedAt), Optional.ofNullable(t.resolvedAt), Optional.ofNullable(t.ackBy),
          t.silenced, t.inhibited, flapping.contains(t.fp),
          t.incident == null ? Optional.empty() : Optional.of(t.incident.id)));
    }
    return out;
  }

  /**
   * Every incident so far, oldest first.
   *
   * @return snapshots; never null
   */
  public synchronized List<Incident> incidents() {
    return correlator.snapshot();
  }

  /**
   * Counters since creation.
   *
   * @return a snapshot; never null
   */
  public synchronized AlertStats stats() {
    return new AlertStats(delivery.delivered(), delivery.failedAttempts(), fired, resolved, silencedCount,
        inhibitedCount, flappingCount, evaluator.ignored(), escalations);
  }

  /**
   * Deliveries queued, in progress or waiting for a retry, all channels counted.
   *
   * @return the count, {@code >= 0}
   */
  public int pendingDeliveries() {
    return delivery.pending();
  }

  /**
   * Delivery counters and each channel's circuit-breaker state. Does not take the engine's lock.
   *
   * @return a snapshot; never null
   */
  public DeliveryStats deliveryStats() {
    return delivery.stats();
  }

  /**
   * The deliveries given up (attempts exhausted or queue full) that are not being replayed, oldest first, as kept by
   * the {@linkplain Builder#deadLetterStore dead-letter store} (the default keeps at most {@link
   * DeliveryPolicy#deadLetterCapacity()}). Does not take the engine's lock.
   *
   * @return a snapshot; never null
   */
  public List<DeadLetter> deadLetters() {
    return delivery.deadLetters();
  }

  /**
   * Queues every dead letter again for its channel, with a fresh attempt budget, and dispatches them on the delivery
   * executor; see {@link #replayDeadLetters(Predicate)}. Does not take the engine's lock.
   *
   * @return how many were replayed
   */
  public int replayDeadLetters() {
    return replayDeadLetters(d -> true);
  }

  /**
   * Queues the dead letters that {@code which} accepts again for their channels, with a fresh attempt budget, and
   * dispatches them on the delivery executor. A replayed letter leaves {@link #deadLetters()} at once but stays in
   * the store until it is delivered, so a crash during the replay loses nothing (a restarted engine replays it
   * again); one that fails again becomes a new dead letter. Letters for channels this engine does not have (after a
   * restart with other channels) stay stored and are not counted. Does not take the engine's lock.
   *
   * @param which chooses the letters, e.g. by {@link DeadLetter#channelId()}; never null
   * @return how many were queued
   */
  public int replayDeadLetters(Predicate<DeadLetter> which) {
    int n = delivery.replayDeadLetters(Checks.nonNull(which, "which"));
    delivery.dispatch();
    return n;
  }

  /**
   * Builds an engine. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private InstantSource clock;
    private final List<AlertRule> rules = new ArrayList<>();
    private final List<NotificationChannel> channels = new ArrayList<>();
    private GroupingPolicy grouping = GroupingPolicy.byLabels(Alert.ALERTNAME);
    private final List<InhibitRule> inhibitions = new ArrayList<>();
    private FlapPolicy flap = FlapPolicy.defaults();
    private List<String> correlationLabels = List.of("deployment", "region");
    private Duration correlationWindow = Duration.ofMinutes(15);
    private AlertStore store = AlertStore.inMemory();
    private DeliveryPolicy deliveryPolicy = DeliveryPolicy.defaults();
    private AlertHistoryStore history = AlertHistoryStore.inMemory();
    private Executor deliveryExecutor = Runnable::run;
    private DeadLetterStore deadLetterStore;
    private MeterRegistry meterRegistry;
    private final List<NotificationRoute> routes = new ArrayList<>();

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
     * Adds a rule.
     *
     * @param rule the rule; never null
     * @return this builder
     * @throws IllegalArgumentException if another rule has the same name
     */
    public Builder rule(AlertRule rule) {
      Checks.nonNull(rule, "rule");
      for (AlertRule r : rules) {
        if (r.name().equals(rule.name())) {
          throw new IllegalArgumentException("rule names must be unique, got '" + rule.name() + "' twice");
        }
      }
      rules.add(rule);
      return this;
    }

    /**
     * Adds rules.
     *
     * @param values the rules; never null
     * @return this builder
     */
    public Builder rules(Collection<AlertRule> values) {
      List.copyOf(values).forEach(this::rule);
      return this;
    }

    /**
     * Adds a channel that every notification goes to.
     *
     * @param channel the channel; never null
     * @return this builder
     * @throws IllegalArgumentException if another channel has the same id
     */
    public Builder channel(NotificationChannel channel) {
      Checks.nonNull(channel, "channel");
      for (NotificationChannel c : channels) {
        if (c.id().equals(channel.id())) {
          throw new IllegalArgumentException("channel ids must be unique, got '" + channel.id() + "' twice");
        }
      }
      channels.add(channel);
      return this;
    }

    /**
     * Adds a route; routes are tried in the order added. Without routes every notification goes to every channel.
     *
     * @param route the route; never null
     * @return this builder
     * @throws IllegalArgumentException if another route has the same name
     */
    public Builder route(NotificationRoute route) {
      Checks.nonNull(route, "route");
      for (NotificationRoute r : routes) {
        if (r.name().equals(route.name())) {
          throw new IllegalArgumentException("route names must be unique, got '" + route.name() + "' twice");
        }
      }
      routes.add(route);
      return this;
    }

    /**
     * Adds the rules and routes of a configuration.
     *
     * @param config the configuration; never null
     * @return this builder
     * @throws IllegalArgumentException if a rule or route name is already taken
     */
    public Builder config(AlertConfig config) {
      Checks.nonNull(config, "config");
      rules(config.rules());
      config.routes().forEach(this::route);
      return this;
    }

    /**
     * Where the history of fired alerts and the audit trail are kept; default a new {@link
     * AlertHistoryStore#inMemory()}.
     *
     * @param value the store; never null
     * @return this builder
     */
    public Builder historyStore(AlertHistoryStore value) {
      this.history = Checks.nonNull(value, "historyStore");
      return this;
    }

    /**
     * How deliveries are retried, broken and bounded; default {@link DeliveryPolicy#defaults()}.
     *
     * @param value the policy; never null
     * @return this builder
     */
    public Builder deliveryPolicy(DeliveryPolicy value) {
      this.deliveryPolicy = Checks.nonNull(value, "deliveryPolicy");
      return this;
    }

    /**
     * Where dead letters are kept; default {@link DeadLetterStore#inMemory} with the delivery policy's {@link
     * DeliveryPolicy#deadLetterCapacity()}. Give {@link DeadLetterStore#file} to keep them across restarts.
     *
     * @param value the store; never null
     * @return this builder
     */
    public Builder deadLetterStore(DeadLetterStore value) {
      this.deadLetterStore = Checks.nonNull(value, "deadLetterStore");
      return this;
    }

    /**
     * Where channels are called; default: on the thread that calls {@link AlertEngine#tick()}, after the engine's
     * lock is released. Give the host's pool so that slow channels do not hold the ticking thread; each channel
     * uses at most one of its threads at a time.
     *
     * @param value the executor; never null
     * @return this builder
     */
    public Builder deliveryExecutor(Executor value) {
      this.deliveryExecutor = Checks.nonNull(value, "deliveryExecutor");
      return this;
    }

    /**
     * The grouping policy; default by {@code alertname} with Alertmanager timings.
     *
     * @param value the policy; never null
     * @return this builder
     */
    public Builder grouping(GroupingPolicy value) {
      this.grouping = Checks.nonNull(value, "grouping");
      return this;
    }

    /**
     * Adds an inhibition rule.
     *
     * @param value the rule; never null
     * @return this builder
     */
    public Builder inhibit(InhibitRule value) {
      inhibitions.add(Checks.nonNull(value, "inhibitRule"));
      return this;
    }

    /**
     * The flapping policy; default {@link FlapPolicy#defaults()}.
     *
     * @param value the policy; never null
     * @return this builder
     */
    public Builder flapPolicy(FlapPolicy value) {
      this.flap = Checks.nonNull(value, "flapPolicy");
      return this;
    }

    /**
     * The labels that correlate alerts, most specific first; default {@code deployment, region}. Add
     * {@code provider} to merge provider-wide failures too, at the price of merging unrelated alerts of one provider.
     *
     * @param labels the label names; never null
     * @return this builder
     */
    public Builder correlationLabels(List<String> labels) {
      this.correlationLabels = List.copyOf(Checks.nonNull(labels, "correlationLabels"));
      return this;
    }

    /**
     * How close in time alerts must be to join one incident; default 15 minutes.
     *
     * @param value the window, {@code > 0}
     * @return this builder
     */
    public Builder correlationWindow(Duration value) {
      this.correlationWindow = Checks.positive(value, "correlationWindow");
      return this;
    }

    /**
     * Where open alerts' lifecycle state is kept; an engine built on a store that already holds records continues
     * those alerts. Default: a new {@link AlertStore#inMemory()}.
     *
     * @param value the store; never null
     * @return this builder
     */
    public Builder alertStore(AlertStore value) {
      this.store = Checks.nonNull(value, "alertStore");
      return this;
    }

    /**
     * Counts alerts in the host's registry (default: none): {@code stratus.monitoring.alerts.fired} and {@code
     * stratus.monitoring.alerts.resolved}, tagged with the {@code severity}.
     *
     * @param value the registry; never null
     * @return this builder; never null
     */
    public Builder meterRegistry(MeterRegistry value) {
      this.meterRegistry = Checks.nonNull(value, "meterRegistry");
      return this;
    }

    /**
     * Builds the engine, restoring the open alerts found in the {@link #alertStore(AlertStore) alert store}.
     *
     * @return a new engine; never null
     * @throws io.stratus.InvalidConfigurationException if no clock was set
     */
    public AlertEngine build() {
      if (clock == null) {
        throw new io.stratus.InvalidConfigurationException(
            "AlertEngine needs a clock: call clock(InstantSource), e.g. InstantSource.system()");
      }
      Router.validate(routes, channels);
      return new AlertEngine(this);
    }
  }
}
