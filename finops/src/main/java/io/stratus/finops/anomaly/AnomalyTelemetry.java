package io.stratus.finops.anomaly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * A cost anomaly monitor's meters and tracer. Judged buckets are counted in a plain field and added to the shared
 * counter every {@value #BATCH} buckets and at the end of each evaluation, so the per-bucket path never touches the
 * registry. Not thread-safe: the monitor calls it under its own lock.
 */
final class AnomalyTelemetry {
  /** Buckets judged between two additions to the shared counter. */
  static final int BATCH = 1024;
  private static final AttributeKey<String> MONITOR = AttributeKey.stringKey("stratus.monitor.id");
  private static final AttributeKey<Long> BUCKETS = AttributeKey.longKey("stratus.buckets");
  private static final AttributeKey<Long> ANOMALIES = AttributeKey.longKey("stratus.anomalies");

  private final Tracer tracer;
  private final Counter points;
  private final Counter increases;
  private final Counter decreases;
  private long pending;
  private long judged;

  AnomalyTelemetry(MeterRegistry registry, OpenTelemetry otel) {
    this.tracer = otel.getTracer("io.stratus.finops");
    if (registry == null) {
      points = increases = decreases = null;
      return;
    }
    points = Counter.builder("stratus.finops.anomaly.points").description("cost buckets judged by anomaly monitors")
        .register(registry);
    increases = anomalies(registry, "increase");
    decreases = anomalies(registry, "decrease");
  }

  private static Counter anomalies(MeterRegistry r, String direction) {
    return Counter.builder("stratus.finops.anomalies").description("cost anomalies raised")
        .tag("direction", direction).register(r);
  }

  Span start(String monitorId) {
    judged = 0;
    return tracer.spanBuilder("stratus.finops.anomaly.evaluate").setAttribute(MONITOR, monitorId).startSpan();
  }

  /** Counts one judged bucket and the anomaly it raised, if any. */
  void point(CostAnomaly raised) {
    judged++;
    if (points == null) {
      return;
    }
    if (++pending >= BATCH) {
      flush();
    }
    if (raised != null) {
      (raised.direction() == CostAnomaly.Direction.INCREASE ? increases : decreases).increment();
    }
  }

  void evaluated(Span span, int raised) {
    if (points != null) {
      flush();
    }
    span.setAttribute(BUCKETS, judged);
    span.setAttribute(ANOMALIES, (long) raised);
  }

  private void flush() {
    points.increment(pending);
    pending = 0;
  }

  static void failed(Span span, RuntimeException e) {
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
  }
}
