package io.stratus.monitoring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.ProviderException;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.Region;
import io.stratus.monitoring.spi.HealthProbe;
import io.stratus.monitoring.spi.HealthTarget;
import io.stratus.monitoring.spi.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final InstantSource clock = () -> now.get();
  private final HealthTarget eu = HealthTarget.region("aws:eu-west-1");
  private final HealthChecker checker = HealthChecker.builder().clock(clock).build();

  private void probe(HealthTarget t, ProbeResult.Outcome o) {
    checker.record(new ProbeResult(t, o, Duration.ofMillis(50), now.get(), "x"));
  }

  private void advance(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void state_neverObserved_isUnknown() {
    assertThat(checker.state(eu)).isEqualTo(HealthState.UNKNOWN);
  }

  @Test
  void probes_needThreeFailuresToGoDownAndTwoSuccessesToRecover() {
    probe(eu, ProbeResult.Outcome.UP);
    assertThat(checker.state(eu)).isEqualTo(HealthState.HEALTHY);
    probe(eu, ProbeResult.Outcome.DOWN);
    probe(eu, ProbeResult.Outcome.DOWN);
    assertThat(checker.state(eu)).isEqualTo(HealthState.HEALTHY);
    probe(eu, ProbeResult.Outcome.DOWN);
    assertThat(checker.state(eu)).isEqualTo(HealthState.UNHEALTHY);
    probe(eu, ProbeResult.Outcome.UP);
    assertThat(checker.state(eu)).isEqualTo(HealthState.UNHEALTHY);
    probe(eu, ProbeResult.Outcome.UP);
    assertThat(checker.state(eu)).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void probes_alternating_doNotFlap() {
    probe(eu, ProbeResult.Outcome.UP);
    List<HealthTransition> transitions = new ArrayList<>();
    checker.addListener(transitions::add);
    for (int i = 0; i < 20; i++) {
      probe(eu, i % 2 == 0 ? ProbeResult.Outcome.DOWN : ProbeResult.Outcome.UP);
    }
    assertThat(transitions).isEmpty();
  }

  @Test
  void metrics_errorRateAndSaturation_classifyObservations() {
    HealthTarget vm = HealthTarget.resource("vm-1");
    checker.recordMetrics(vm, 0.0, 0.5);
    assertThat(checker.state(vm)).isEqualTo(HealthState.HEALTHY);
    for (int i = 0; i < 3; i++) {
      checker.recordMetrics(vm, 0.02, Double.NaN);
    }
    assertThat(checker.status(vm).state()).isEqualTo(HealthState.DEGRADED);
    assertThat(checker.status(vm).reason()).contains("error rate 2.0 %");
    for (int i = 0; i < 3; i++) {
      checker.recordMetrics(vm, Double.NaN, 0.99);
    }
    assertThat(checker.state(vm)).isEqualTo(HealthState.UNHEALTHY);
  }

  @Test
  void missingData_makesTargetUnknown() {
    probe(eu, ProbeResult.Outcome.UP);
    advance(Duration.ofMinutes(6));
    assertThat(checker.status(eu).state()).isEqualTo(HealthState.UNKNOWN);
    assertThat(checker.status(eu).reason()).contains("no data since");
  }

  @Test
  void availability_accountsTimePerStateAndErrorBudget() {
    probe(eu, ProbeResult.Outcome.UP);
    for (int m = 0; m < 60; m++) {
      advance(Duration.ofMinutes(1));
      probe(eu, m >= 50 && m < 53 ? ProbeResult.Outcome.DOWN : ProbeResult.Outcome.UP);
    }
    Availability a = checker.availability(eu, Duration.ofHours(1), 0.99);
    assertThat(a.unavailable()).isEqualTo(Duration.ofMinutes(2));
    assertThat(a.available()).isEqualTo(Duration.ofMinutes(58));
    assertThat(a.ratio()).isCloseTo(58.0 / 60, within(1e-9));
    assertThat(a.meetsObjective()).isFalse();
    assertThat(a.errorBudgetRemaining()).isCloseTo(1 - 2 / 0.6, within(1e-9));
    Availability longer = checker.availability(eu, Duration.ofHours(2), 0.99);
    assertThat(longer.unknown()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void view_regionOrProviderUnhealthy_shouldBeAvoided() {
    Region region = new Region(CloudProvider.AWS, "eu-west-1", "Ireland", "IE", Set.of(), List.of(),
        new GeoPoint(53, -6), Set.of());
    assertThat(checker.shouldAvoid(region)).isFalse();
    for (int i = 0; i < 3; i++) {
      probe(HealthTarget.provider("aws"), ProbeResult.Outcome.DOWN);
    }
    assertThat(checker.shouldAvoid(region)).isTrue();
    assertThat(checker.unhealthy()).containsExactly(HealthTarget.provider("aws"));
  }

  private HealthChecker quickChecker() {
    return HealthChecker.builder().clock(clock)
        .policy(new HealthPolicy(1, 1, Duration.ofMinutes(5), 0.01, 0.05, 0.85, 0.98, Duration.ofSeconds(2)))
        .derivation(new DerivedHealthPolicy(0.2, 0.5, 0.1, 1)).build();
  }

  private static void probe(HealthChecker c, HealthTarget t, ProbeResult.Outcome o, Instant at) {
    c.record(new ProbeResult(t, o, Duration.ofMillis(20), at, "x"));
  }

  @Test
  void derived_regionFollowsShareOfUnhealthyVmsWithHysteresis() {
    HealthChecker c = quickChecker();
    List<HealthTarget> vms = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      HealthTarget vm = HealthTarget.resource("vm-" + i);
      vms.add(vm);
      c.assign(vm, eu);
      probe(c, vm, ProbeResult.Outcome.UP, now.get());
    }
    assertThat(c.state(eu)).isEqualTo(HealthState.HEALTHY);
    int[] downSequence = {1, 2, 4, 5, 4, 3, 1, 0};
    HealthState[] expected = {HealthState.HEALTHY, HealthState.DEGRADED, HealthState.DEGRADED,
        HealthState.UNHEALTHY, HealthState.UNHEALTHY, HealthState.DEGRADED, HealthState.DEGRADED,
        HealthState.HEALTHY};
    List<HealthState> seen = new ArrayList<>();
    for (int down : downSequence) {
      for (int i = 0; i < 10; i++) {
        probe(c, vms.get(i), i < down ? ProbeResult.Outcome.DOWN : ProbeResult.Outcome.UP, now.get());
      }
      seen.add(c.state(eu));
    }
    assertThat(seen).containsExactly(expected);
    assertThat(c.members(eu)).hasSize(10);
  }

  @Test
  void derived_chainsVmToZoneToRegionToProvider() {
    HealthChecker c = quickChecker();
    HealthTarget zone = HealthTarget.zone("aws:eu-west-1a");
    HealthTarget aws = HealthTarget.provider("aws");
    c.assign(zone, eu);
    c.assign(eu, aws);
    List<HealthTransition> transitions = new ArrayList<>();
    c.addListener(transitions::add);
    for (int i = 0; i < 4; i++) {
      c.assign(HealthTarget.resource("vm-" + i), zone);
      probe(c, HealthTarget.resource("vm-" + i), ProbeResult.Outcome.UP, now.get());
    }
    assertThat(c.state(aws)).isEqualTo(HealthState.HEALTHY);
    for (int i = 0; i < 2; i++) {
      probe(c, HealthTarget.resource("vm-" + i), ProbeResult.Outcome.DOWN, now.get());
    }
    assertThat(c.state(zone)).isEqualTo(HealthState.UNHEALTHY);
    assertThat(c.state(eu)).isEqualTo(HealthState.UNHEALTHY);
    assertThat(c.state(aws)).isEqualTo(HealthState.UNHEALTHY);
    assertThat(c.status(aws).reason()).contains("derived").contains("1 of 1 known members unhealthy");
    assertThat(transitions).extracting(HealthTransition::target).contains(zone, eu, aws);
  }

  @Test
  void derived_parentFollowsMembersWithoutOwnObservationsAndGoesUnknownWithThem() {
    HealthChecker c = quickChecker();
    HealthTarget vm = HealthTarget.resource("vm-1");
    c.assign(vm, eu);
    assertThat(c.state(eu)).isEqualTo(HealthState.UNKNOWN);
    for (int m = 0; m < 10; m++) {
      probe(c, vm, ProbeResult.Outcome.UP, now.get());
      advance(Duration.ofMinutes(1));
    }
    assertThat(c.state(eu)).isEqualTo(HealthState.HEALTHY);
    advance(Duration.ofMinutes(6));
    assertThat(c.state(vm)).isEqualTo(HealthState.UNKNOWN);
    assertThat(c.status(eu).state()).isEqualTo(HealthState.UNKNOWN);
    assertThat(c.status(eu).reason()).contains("no member with known health");
  }

  @Test
  void derived_ownProbeDownOutweighsHealthyMembers() {
    HealthChecker c = quickChecker();
    HealthTarget vm = HealthTarget.resource("vm-1");
    c.assign(vm, eu);
    probe(c, vm, ProbeResult.Outcome.UP, now.get());
    probe(c, eu, ProbeResult.Outcome.DOWN, now.get());
    assertThat(c.state(eu)).isEqualTo(HealthState.UNHEALTHY);
    probe(c, vm, ProbeResult.Outcome.UP, now.get());
    assertThat(c.state(eu)).isEqualTo(HealthState.UNHEALTHY);
    probe(c, eu, ProbeResult.Outcome.UP, now.get());
    assertThat(c.state(eu)).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void assign_parentNotAboveMember_fails() {
    assertThatThrownBy(() -> checker.assign(eu, HealthTarget.zone("aws:eu-west-1a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent");
    assertThatThrownBy(() -> checker.assign(HealthTarget.resource("a"), HealthTarget.resource("b")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DerivedHealthPolicy(0.2, 0.5, 0.3, 1)).hasMessageContaining("hysteresis");
    assertThatThrownBy(() -> new DerivedHealthPolicy(0, 0.5, 0, 1)).hasMessageContaining("shares");
    assertThatThrownBy(() -> new DerivedHealthPolicy(0.2, 0.5, 0.1, 0)).hasMessageContaining("minKnownMembers");
  }

  @Test
  void schedulerFilter_rejectsCandidatesInUnhealthyRegionOrProviderWithCountableReasons() {
    Region ireland = new Region(CloudProvider.AWS, "eu-west-1", "Ireland", "IE", Set.of(), List.of(),
        new GeoPoint(53, -6), Set.of());
    io.stratus.scheduler.FilterPlugin filter = checker.schedulerFilter();
    assertThat(filter.name()).isEqualTo("health");
    io.stratus.scheduler.Candidate candidate = candidateIn(ireland);
    assertThat(filter.filter(null, candidate)).isEmpty();
    for (int i = 0; i < 3; i++) {
      probe(HealthTarget.region(ireland.id()), ProbeResult.Outcome.DOWN);
    }
    assertThat(filter.filter(null, candidate)).contains(HealthView.REGION_UNHEALTHY);
    for (int i = 0; i < 3; i++) {
      probe(HealthTarget.provider("aws"), ProbeResult.Outcome.DOWN);
    }
    assertThat(filter.filter(null, candidate)).contains(HealthView.PROVIDER_UNHEALTHY);
  }

  private static io.stratus.scheduler.Candidate candidateIn(Region region) {
    io.stratus.model.InstanceType type = new io.stratus.model.InstanceType(CloudProvider.AWS, "m5.large", "m5", 2, 8,
        0, "", io.stratus.model.Architecture.X86_64, 0);
    return io.stratus.scheduler.Candidate.newInstance(new io.stratus.model.Offer(type, region,
        io.stratus.model.PurchaseOption.ON_DEMAND, io.stratus.model.Money.of("0.096", "USD"), 0, T0));
  }

  @Test
  void runProbes_brokenProbeIsIsolated() {
    HealthProbe broken = new HealthProbe() {
      @Override
      public String id() {
        return "broken";
      }

      @Override
      public List<HealthTarget> targets() {
        return List.of(eu);
      }

      @Override
      public ProbeResult probe(HealthTarget target) {
        throw new ProviderException("broken", "probe crashed", null);
      }
    };
    HealthProbe ok = new HealthProbe() {
      @Override
      public String id() {
        return "ok";
      }

      @Override
      public List<HealthTarget> targets() {
        return List.of(HealthTarget.provider("gcp"));
      }

      @Override
      public ProbeResult probe(HealthTarget target) {
        return new ProbeResult(target, ProbeResult.Outcome.UP, Duration.ofMillis(10), now.get(), "");
      }
    };
    HealthChecker c = HealthChecker.builder().clock(clock).probe(broken).probe(ok).build();
    assertThat(c.runProbes()).hasSize(1);
    assertThat(c.state(HealthTarget.provider("gcp"))).isEqualTo(HealthState.HEALTHY);
    assertThat(c.state(eu)).isEqualTo(HealthState.UNKNOWN);
  }

  @Test
  void badInput_failsNamingTheField() {
    assertThatThrownBy(() -> checker.recordMetrics(eu, 1.5, 0)).hasMessageContaining("errorRate");
    assertThatThrownBy(() -> checker.recordMetrics(eu, Double.NaN, Double.NaN)).hasMessageContaining("both");
    assertThatThrownBy(() -> checker.availability(eu, Duration.ofDays(31), 0.9)).hasMessageContaining("retention");
    assertThatThrownBy(() -> new HealthPolicy(3, 2, Duration.ofMinutes(1), 0.5, 0.1, 0.8, 0.9,
        Duration.ofSeconds(1))).hasMessageContaining("degraded levels");
    assertThatThrownBy(() -> HealthChecker.builder().build()).hasMessageContaining("clock");
  }
}
