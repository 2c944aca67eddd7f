package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule evaluation of an {@link AlertEngine}: which rules select a sample's series, the per-(rule, series) state that
 * their conditions need (threshold hysteresis, the previous point for rates of change, the anomaly detector, when the
 * series was last seen for absence), and whether each condition holds. What a condition change does to an alert's
 * lifecycle is the engine's business; this class only reports it to a {@link Conditions}.
 *
 * <p>Not thread-safe: the engine calls it under its lock.
 */
final class RuleEvaluator {
  /** Where condition changes go: the alert lifecycle. */
  interface Conditions {
    /**
     * Whether the alert with this fingerprint is open with its condition holding (an alert restored from a store).
     *
     * @param fingerprint the alert's fingerprint
     * @return true if open and holding
     */
    boolean holds(String fingerprint);

    /**
     * A rule's condition for one series was evaluated.
     *
     * @param fingerprint the alert's fingerprint
     * @param labels the alert's labels
     * @param rule the rule
     * @param active whether the condition holds
     * @param value the sample value (for absence: seconds without data)
     * @param now the engine's time
     */
    void update(String fingerprint, TreeMap<String, String> labels, AlertRule rule, boolean active, double value,
        Instant now);
  }

  private record EvalKey(String rule, SeriesId series) {}

  private static final class SeriesEval {
    final AlertRule rule;
    final TreeMap<String, String> labels;
    final String fingerprint;
    Instant seenAt;
    boolean hasLast;
    long lastTs;
    double lastValue;
    boolean active;
    StreamingDetector detector;

    SeriesEval(AlertRule rule, TreeMap<String, String> labels) {
      this.rule = rule;
      this.labels = labels;
      this.fingerprint = Alert.fingerprint(labels);
    }
  }

  private final List<AlertRule> rules;
  private final boolean watchesAbsence;
  private final Map<EvalKey, SeriesEval> evals = new HashMap<>();
  private long ignored;

  RuleEvaluator(List<AlertRule> rules) {
    this.rules = List.copyOf(rules);
    this.watchesAbsence = this.rules.stream().anyMatch(r -> r.condition() instanceof Condition.Absent);
  }

  /** Samples ignored so far: NaN or infinite values, and samples not after their series' previous one. */
  long ignored() {
    return ignored;
  }

  /** Evaluates one sample against every rule that selects its series. */
  void accept(MetricSample sample, Instant now, Conditions out) {
    for (AlertRule rule : rules) {
      if (!rule.selector().matches(sample.series())) {
        continue;
      }
      EvalKey key = new EvalKey(rule.name(), sample.series());
      SeriesEval e = evals.get(key);
      if (e == null) {
        TreeMap<String, String> labels = new TreeMap<>(sample.series().labels());
        labels.putAll(rule.labels());
        labels.put(Alert.ALERTNAME, rule.name());
        e = new SeriesEval(rule, labels);
        // after a restart, keep the condition's hysteresis for alerts restored from the store
        e.active = out.holds(e.fingerprint);
        evals.put(key, e);
      }
      double v = sample.value();
      long ts = sample.epochMillis();
      if (Double.isNaN(v) || Double.isInfinite(v) || (e.hasLast && ts <= e.lastTs)) {
        ignored++;
        continue;
      }
      boolean active = evaluate(rule.condition(), e, ts, v);
      e.seenAt = now;
      e.hasLast = true;
      e.lastTs = ts;
      e.lastValue = v;
      e.active = active;
      out.update(e.fingerprint, e.labels, rule, active, v, now);
    }
  }

  /** Activates absence rules whose series have been silent for their {@code after} duration. */
  void checkAbsence(Instant now, Conditions out) {
    if (!watchesAbsence) {
      return;
    }
    for (SeriesEval e : evals.values()) {
      if (e.rule.condition() instanceof Condition.Absent a && !e.active && e.seenAt != null
          && !now.isBefore(e.seenAt.plus(a.after()))) {
        e.active = true;
        double silentSeconds = Duration.between(e.seenAt, now).toMillis() / 1000.0;
        out.update(e.fingerprint, e.labels, e.rule, true, silentSeconds, now);
      }
    }
  }

  private static boolean evaluate(Condition c, SeriesEval e, long ts, double v) {
    if (c instanceof Condition.Threshold t) {
      boolean bad = t.direction() == Condition.Direction.ABOVE ? v > t.level() : v < t.level();
      boolean clear = t.direction() == Condition.Direction.ABOVE ? v <= t.clearLevel() : v >= t.clearLevel();
      return e.active ? !clear : bad;
    }
    if (c instanceof Condition.RateOfChange r) {
      if (!e.hasLast) {
        return false;
      }
      double rate = (v - e.lastValue) / ((ts - e.lastTs) / 1000.0);
      return r.direction() == Condition.Direction.ABOVE ? rate > r.perSecond() : rate < r.perSecond();
    }
    if (c instanceof Condition.Absent) {
      return false;
    }
    Condition.Anomaly a = (Condition.Anomaly) c;
    if (e.detector == null) {
      e.detector = Checks.nonNull(a.detectors().get(), "anomaly detector from factory");
    }
    return e.detector.update(ts, v).anomalous();
  }
}
