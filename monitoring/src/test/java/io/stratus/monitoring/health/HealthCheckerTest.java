package io.stratus.monitoring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.ProviderException;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.Region;
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
