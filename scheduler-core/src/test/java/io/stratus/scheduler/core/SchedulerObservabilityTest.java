package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchedulerObservabilityTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private CostAwareScheduler scheduler() {
    return CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(CostAwareSchedulerTest.offers()))
        .meterRegistry(registry).openTelemetry(OTEL.getOpenTelemetry()).build();
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
    }).openTelemetry(OTEL.getOpenTelemetry()).build();

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
}
