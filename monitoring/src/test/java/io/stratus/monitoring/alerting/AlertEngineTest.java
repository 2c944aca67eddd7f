package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.LabelMatcher;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.Notification;
import io.stratus.timeseries.anomaly.Detectors;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertEngineTest {
  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
  private final TestClock clock = new TestClock(T0);
  private final Outbox outbox = new Outbox();

  private AlertRule highCpu() {
    return AlertRule.builder("HighCpu", SeriesSelector.of("cpu.utilization"))
        .condition(Condition.above(90, 80)).forDuration(Duration.ofMinutes(5)).severity(Severity.CRITICAL).build();
  }

  private AlertEngine.Builder engine(GroupingPolicy grouping) {
    return AlertEngine.builder().clock(clock).channel(outbox).rule(highCpu()).grouping(grouping);
  }

  private void sample(AlertEngine e, String vm, String region, double v) {
    e.accept(new MetricSample(SeriesId.of("cpu.utilization", "resource", vm, "region", region, "provider", "aws"),
        clock.instant().toEpochMilli(), v));
  }

  /** Feeds one value per minute for {@code minutes}, ticking after each. */
  private void run(AlertEngine e, int minutes, String vm, String region, double v) {
    for (int i = 0; i < minutes; i++) {
      sample(e, vm, region, v);
      e.tick();
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void threshold_holdsForFiveMinutes_firesOnceThenResolves() {
    AlertEngine e = engine(GroupingPolicy.none()).build();
    List<AlertTransition> transitions = new ArrayList<>();
    e.addTransitionListener(transitions::add);
    run(e, 4, "vm-1", "eu", 95);
    assertThat(e.alerts()).singleElement().extracting(Alert::state).isEqualTo(AlertState.PENDING);
    assertThat(outbox.sent).isEmpty();
    run(e, 10, "vm-1", "eu", 95);
    assertThat(outbox.sent).hasSize(1);
    Notification n = outbox.sent.get(0);
    assertThat(n.title()).startsWith("[FIRING:1] HighCpu");
    assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
    run(e, 1, "vm-1", "eu", 50);
    assertThat(outbox.sent).hasSize(2);
    assertThat(outbox.sent.get(1).title()).startsWith("[RESOLVED:1]");
    assertThat(transitions).extracting(t -> t.to().map(Enum::name).orElse("-"))
        .containsExactly("PENDING", "FIRING", "RESOLVED");
  }

  @Test
  void meterRegistry_countsFiredAndResolvedBySeverity() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    AlertEngine e = engine(GroupingPolicy.none()).meterRegistry(registry).build();
    run(e, 14, "vm-1", "eu", 95);
    run(e, 14, "vm-2", "eu", 95);
    run(e, 1, "vm-1", "eu", 50);

    assertThat(registry.get("stratus.monitoring.alerts.fired").tag("severity", "critical").counter().count())
        .isEqualTo(2).isEqualTo(e.stats().alertsFired());
    assertThat(registry.get("stratus.monitoring.alerts.resolved").tag("severity", "critical").counter().count())
        .isEqualTo(1);
  }

  @Test
  void absent_seriesStopsReporting_firesAfterDurationAndResolvesWhenDataReturns() {
    AlertRule noData = AlertRule.builder("NoData", SeriesSelector.of("cpu.utilization"))
        .condition(Condition.absentFor(Duration.ofMinutes(10))).build();
    AlertEngine e = AlertEngine.builder().clock(clock).channel(outbox).rule(noData)
        .grouping(GroupingPolicy.none()).build();
    List<AlertTransition> transitions = new ArrayList<>();
    e.addTransitionListener(transitions::add);
    for (int i = 0; i < 5; i++) {
      sample(e, "vm-1", "eu", 40);
      sample(e, "vm-2", "eu", 40);
      e.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    // vm-2 goes silent; vm-1 keeps reporting
    for (int i = 0; i < 9; i++) {
      sample(e, "vm-1", "eu", 40);
      e.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(e.alerts()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    sample(e, "vm-1", "eu", 40);
    e.tick();
    assertThat(e.alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.labels()).containsEntry("resource", "vm-2").containsEntry("alertname", "NoData");
    });
    assertThat(outbox.sent).hasSize(1);
    clock.advance(Duration.ofMinutes(30));
    e.tick();
    assertThat(e.alerts()).hasSize(2);
    sample(e, "vm-2", "eu", 41);
    sample(e, "vm-1", "eu", 41);
    e.tick();
    assertThat(e.alerts()).isEmpty();
    assertThat(transitions).extracting(t -> t.to().map(Enum::name).orElse("-"))
        .containsExactly("PENDING", "FIRING", "PENDING", "FIRING", "RESOLVED", "RESOLVED");
  }

  @Test
  void absent_nanSamplesAreGapsAndDoNotKeepTheSeriesAlive() {
    AlertRule noData = AlertRule.builder("NoData", SeriesSelector.of("cpu.utilization"))
        .condition(Condition.absentFor(Duration.ofMinutes(5))).build();
    AlertEngine e = AlertEngine.builder().clock(clock).rule(noData).build();
    sample(e, "vm-1", "eu", 40);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(1));
      sample(e, "vm-1", "eu", Double.NaN);
    }
    e.tick();
    assertThat(e.alerts()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
  }

  @Test
  void absent_nonPositiveDuration_fails() {
    assertThatThrownBy(() -> Condition.absentFor(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absent.after");
  }

  @Test
  void threshold_clearsBeforeForDuration_isDiscardedWithoutNotification() {
    AlertEngine e = engine(GroupingPolicy.none()).build();
    List<AlertTransition> transitions = new ArrayList<>();
    e.addTransitionListener(transitions::add);
    run(e, 3, "vm-1", "eu", 95);
    run(e, 10, "vm-1", "eu", 10);
    assertThat(outbox.sent).isEmpty();
    assertThat(e.alerts()).isEmpty();
    assertThat(transitions).hasSize(2);
    assertThat(transitions.get(1).to()).isEmpty();
  }

  @Test
  void threshold_valueHysteresis_staysFiringBetweenClearAndTriggerLevels() {
    AlertEngine e = engine(GroupingPolicy.none()).build();
    run(e, 6, "vm-1", "eu", 95);
    run(e, 5, "vm-1", "eu", 85);
    assertThat(e.alerts()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    run(e, 1, "vm-1", "eu", 79);
    assertThat(e.stats().alertsResolved()).isEqualTo(1);
  }

  @Test
  void keepFiringFor_delaysResolution() {
    AlertRule rule = AlertRule.builder("HighCpu", SeriesSelector.of("cpu.utilization"))
        .condition(Condition.above(90)).keepFiringFor(Duration.ofMinutes(3)).build();
    AlertEngine e = AlertEngine.builder().clock(clock).channel(outbox).rule(rule).grouping(GroupingPolicy.none())
        .build();
    run(e, 2, "vm-1", "eu", 95);
    run(e, 3, "vm-1", "eu", 10);
    assertThat(e.stats().alertsResolved()).isZero();
    run(e, 1, "vm-1", "eu", 10);
    assertThat(e.stats().alertsResolved()).isEqualTo(1);
  }

  @Test
  void rateOfChange_fastRise_fires() {
    AlertRule rule = AlertRule.builder("CpuJump", SeriesSelector.of("cpu.utilization"))
        .condition(Condition.risingFasterThan(0.5)).build();
    AlertEngine e = AlertEngine.builder().clock(clock).channel(outbox).rule(rule).grouping(GroupingPolicy.none())
        .build();
    run(e, 3, "vm-1", "eu", 10);
    assertThat(e.alerts()).isEmpty();
    run(e, 1, "vm-1", "eu", 60);
    assertThat(outbox.sent).singleElement().satisfies(n -> assertThat(n.title()).contains("CpuJump"));
  }

  @Test
  void anomaly_dynamicBaseline_firesOnSpikeAfterWarmUp() {
    AlertRule rule = AlertRule.builder("CpuAnomaly", SeriesSelector.of("cpu.utilization"))
        .condition(Condition.anomalous(Detectors::robustZScore)).build();
    AlertEngine e = AlertEngine.builder().clock(clock).channel(outbox).rule(rule).grouping(GroupingPolicy.none())
        .build();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 300; i++) {
      run(e, 1, "vm-1", "eu", 20 + r.nextGaussian());
    }
    assertThat(outbox.sent).hasSizeLessThanOrEqualTo(6);
    int before = outbox.sent.size();
    run(e, 1, "vm-1", "eu", 80);
    assertThat(outbox.sent.size()).isGreaterThan(before);
    assertThat(outbox.sent.get(outbox.sent.size() - 1).title()).contains("FIRING").contains("CpuAnomaly");
  }

  @Test
  void grouping_byRegion_sendsOneNotificationForManyVms() {
    AlertEngine e = engine(GroupingPolicy.byLabels("alertname", "region")).build();
    for (int m = 0; m < 8; m++) {
      for (int vm = 0; vm < 10; vm++) {
        sample(e, "vm-" + vm, "eu", 95);
      }
      e.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(outbox.sent).hasSize(1);
    assertThat(outbox.sent.get(0).title()).startsWith("[FIRING:10]");
    assertThat(outbox.sent.get(0).labels()).containsEntry("region", "eu");
  }

  @Test
  void inhibition_regionDownMutesVmAlertsOfThatRegionOnly() {
    AlertEngine e = engine(GroupingPolicy.none())
        .inhibit(new InhibitRule(List.of(LabelMatcher.eq("alertname", "RegionDown")),
            List.of(LabelMatcher.eq("alertname", "HighCpu")), List.of("region")))
        .build();
    e.setCondition("RegionDown", Map.of("region", "eu"), Severity.CRITICAL, true);
    for (int m = 0; m < 8; m++) {
      sample(e, "vm-1", "eu", 95);
      sample(e, "vm-2", "us", 95);
      e.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(outbox.sent).extracting(Notification::title)
        .anySatisfy(t -> assertThat(t).contains("RegionDown"))
        .anySatisfy(t -> assertThat(t).contains("HighCpu"));
    assertThat(outbox.sent).filteredOn(n -> n.title().contains("HighCpu")).singleElement()
        .satisfies(n -> assertThat(n.labels()).containsEntry("region", "us"));
    assertThat(e.stats().inhibitedFirings()).isEqualTo(1);
  }

  @Test
  void silence_recurringNightlyWindow_mutesThenReleases() {
    AlertEngine e = engine(GroupingPolicy.none()).build();
    e.addSilence(new Silence("nightly", List.of(LabelMatcher.eq("resource", "vm-1")),
        new Silence.Recurring(Set.of(DayOfWeek.values()), LocalTime.of(12, 0), Duration.ofMinutes(30),
            ZoneOffset.UTC), "batch window"));
    run(e, 20, "vm-1", "eu", 95);
    assertThat(outbox.sent).isEmpty();
    assertThat(e.alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.silenced()).isTrue();
    });
    run(e, 15, "vm-1", "eu", 95);
    assertThat(outbox.sent).hasSize(1);
  }

  @Test
  void silence_invalidInput_fails() {
    assertThatThrownBy(() -> new Silence("s", List.of(), new Silence.Window(T0, T0.plusSeconds(1)), ""))
        .hasMessageContaining("matchers");
    assertThatThrownBy(() -> new Silence.Window(T0, T0)).hasMessageContaining("window.end");
  }

  @Test
  void flapping_manyTransitions_holdsNotificationsBack() {
    AlertRule rule = AlertRule.builder("HighCpu", SeriesSelector.of("cpu.utilization"))
        .condition(Condition.above(90)).build();
    AlertEngine e = AlertEngine.builder().clock(clock).channel(outbox).rule(rule).grouping(GroupingPolicy.none())
        .flapPolicy(new FlapPolicy(Duration.ofHours(1), 4, 1)).build();
    for (int i = 0; i < 20; i++) {
      run(e, 1, "vm-1", "eu", i % 2 == 0 ? 95 : 10);
    }
    assertThat(outbox.sent.size()).isLessThanOrEqualTo(4);
    assertThat(e.stats().flappingFirings()).isPositive();
    long firing = outbox.sent.stream().filter(n -> n.title().startsWith("[FIRING")).count();
    long resolvedN = outbox.sent.stream().filter(n -> n.title().startsWith("[RESOLVED")).count();
    assertThat(resolvedN).isEqualTo(firing);
  }

  @Test
  void acknowledge_stopsRepeatsButNotResolution() {
    AlertEngine e = engine(new GroupingPolicy(List.of(), false, Duration.ZERO, Duration.ZERO,
        Duration.ofMinutes(30))).build();
    run(e, 6, "vm-1", "eu", 95);
    run(e, 31, "vm-1", "eu", 95);
    assertThat(outbox.sent).hasSize(2);
    String fp = e.alerts().get(0).fingerprint();
    assertThat(e.acknowledge(fp, "alice")).isTrue();
    run(e, 61, "vm-1", "eu", 95);
    assertThat(outbox.sent).hasSize(2);
    run(e, 1, "vm-1", "eu", 10);
    assertThat(outbox.sent).hasSize(3);
    assertThat(e.acknowledge("nope", "alice")).isFalse();
  }

  @Test
  void correlation_regionWideFailure_namesRegionAsCauseAndSignalJoins() {
    AlertEngine e = engine(GroupingPolicy.byIncident()).build();
    for (int m = 0; m < 8; m++) {
      for (int vm = 0; vm < 20; vm++) {
        e.accept(new MetricSample(SeriesId.of("cpu.utilization", "resource", "vm-" + vm, "region", "eu",
            "provider", "aws", "deployment", "d" + (vm % 4)), clock.instant().toEpochMilli(), 95));
      }
      e.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(e.incidents()).singleElement().satisfies(i -> {
      assertThat(i.cause().label()).isEqualTo("region");
      assertThat(i.cause().value()).isEqualTo("eu");
      assertThat(i.cause().covered()).isEqualTo(20);
    });
    assertThat(outbox.sent).hasSize(1);
    assertThat(outbox.sent.get(0).title()).contains("INC-1").contains("region=eu");
    ExternalSignal cost = new ExternalSignal() {
      @Override
      public String source() {
        return "finops";
      }

      @Override
      public String summary() {
        return "egress cost +300%";
      }

      @Override
      public Instant at() {
        return T0.plusSeconds(120);
      }

      @Override
      public Map<String, String> labels() {
        return Map.of("region", "eu");
      }
    };
    assertThat(e.offerSignal(cost)).contains("INC-1");
    assertThat(e.incidents().get(0).signals()).hasSize(1);
    ExternalSignal elsewhere = new ExternalSignal() {
      @Override
      public String source() {
        return "finops";
      }

      @Override
      public String summary() {
        return "x";
      }

      @Override
      public Instant at() {
        return T0;
      }

      @Override
      public Map<String, String> labels() {
        return Map.of("region", "us");
      }
    };
    assertThat(e.offerSignal(elsewhere)).isEqualTo(Optional.empty());
  }

  @Test
  void delivery_failure_isRetriedAtNextTick() {
    AlertEngine e = engine(GroupingPolicy.none()).build();
    outbox.failNext = 1;
    run(e, 6, "vm-1", "eu", 95);
    assertThat(outbox.sent).isEmpty();
    assertThat(e.pendingDeliveries()).isEqualTo(1);
    e.tick();
    assertThat(outbox.sent).hasSize(1);
    assertThat(e.stats().deliveryFailures()).isEqualTo(1);
  }

  @Test
  void samples_nanAndOutOfOrder_areIgnoredAndCounted() {
    AlertEngine e = engine(GroupingPolicy.none()).build();
    SeriesId id = SeriesId.of("cpu.utilization", "resource", "vm-1");
    e.accept(new MetricSample(id, 1000, 95));
    e.accept(new MetricSample(id, 500, 95));
    e.accept(new MetricSample(id, 2000, Double.NaN));
    assertThat(e.stats().ignoredSamples()).isEqualTo(2);
  }

  @Test
  void builder_badConfiguration_fails() {
    assertThatThrownBy(() -> AlertEngine.builder().build()).hasMessageContaining("clock");
    assertThatThrownBy(() -> AlertEngine.builder().rule(highCpu()).rule(highCpu())).hasMessageContaining("HighCpu");
    assertThatThrownBy(() -> AlertRule.builder("x", SeriesSelector.of("m")).build())
        .hasMessageContaining("condition");
    assertThatThrownBy(() -> Condition.above(90, 95)).hasMessageContaining("clearLevel");
    assertThatThrownBy(() -> new FlapPolicy(Duration.ofMinutes(1), 3, 3)).hasMessageContaining("leaveAt");
  }
}
