package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.FilterPlugin;
import io.stratus.scheduler.PlacementPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchedulerObservabilityTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private CostAwareScheduler scheduler() {
    return CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers()))
        .meterRegistry(registry).openTelemetry(OTEL.getOpenTelemetry()).decisionTracing(DecisionTracing.SPAN)
        .build();
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void schedule_countsDecisionsByOutcomeAndRejectionsByReason() {
    CostAwareScheduler s = scheduler();
    Workload eu = CostAwareSchedulerTest.web().toBuilder()
        .compliance(ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build()).build();

    Decision placed = s.schedule(eu);
    Decision huge = s.schedule(Workload.builder("huge").demand(ResourceDemand.of(64, 512)).build());

    assertThat(placed.isPlaced()).isTrue();
    assertThat(huge.isPlaced()).isFalse();
    assertThat(count("stratus.scheduler.decisions", "scheduler", "cost-aware", "mode", "single", "outcome", "placed"))
        .isEqualTo(1);
    assertThat(count("stratus.scheduler.decisions", "outcome", "unschedulable", "mode", "single")).isEqualTo(1);
    assertThat(registry.get("stratus.scheduler.latency").tags("mode", "single").timer().count()).isEqualTo(2);
    // the meters agree with the explanations: the EU workload loses 3 non-EU candidates to region rules and 1 spot
    // candidate in the EU; the huge one loses the 2 spot candidates to the spot rule and the other 5 to vCPU
    assertThat(count("stratus.scheduler.candidates.filtered", "reason", "region")).isEqualTo(
        placed.explanation().rejections().stream().filter(r -> !r.reason().equals("spot not allowed"))
            .mapToInt(r -> r.count()).sum()).isEqualTo(3);
    assertThat(count("stratus.scheduler.candidates.filtered", "reason", "spot")).isEqualTo(3);
    assertThat(count("stratus.scheduler.candidates.filtered", "reason", "vcpu")).isEqualTo(5);
    assertThat(count("stratus.scheduler.candidates.filtered", "reason", "plugin")).isZero();
    double total = registry.find("stratus.scheduler.candidates.filtered").counters().stream()
        .mapToDouble(c -> c.count()).sum();
    assertThat(total).isEqualTo(placed.explanation().rejections().stream().mapToInt(r -> r.count()).sum()
        + huge.explanation().rejections().stream().mapToInt(r -> r.count()).sum());
    assertThat(count("stratus.scheduler.prices.fetched")).isEqualTo(7);
    assertThat(registry.get("stratus.scheduler.prices.cached").gauge().value()).isEqualTo(7);
  }

  @Test
  void schedule_spanCarriesWorkloadProviderRegionAndCounts() {
    scheduler().schedule(CostAwareSchedulerTest.web());

    List<SpanData> spans = OTEL.getSpans();
    SpanData decision = spans.stream().filter(sp -> sp.getName().equals("stratus.scheduler.schedule")).findFirst()
        .orElseThrow();
    assertThat(decision.getAttributes().get(AttributeKey.stringKey("stratus.workload.id"))).isEqualTo("web-1");
    assertThat(decision.getAttributes().get(AttributeKey.stringKey("stratus.outcome"))).isEqualTo("placed");
    assertThat(decision.getAttributes().get(AttributeKey.stringKey("cloud.provider"))).isEqualTo("azure");
    assertThat(decision.getAttributes().get(AttributeKey.stringKey("cloud.region"))).isEqualTo("southeastasia");
    assertThat(decision.getAttributes().get(AttributeKey.longKey("stratus.candidates.considered"))).isEqualTo(7);
    assertThat(decision.getAttributes().get(AttributeKey.longKey("stratus.candidates.feasible"))).isEqualTo(5);
    SpanData fetch = spans.stream().filter(sp -> sp.getName().equals("stratus.scheduler.prices.fetch")).findFirst()
        .orElseThrow();
    // the price read happens inside the first decision, so it is that decision's child
    assertThat(fetch.getParentSpanId()).isEqualTo(decision.getSpanId());
    assertThat(fetch.getAttributes().get(AttributeKey.longKey("stratus.prices"))).isEqualTo(7);
  }

  @Test
  void placeAll_countsThePlanOnceAndTracesIt() {
    List<Workload> ws = List.of(
        Workload.builder("a").demand(ResourceDemand.of(1, 4)).build(),
        Workload.builder("b").demand(ResourceDemand.of(1, 4)).build(),
        Workload.builder("too-big").demand(ResourceDemand.of(100, 4)).build());

    PlacementPlan plan = scheduler().placeAll(ws);

    assertThat(plan.placedCount()).isEqualTo(2);
    assertThat(count("stratus.scheduler.decisions", "mode", "batch", "outcome", "placed")).isEqualTo(2);
    assertThat(count("stratus.scheduler.decisions", "mode", "batch", "outcome", "unschedulable")).isEqualTo(1);
    SpanData span = OTEL.getSpans().stream().filter(sp -> sp.getName().equals("stratus.scheduler.place_all"))
        .findFirst().orElseThrow();
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.workloads"))).isEqualTo(3);
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.workloads.placed"))).isEqualTo(2);
  }

  @Test
  void schedule_providerFailure_marksTheSpanFailed() {
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(List.of()) {
      @Override
      public List<io.stratus.model.Offer> offers(io.stratus.spi.OfferQuery query) {
        throw new IllegalStateException("pricing down");
      }
    }).openTelemetry(OTEL.getOpenTelemetry()).decisionTracing(DecisionTracing.SPAN).build();

    assertThatThrownBy(() -> s.schedule(CostAwareSchedulerTest.web())).isNotNull();

    Optional<SpanData> decision = OTEL.getSpans().stream()
        .filter(sp -> sp.getName().equals("stratus.scheduler.schedule")).findFirst();
    assertThat(decision).get().extracting(sp -> sp.getStatus().getStatusCode())
        .isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
  }

  private CostAwareScheduler eventScheduler() {
    return CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers()))
        .meterRegistry(registry).openTelemetry(OTEL.getOpenTelemetry()).decisionTracing(DecisionTracing.EVENT)
        .build();
  }

  @Test
  void decisionTracingEvent_recordsTheDecisionAsAnEventOnTheCallersSpan() {
    CostAwareScheduler s = eventScheduler();
    Span request = OTEL.getOpenTelemetry().getTracer("host").spanBuilder("host.request").startSpan();
    Scope scope = request.makeCurrent();
    try {
      s.schedule(CostAwareSchedulerTest.web());
    } finally {
      scope.close();
      request.end();
    }

    assertThat(OTEL.getSpans()).extracting(SpanData::getName).doesNotContain("stratus.scheduler.schedule")
        .contains("host.request", "stratus.scheduler.prices.fetch");
    SpanData host = OTEL.getSpans().stream().filter(sp -> sp.getName().equals("host.request")).findFirst()
        .orElseThrow();
    assertThat(host.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("stratus.scheduler.decision");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("stratus.scheduler"))).isEqualTo("cost-aware");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("stratus.workload.id"))).isEqualTo("web-1");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("stratus.outcome"))).isEqualTo("placed");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("cloud.provider"))).isEqualTo("azure");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("cloud.region"))).isEqualTo("southeastasia");
      assertThat(e.getAttributes().get(AttributeKey.longKey("stratus.candidates.considered"))).isEqualTo(7);
      assertThat(e.getAttributes().get(AttributeKey.longKey("stratus.candidates.feasible"))).isEqualTo(5);
    });
    SpanData fetch = OTEL.getSpans().stream().filter(sp -> sp.getName().equals("stratus.scheduler.prices.fetch"))
        .findFirst().orElseThrow();
    assertThat(fetch.getParentSpanId()).as("the price read is a child of the caller's span")
        .isEqualTo(host.getSpanId());
    assertThat(count("stratus.scheduler.decisions", "mode", "single", "outcome", "placed")).isEqualTo(1);
  }

  @Test
  void decisionTracingEvent_withoutACallerSpan_tracesNoDecisionButCountsIt() {
    eventScheduler().schedule(CostAwareSchedulerTest.web());

    assertThat(OTEL.getSpans()).extracting(SpanData::getName).containsExactly("stratus.scheduler.prices.fetch");
    assertThat(OTEL.getSpans().get(0).getEvents()).isEmpty();
    assertThat(count("stratus.scheduler.decisions", "mode", "single", "outcome", "placed")).isEqualTo(1);
  }

  @Test
  void decisionTracingEvent_failure_isAnExceptionEventOnTheCallersSpan_whoseStatusStaysTheCallers() {
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(List.of()) {
      @Override
      public List<io.stratus.model.Offer> offers(io.stratus.spi.OfferQuery query) {
        throw new IllegalStateException("pricing down");
      }
    }).openTelemetry(OTEL.getOpenTelemetry()).decisionTracing(DecisionTracing.EVENT).build();
    Span request = OTEL.getOpenTelemetry().getTracer("host").spanBuilder("host.request").startSpan();
    Scope scope = request.makeCurrent();
    try {
      assertThatThrownBy(() -> s.schedule(CostAwareSchedulerTest.web())).isNotNull();
    } finally {
      scope.close();
      request.end();
    }

    SpanData host = OTEL.getSpans().stream().filter(sp -> sp.getName().equals("host.request")).findFirst()
        .orElseThrow();
    assertThat(host.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.UNSET);
    assertThat(host.getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("exception");
      assertThat(e.getAttributes().get(AttributeKey.stringKey("stratus.workload.id"))).isEqualTo("web-1");
    });
  }

  @Test
  void decisionTracingNone_isTheDefault_tracesNoDecisionButCountsItAndKeepsThePriceReadSpan() {
    CostAwareScheduler s = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers())).meterRegistry(registry)
        .openTelemetry(OTEL.getOpenTelemetry()).build();
    Span request = OTEL.getOpenTelemetry().getTracer("host").spanBuilder("host.request").startSpan();
    Scope scope = request.makeCurrent();
    try {
      s.schedule(CostAwareSchedulerTest.web());
    } finally {
      scope.close();
      request.end();
    }

    assertThat(OTEL.getSpans()).extracting(SpanData::getName)
        .containsExactlyInAnyOrder("stratus.scheduler.prices.fetch", "host.request");
    assertThat(OTEL.getSpans()).allSatisfy(sp -> assertThat(sp.getEvents()).isEmpty());
    assertThat(count("stratus.scheduler.decisions", "mode", "single", "outcome", "placed")).isEqualTo(1);
    assertThat(registry.get("stratus.scheduler.latency").tags("mode", "single").timer().count()).isEqualTo(1);
  }

  @Test
  void decisionTracing_null_isRejected() {
    assertThatThrownBy(() -> CostAwareScheduler.builder().decisionTracing(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("decisionTracing");
  }

  @Test
  void withoutRegistry_nothingIsRegisteredAnywhere() {
    CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers())).build()
        .schedule(CostAwareSchedulerTest.web());

    assertThat(registry.getMeters()).isEmpty();
    assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.getMeters()).isEmpty();
  }

  /** A registry whose counters count their increment calls by meter name (a call per candidate would show here). */
  static final class CallCountingRegistry extends SimpleMeterRegistry {
    final Map<String, Integer> calls = new ConcurrentHashMap<>();

    @Override
    protected Counter newCounter(Meter.Id id) {
      return new CumulativeCounter(id) {
        @Override
        public void increment(double amount) {
          calls.merge(id.getName(), 1, Integer::sum);
          super.increment(amount);
        }
      };
    }
  }

  @Test
  void schedule_countsRejectionsOncePerReasonPerDecision_notOncePerCandidate() {
    CallCountingRegistry counting = new CallCountingRegistry();
    CostAwareScheduler s = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers())).meterRegistry(counting).build();

    Decision huge = s.schedule(Workload.builder("huge").demand(ResourceDemand.of(64, 512)).build());

    // 7 candidates rejected for 2 reasons (2 spot, 5 vCPU): 2 increments, by the totals, and one outcome increment
    int rejected = huge.explanation().rejections().stream().mapToInt(r -> r.count()).sum();
    assertThat(rejected).isEqualTo(7);
    assertThat(huge.explanation().rejections()).hasSize(2);
    assertThat(counting.calls.get("stratus.scheduler.candidates.filtered")).isEqualTo(2);
    assertThat(counting.find("stratus.scheduler.candidates.filtered").counters().stream()
        .mapToDouble(Counter::count).sum()).isEqualTo(rejected);
    assertThat(counting.calls.get("stratus.scheduler.decisions")).isEqualTo(1);
  }

  @Test
  void withoutOpenTelemetry_aDecisionLeavesTheCallersContextAlone() {
    AtomicReference<Context> seen = new AtomicReference<>();
    FilterPlugin probe = new FilterPlugin() {
      @Override
      public Optional<String> filter(Workload workload, Candidate candidate) {
        seen.set(Context.current());
        return Optional.empty();
      }

      @Override
      public String name() {
        return "probe";
      }
    };
    Span request = OTEL.getOpenTelemetry().getTracer("host").spanBuilder("host.request").startSpan();
    Context caller = Context.current().with(request);
    CostAwareScheduler untraced = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers())).filter(probe).build();
    CostAwareScheduler traced = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers())).filter(probe)
        .openTelemetry(OTEL.getOpenTelemetry()).decisionTracing(DecisionTracing.SPAN).build();
    Scope scope = caller.makeCurrent();
    try {
      untraced.schedule(CostAwareSchedulerTest.web());
      // no span of our own and no context switch: the plugin runs in the caller's very context
      assertThat(seen.get()).isSameAs(caller);

      traced.schedule(CostAwareSchedulerTest.web());
      // traced: the plugin runs inside the decision's span, a child of the caller's
      assertThat(Span.fromContext(seen.get()).getSpanContext().getTraceId())
          .isEqualTo(request.getSpanContext().getTraceId());
      assertThat(Span.fromContext(seen.get()).getSpanContext().getSpanId())
          .isNotEqualTo(request.getSpanContext().getSpanId());
    } finally {
      scope.close();
      request.end();
    }
  }

  @Test
  void latencyTimer_recordsEachDecisionWithTheRegistryClock() {
    MockClock clock = new MockClock();
    SimpleMeterRegistry timed = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    CostAwareScheduler s = CostAwareScheduler.builder().meterRegistry(timed).filter(new FilterPlugin() {
      @Override
      public Optional<String> filter(Workload workload, Candidate candidate) {
        clock.add(Duration.ofMillis(1));
        return Optional.empty();
      }

      @Override
      public String name() {
        return "slow";
      }
    }).pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers())).build();

    Decision d = s.schedule(CostAwareSchedulerTest.web());

    Timer t = timed.get("stratus.scheduler.latency").tags("mode", "single").timer();
    assertThat(t.count()).isEqualTo(1);
    // the plugin saw each candidate that passed the built-in filters (it rejects none): one simulated ms each
    assertThat(t.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(d.explanation().feasible());
  }
}
