package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.monitoring.health.HealthChecker;
import io.stratus.monitoring.health.HealthState;
import io.stratus.monitoring.health.HealthView;
import io.stratus.monitoring.spi.HealthTarget;
import io.stratus.monitoring.spi.ProbeResult;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Monitoring feeds scheduling end to end: VM probes make a region unhealthy through derived health, and a real
 * {@link CostAwareScheduler} with the health view's filter moves new work elsewhere and counts why.
 */
class HealthAwareSchedulingTest {
  /** The scheduler counts a host filter's rejections under "name: reason". */
  private static final String REGION_REASON = "health: " + HealthView.REGION_UNHEALTHY;
  private static final String PROVIDER_REASON = "health: " + HealthView.PROVIDER_UNHEALTHY;

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T09:00:00Z"));
  private final InstantSource clock = now::get;

  @Test
  void schedule_regionTurnsUnhealthy_decisionMovesAwayAndExplanationCountsTheReason() {
    HealthChecker health = HealthChecker.builder().clock(clock).build();
    CostAwareScheduler scheduler = CostAwareScheduler.builder().pricing(BundledCatalog.load()).clock(clock)
        .filter(health.schedulerFilter()).build();
    Workload web = Workload.builder("web-1").demand(ResourceDemand.of(2, 4)).build();

    Decision before = scheduler.schedule(web);
    assertThat(before.isPlaced()).isTrue();
    Region cheapest = before.candidate().orElseThrow().region();
    assertThat(before.explanation().rejections()).extracting(Explanation.Rejection::reason)
        .doesNotContain(REGION_REASON);

    // 10 VMs in that region report through probes; 4 go down (40 %, over the default 30 % unhealthy share).
    HealthTarget region = HealthTarget.region(cheapest.id());
    for (int i = 0; i < 10; i++) {
      health.assign(HealthTarget.resource("vm-" + i), region);
    }
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10; i++) {
        ProbeResult.Outcome o = i < 4 ? ProbeResult.Outcome.DOWN : ProbeResult.Outcome.UP;
        health.record(new ProbeResult(HealthTarget.resource("vm-" + i), o, Duration.ofMillis(30), now.get(), ""));
      }
      now.set(now.get().plusSeconds(30));
    }
    assertThat(health.state(region)).isEqualTo(HealthState.UNHEALTHY);

    Decision during = scheduler.schedule(web);
    assertThat(during.isPlaced()).isTrue();
    assertThat(during.candidate().orElseThrow().region()).isNotEqualTo(cheapest);
    assertThat(during.hourlyCost().orElseThrow().compareTo(before.hourlyCost().orElseThrow()))
        .isGreaterThanOrEqualTo(0);
    Explanation e = during.explanation();
    assertThat(e.rejections()).filteredOn(r -> r.reason().equals(REGION_REASON))
        .singleElement().satisfies(r -> assertThat(r.count()).isPositive());
    assertThat(e.rejectionSummary()).contains(" health: region unhealthy");

    // The VMs recover: two good rounds bring the region back and the cheapest region is chosen again.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 10; i++) {
        health.record(new ProbeResult(HealthTarget.resource("vm-" + i), ProbeResult.Outcome.UP,
            Duration.ofMillis(30), now.get(), ""));
      }
      now.set(now.get().plusSeconds(30));
    }
    assertThat(health.state(region)).isEqualTo(HealthState.HEALTHY);
    assertThat(scheduler.schedule(web).candidate().orElseThrow().region()).isEqualTo(cheapest);
  }

  @Test
  void schedule_providerUnhealthy_noCandidateOfThatProviderIsChosen() {
    HealthChecker health = HealthChecker.builder().clock(clock).build();
    CostAwareScheduler scheduler = CostAwareScheduler.builder().pricing(BundledCatalog.load()).clock(clock)
        .filter(health.schedulerFilter()).build();
    Workload web = Workload.builder("web-2").demand(ResourceDemand.of(2, 4)).build();
    String provider = scheduler.schedule(web).candidate().orElseThrow().region().provider().id();
    for (int i = 0; i < 3; i++) {
      health.record(new ProbeResult(HealthTarget.provider(provider), ProbeResult.Outcome.DOWN, Duration.ofMillis(30),
          now.get(), "api errors"));
    }
    Decision d = scheduler.schedule(web);
    assertThat(d.candidate().orElseThrow().region().provider().id()).isNotEqualTo(provider);
    assertThat(d.explanation().rejections()).extracting(Explanation.Rejection::reason)
        .contains(PROVIDER_REASON);
  }
}
