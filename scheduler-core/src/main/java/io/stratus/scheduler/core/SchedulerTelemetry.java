package io.stratus.scheduler.core;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduler's meters and tracer (names in docs/observability.md). Meters are registered once, when the scheduler
 * is built, so a decision only increments: by the filter pass's per-reason totals (one increment per reason that
 * rejected anything, never one per candidate). Without a host registry nothing is registered and no clock is read;
 * without a host OpenTelemetry (or with {@link DecisionTracing#NONE}) a single decision starts no span and switches
 * no context ({@link #traced()}); batch placements and price reads get the API's no-op spans without one. A traced
 * single decision is a span of its own or an event on the caller's span ({@link DecisionTracing}). Thread-safe.
 */
final class SchedulerTelemetry {
  static final String SCOPE = "io.stratus.scheduler";
  static final AttributeKey<String> WORKLOAD = AttributeKey.stringKey("stratus.workload.id");
  static final AttributeKey<String> SCHEDULER = AttributeKey.stringKey("stratus.scheduler");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("stratus.outcome");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("cloud.provider");
  static final AttributeKey<String> REGION = AttributeKey.stringKey("cloud.region");
  static final AttributeKey<Long> CONSIDERED = AttributeKey.longKey("stratus.candidates.considered");
  static final AttributeKey<Long> FEASIBLE = AttributeKey.longKey("stratus.candidates.feasible");
  static final AttributeKey<Long> WORKLOADS = AttributeKey.longKey("stratus.workloads");
  static final AttributeKey<Long> PLACED = AttributeKey.longKey("stratus.workloads.placed");
  static final AttributeKey<Long> PRICES = AttributeKey.longKey("stratus.prices");
  static final AttributeKey<Long> UNPRICED = AttributeKey.longKey("stratus.inventory.unpriced");

  /** The {@code reason} tag of each {@link Query} rejection code (index = code; 0 is OK). */
  private static final String[] REASONS = {
    "ok", "architecture", "gpu", "vcpu", "memory", "network", "spot", "interruption", "commitment", "currency",
    "max_cost", "cpu_score", "availability", "commitment_term", "commitment_open_ended"
  };

  static final String DECISION_EVENT = "stratus.scheduler.decision";

  private final String scheduler;
  private final boolean spanPerDecision;
  private final boolean traced;
  private final Tracer tracer;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Counter placed;
  private final Counter unschedulable;
  private final Counter batchPlaced;
  private final Counter batchUnschedulable;
  private final Timer latency;
  private final Timer batchLatency;
  private final Counter[] filtered;
  private final Counter filteredRegion;
  private final Counter filteredPlugin;
  private final Counter filteredUnpriced;
  private final Counter pricesFetched;
  private final AtomicLong pricesCached = new AtomicLong();

  private SchedulerTelemetry(String scheduler, MeterRegistry registry, OpenTelemetry otel, DecisionTracing tracing) {
    this.scheduler = scheduler;
    this.spanPerDecision = tracing == DecisionTracing.SPAN;
    this.traced = otel != OpenTelemetry.noop() && tracing != DecisionTracing.NONE;
    this.tracer = otel.getTracer(SCOPE);
    this.registry = registry;
    this.clock = registry == null ? null : registry.config().clock();
    if (registry == null) {
      placed = unschedulable = batchPlaced = batchUnschedulable = filteredRegion = filteredPlugin = filteredUnpriced =
          pricesFetched = null;
      latency = batchLatency = null;
      filtered = null;
      return;
    }
    placed = decisions(registry, "single", "placed");
    unschedulable = decisions(registry, "single", "unschedulable");
    batchPlaced = decisions(registry, "batch", "placed");
    batchUnschedulable = decisions(registry, "batch", "unschedulable");
    latency = Timer.builder("stratus.scheduler.latency").description("time to decide").tag("scheduler", scheduler)
        .tag("mode", "single").register(registry);
    batchLatency = Timer.builder("stratus.scheduler.latency").description("time to decide")
        .tag("scheduler", scheduler).tag("mode", "batch").register(registry);
    filtered = new Counter[REASONS.length];
    for (int code = 1; code < REASONS.length; code++) {
      filtered[code] = filtered(registry, REASONS[code]);
    }
    filteredRegion = filtered(registry, "region");
    filteredPlugin = filtered(registry, "plugin");
    filteredUnpriced = filtered(registry, "unknown_price");
    pricesFetched = Counter.builder("stratus.scheduler.prices.fetched")
        .description("offers and running machines read from the providers").tag("scheduler", scheduler)
        .register(registry);
    Gauge.builder("stratus.scheduler.prices.cached", pricesCached, AtomicLong::doubleValue)
        .description("candidates in the cached price snapshot").tag("scheduler", scheduler).register(registry);
  }

  /**
   * The telemetry of one scheduler.
   *
   * @param scheduler the {@code scheduler} tag, e.g. {@code cost-aware}
   * @param registry the host's registry, or null for none
   * @param otel the host's OpenTelemetry (the no-op one by default)
   * @param tracing how single decisions are traced
   * @return the telemetry
   */
  static SchedulerTelemetry create(String scheduler, MeterRegistry registry, OpenTelemetry otel,
      DecisionTracing tracing) {
    return new SchedulerTelemetry(scheduler, registry, otel, tracing);
  }

  /** Whether a single decision gets a span of its own ({@link DecisionTracing#SPAN}). */
  boolean spanPerDecision() {
    return spanPerDecision;
  }

  private Counter decisions(MeterRegistry r, String mode, String outcome) {
    return Counter.builder("stratus.scheduler.decisions").description("scheduling decisions by outcome")
        .tag("scheduler", scheduler).tag("mode", mode).tag("outcome", outcome).register(r);
  }

  private Counter filtered(MeterRegistry r, String reason) {
    return Counter.builder("stratus.scheduler.candidates.filtered")
        .description("candidates rejected by the filters of single decisions, by reason")
        .tag("scheduler", scheduler).tag("reason", reason).register(r);
  }

  /**
   * Whether single decisions are traced: the host installed an OpenTelemetry (anything but {@link
   * OpenTelemetry#noop()}) and did not choose {@link DecisionTracing#NONE}. If not, a decision skips the span and the
   * context switch altogether (with the no-op API they would cost something for nothing).
   */
  boolean traced() {
    return traced;
  }

  Tracer tracer() {
    return tracer;
  }

  /**
   * The registry clock's monotonic time where a decision starts, or 0 without a registry (so nothing reads a clock).
   * A plain long rather than a {@code Timer.Sample}: the same two clock reads, no object per decision.
   */
  long start() {
    return registry == null ? 0 : clock.monotonicTime();
  }

  private void stop(Timer timer, long start) {
    timer.record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
  }

  /**
   * Records a single decision: its outcome, its latency and the filter pass's rejections by reason; and, when {@code
   * span} is recording, the outcome, counts and placement as attributes of the decision's own span or as an event on
   * the caller's span ({@link DecisionTracing#EVENT}).
   */
  void decided(long start, Span span, Workload w, Engine.Filtered f, Decision d) {
    if (registry != null) {
      stop(latency, start);
      (d.isPlaced() ? placed : unschedulable).increment();
      if (f != null) {
        int[] codes = f.codeCounts;
        for (int code = 1; code < codes.length; code++) {
          if (codes[code] > 0) {
            filtered[code].increment(codes[code]);
          }
        }
        if (!f.otherReasons.isEmpty()) {
          otherReasons(f);
        }
        if (f.unpriced > 0) {
          filteredUnpriced.increment(f.unpriced);
        }
      }
    }
    if (!span.isRecording()) {
      return;
    }
    String outcome = d.isPlaced() ? "placed" : "unschedulable";
    Candidate c = d.candidate().orElse(null);
    if (spanPerDecision) {
      span.setAttribute(OUTCOME, outcome);
      if (f != null) {
        span.setAttribute(CONSIDERED, (long) f.considered);
        span.setAttribute(FEASIBLE, (long) f.count);
      }
      if (c != null) {
        span.setAttribute(PROVIDER, c.region().provider().id());
        span.setAttribute(REGION, c.region().code());
      }
      return;
    }
    AttributesBuilder a = Attributes.builder().put(SCHEDULER, scheduler).put(WORKLOAD, w.id()).put(OUTCOME, outcome);
    if (f != null) {
      a.put(CONSIDERED, (long) f.considered).put(FEASIBLE, (long) f.count);
    }
    if (c != null) {
      a.put(PROVIDER, c.region().provider().id()).put(REGION, c.region().code());
    }
    span.addEvent(DECISION_EVENT, a.build());
  }

  /**
   * Records a failed single decision: the decision's own span is marked {@code ERROR} with the exception; the
   * caller's span ({@link DecisionTracing#EVENT}) gets an exception event naming the workload, its status untouched.
   */
  void decisionFailed(Span span, Workload w, RuntimeException e) {
    if (spanPerDecision) {
      failed(span, e);
    } else if (span.isRecording()) {
      span.recordException(e, Attributes.of(SCHEDULER, scheduler, WORKLOAD, w.id()));
    }
  }

  private void otherReasons(Engine.Filtered f) {
    long region = f.regionRejected;
    long plugin = -region;
    for (int count : f.otherReasons.values()) {
      plugin += count;
    }
    if (region > 0) {
      filteredRegion.increment(region);
    }
    if (plugin > 0) {
      filteredPlugin.increment(plugin);
    }
  }

  /** Records a batch placement: one increment per outcome for the whole plan. */
  void placed(long start, Span span, int workloads, PlacementPlan plan) {
    int placedCount = plan.placedCount();
    if (registry != null) {
      stop(batchLatency, start);
      batchPlaced.increment(placedCount);
      batchUnschedulable.increment(workloads - placedCount);
    }
    span.setAttribute(PLACED, (long) placedCount);
  }

  /**
   * Records a snapshot build: offers and priced machines read, the size of the cached snapshot, and (as a span
   * attribute, when there are any) the running machines left out for an unknown price.
   */
  void fetched(Span span, int candidates, int unpriced) {
    if (registry != null) {
      pricesFetched.increment(candidates);
      pricesCached.set(candidates);
    }
    span.setAttribute(PRICES, (long) candidates);
    if (unpriced > 0) {
      span.setAttribute(UNPRICED, (long) unpriced);
    }
  }

  /** Marks a span as failed by {@code e}. */
  static void failed(Span span, RuntimeException e) {
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
  }

  String scheduler() {
    return scheduler;
  }
}
