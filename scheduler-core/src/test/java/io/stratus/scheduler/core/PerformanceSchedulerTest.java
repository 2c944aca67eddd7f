package io.stratus.scheduler.core;

import static io.stratus.scheduler.core.CostAwareSchedulerTest.AWS_SMALL;
import static io.stratus.scheduler.core.CostAwareSchedulerTest.offers;
import static io.stratus.scheduler.core.Fixtures.AWS_FRANKFURT;
import static io.stratus.scheduler.core.Fixtures.GCP_BELGIUM;
import static io.stratus.scheduler.core.Fixtures.PARIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.CostConstraints;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.Prediction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerformanceSchedulerTest {
  static Workload webForParis(Duration maxP95) {
    PerformanceRequirements.Builder p = PerformanceRequirements.builder().userLocations(List.of(PARIS));
    if (maxP95 != null) {
      p.maxP95Latency(maxP95);
    }
    return Workload.builder("web").workloadClass("web").demand(ResourceDemand.of(2, 4)).performance(p.build())
        .build();
  }

  static PerformanceScheduler scheduler(History history) {
    PerformanceScheduler.Builder b = PerformanceScheduler.builder().pricing(new Fixtures.StaticPricing(offers()));
    if (history != null) {
      b.performanceHistory(history);
    }
    return b.build();
  }

  @Test
  void schedule_usersInParisNoHistory_estimatesLatencyAndPicksNearestRegion() {
    Decision d = scheduler(null).schedule(webForParis(null));

    assertThat(d.candidate().orElseThrow().region()).isEqualTo(GCP_BELGIUM);
    Prediction p = d.prediction().orElseThrow();
    assertThat(p.latencyObserved()).isFalse();
    double km = GCP_BELGIUM.location().distanceKm(PARIS.location());
    assertThat(p.p95LatencyMillis()).isEqualTo(2 * km / 100 + 5);
    assertThat(d.explanation().notes()).anySatisfy(n -> assertThat(n).contains("great-circle distance"));
  }

  @Test
  void schedule_maxP95BelowAnyEstimate_unschedulableWithLatencyReason() {
    Decision d = scheduler(null).schedule(webForParis(Duration.ofMillis(3)));

    assertThat(d.isPlaced()).isFalse();
    assertThat(d.explanation().rejections())
        .containsExactly(new Explanation.Rejection("p95 latency to users above max 3 ms", 7));
  }

  @Test
  void schedule_maxP95_keepsOnlyRegionsWithinLimit() {
    Decision d = scheduler(null).schedule(webForParis(Duration.ofMillis(30)));

    assertThat(d.candidate().orElseThrow().region().country()).isIn("DE", "BE");
    assertThat(d.explanation().rejections())
        .contains(new Explanation.Rejection("p95 latency to users above max 30 ms", 3));
  }

  @Test
  void schedule_observedLatency_overridesEstimate() {
    History h = new History().latency(GCP_BELGIUM, PARIS, 80).latency(AWS_FRANKFURT, PARIS, 9);

    Decision d = scheduler(h).schedule(webForParis(null));

    assertThat(d.candidate().orElseThrow().region()).isEqualTo(AWS_FRANKFURT);
    assertThat(d.prediction().orElseThrow().latencyObserved()).isTrue();
    assertThat(d.prediction().orElseThrow().p95LatencyMillis()).isEqualTo(9);
  }

  @Test
  void schedule_minCpuScore_onlyObservedFastTypePasses() {
    History h = new History().cpu(AWS_SMALL, AWS_FRANKFURT, "web", 1.4, 0.001);
    Workload w = webForParis(null).toBuilder()
        .performance(PerformanceRequirements.builder().minCpuScore(1.2).build())
        .build();

    Decision d = scheduler(h).schedule(w);

    assertThat(d.candidate().orElseThrow().id()).isEqualTo("aws:eu-central-1:m5.large:ON_DEMAND");
    assertThat(d.prediction().orElseThrow().cpuObserved()).isTrue();
    assertThat(d.explanation().rejections()).contains(new Explanation.Rejection("CPU score below min 1.20", 4));
  }

  @Test
  void schedule_availabilityTarget_rejectsRiskySpot() {
    Workload w = Workload.builder("api").demand(ResourceDemand.of(2, 4))
        .cost(CostConstraints.builder().spotAllowed(true).build())
        .performance(PerformanceRequirements.builder().availabilityTarget(0.99).build())
        .build();

    Decision d = scheduler(null).schedule(w);

    assertThat(d.candidate().orElseThrow().purchaseOption()).isNotEqualTo(PurchaseOption.SPOT);
    assertThat(d.explanation().rejections())
        .contains(new Explanation.Rejection("predicted availability below target 0.99", 2));
  }

  @Test
  void builder_badWeights_rejected() {
    assertThatThrownBy(() -> PerformanceScheduler.builder().weights(Double.NaN, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cpu'").hasMessageContaining("NaN");
    assertThatThrownBy(() -> PerformanceScheduler.builder().weights(1, -1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'latency'");
    assertThatThrownBy(() -> PerformanceScheduler.builder().weights(0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all be zero");
  }
}
