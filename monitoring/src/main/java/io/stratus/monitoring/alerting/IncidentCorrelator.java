package io.stratus.monitoring.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incident correlation of an {@link AlertEngine}: a firing alert joins the most recent open incident, active within
 * the correlation window, with which it shares a correlation label value carried by at least half of the incident's
 * alerts, else it opens a new incident; external signals join incidents by time and label; each incident names its
 * most likely shared cause.
 *
 * <p>Not thread-safe: the engine calls it under its lock.
 */
final class IncidentCorrelator {
  /** One incident's mutable state. */
  static final class IncidentState {
    final String id;
    final Instant openedAt;
    Instant resolvedAt;
    Instant lastActivity;
    final List<String> fingerprints = new ArrayList<>();
    final Map<String, Integer> pairs = new LinkedHashMap<>();
    final List<ExternalSignal> signals = new ArrayList<>();
    int open;

    IncidentState(String id, Instant openedAt) {
      this.id = id;
      this.openedAt = openedAt;
      this.lastActivity = openedAt;
    }

    /** One of its alerts resolved. */
    void alertResolved(Instant now) {
      open--;
      lastActivity = now;
      if (open == 0) {
        resolvedAt = now;
      }
    }
  }

  private final List<String> correlationLabels;
  private final Duration correlationWindow;
  private final List<IncidentState> incidents = new ArrayList<>();
  private int incidentSeq;

  IncidentCorrelator(List<String> correlationLabels, Duration correlationWindow) {
    this.correlationLabels = List.copyOf(correlationLabels);
    this.correlationWindow = correlationWindow;
  }

  /** Puts a newly firing alert into an incident and returns it. */
  IncidentState correlate(String fingerprint, Map<String, String> labels, Instant now) {
    List<String> pairs = new ArrayList<>();
    for (String l : correlationLabels) {
      String v = labels.get(l);
      if (v != null) {
        pairs.add(l + "=" + v);
      }
    }
    IncidentState target = null;
    if (!pairs.isEmpty()) {
      for (int i = incidents.size() - 1; i >= 0 && target == null; i--) {
        IncidentState inc = incidents.get(i);
        if (inc.resolvedAt != null || now.isAfter(inc.lastActivity.plus(correlationWindow))) {
          continue;
        }
        for (String p : pairs) {
          Integer covered = inc.pairs.get(p);
          if (covered != null && covered * 2 >= inc.fingerprints.size()) {
            target = inc;
            break;
          }
        }
      }
    }
    if (target == null) {
      target = new IncidentState("INC-" + (++incidentSeq), now);
      incidents.add(target);
    }
    target.fingerprints.add(fingerprint);
    for (String p : pairs) {
      target.pairs.merge(p, 1, Integer::sum);
    }
    target.open++;
    target.lastActivity = now;
    return target;
  }

  /** The most frequent correlation label value among an incident's alerts. */
  Incident.Cause cause(IncidentState inc) {
    int total = inc.fingerprints.size();
    String bestLabel = "";
    String bestValue = "";
    int best = 0;
    for (String l : correlationLabels) {
      for (Map.Entry<String, Integer> e : inc.pairs.entrySet()) {
        String k = e.getKey();
        if (k.startsWith(l + "=") && e.getValue() > best) {
          best = e.getValue();
          bestLabel = l;
          bestValue = k.substring(l.length() + 1);
        }
      }
    }
    return new Incident.Cause(bestLabel, bestValue, best, total);
  }

  /** Adds a signal to the most recent incident whose widened window holds it and that shares a label value. */
  Optional<String> offer(ExternalSignal signal, Instant now) {
    for (int i = incidents.size() - 1; i >= 0; i--) {
      IncidentState inc = incidents.get(i);
      Instant end = inc.resolvedAt != null ? inc.resolvedAt : now;
      if (signal.at().isBefore(inc.openedAt.minus(correlationWindow))
          || signal.at().isAfter(end.plus(correlationWindow))) {
        continue;
      }
      for (String l : correlationLabels) {
        String v = signal.labels().get(l);
        if (v != null && inc.pairs.containsKey(l + "=" + v)) {
          inc.signals.add(signal);
          return Optional.of(inc.id);
        }
      }
    }
    return Optional.empty();
  }

  /** The incident with this id. */
  IncidentState byId(String id) {
    for (IncidentState i : incidents) {
      if (i.id.equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("unknown incident " + id);
  }

  /** Snapshots of every incident, oldest first. */
  List<Incident> snapshot() {
    List<Incident> out = new ArrayList<>();
    for (IncidentState i : incidents) {
      out.add(new Incident(i.id, i.openedAt, Optional.ofNullable(i.resolvedAt), i.fingerprints, cause(i),
          i.signals));
    }
    return out;
  }
}
