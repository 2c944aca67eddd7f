package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.monitoring.spi.AlertRecord;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AlertStore;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.spi.Notification.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlertStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
  private final TestClock clock = new TestClock(T0);
  private final AlertStore store = AlertStore.inMemory();

  private AlertEngine engine(Outbox outbox) {
    return AlertEngine.builder().clock(clock).channel(outbox).grouping(GroupingPolicy.none()).alertStore(store)
        .rule(AlertRule.builder("HighCpu", SeriesSelector.of("cpu.utilization"))
            .condition(Condition.above(90, 80)).forDuration(Duration.ofMinutes(5)).build())
        .build();
  }

  private void minutes(AlertEngine e, int n, double v) {
    for (int i = 0; i < n; i++) {
      e.accept(new MetricSample(SeriesId.of("cpu.utilization", "resource", "vm-1"), clock.instant().toEpochMilli(),
          v));
      e.tick();
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void restart_firingAlertStaysFiringIsNotAnnouncedAgainAndItsResolutionIsAnnounced() {
    Outbox before = new Outbox();
    AlertEngine first = engine(before);
    minutes(first, 8, 95);
    assertThat(before.sent).hasSize(1);
    Alert firing = first.alerts().get(0);
    assertThat(store.load()).singleElement().satisfies(r -> {
      assertThat(r.state()).isEqualTo(AlertState.FIRING);
      assertThat(r.announced()).isTrue();
    });

    Outbox after = new Outbox();
    AlertEngine second = engine(after);
    assertThat(second.alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.fingerprint()).isEqualTo(firing.fingerprint());
      assertThat(a.instance()).isEqualTo(firing.instance());
      assertThat(a.firedAt()).isEqualTo(firing.firedAt());
    });
    // 85 is inside the hysteresis band (fires above 90, clears at or below 80): still firing after the restart
    minutes(second, 3, 85);
    assertThat(second.alerts()).singleElement().extracting(Alert::state).isEqualTo(AlertState.FIRING);
    assertThat(after.sent).isEmpty();
    minutes(second, 1, 50);
    assertThat(after.sent).singleElement().satisfies(n -> assertThat(n.title()).startsWith("[RESOLVED:1]"));
    assertThat(store.load()).isEmpty();
  }

  @Test
  void restart_afterResolveBeforeItsAnnouncement_newEngineAnnouncesTheResolution() {
    Outbox before = new Outbox();
    AlertEngine first = engine(before);
    minutes(first, 8, 95);
    assertThat(before.sent).hasSize(1);
    // the condition clears and the alert resolves on this sample; the engine stops before its next tick
    first.accept(new MetricSample(SeriesId.of("cpu.utilization", "resource", "vm-1"), clock.instant().toEpochMilli(),
        50));
    assertThat(store.load()).singleElement().extracting(AlertRecord::state).isEqualTo(AlertState.RESOLVED);

    Outbox after = new Outbox();
    AlertEngine second = engine(after);
    assertThat(second.alerts()).isEmpty();
    second.tick();
    assertThat(after.sent).singleElement().satisfies(n -> {
      assertThat(n.title()).startsWith("[RESOLVED:1]");
      assertThat(n.body()).contains("RESOLVED {alertname=HighCpu, resource=vm-1}");
    });
    assertThat(store.load()).isEmpty();
  }

  @Test
  void restart_afterResolveAndNewInstanceBeforeAnnouncement_newEngineStillAnnouncesTheOldResolution() {
    Outbox before = new Outbox();
    AlertEngine first = engine(before);
    minutes(first, 8, 95);
    SeriesId vm = SeriesId.of("cpu.utilization", "resource", "vm-1");
    first.accept(new MetricSample(vm, clock.instant().toEpochMilli(), 50));
    clock.advance(Duration.ofSeconds(10));
    first.accept(new MetricSample(vm, clock.instant().toEpochMilli(), 95));
    assertThat(store.load()).singleElement().satisfies(r -> {
      assertThat(r.state()).isEqualTo(AlertState.PENDING);
      assertThat(r.instance()).isEqualTo(2);
      assertThat(r.unannouncedResolution()).isEqualTo(1);
    });

    Outbox after = new Outbox();
    AlertEngine second = engine(after);
    second.tick();
    assertThat(after.sent).singleElement().satisfies(n -> assertThat(n.title()).startsWith("[RESOLVED:1]"));
    assertThat(store.load()).singleElement().satisfies(r -> {
      assertThat(r.instance()).isEqualTo(2);
      assertThat(r.unannouncedResolution()).isZero();
    });
  }

  @Test
  void restart_pendingAlertKeepsItsForTimer() {
    AlertEngine first = engine(new Outbox());
    minutes(first, 3, 95);
    assertThat(first.alerts()).singleElement().extracting(Alert::state).isEqualTo(AlertState.PENDING);
    Outbox after = new Outbox();
    AlertEngine second = engine(after);
    List<AlertTransition> transitions = new ArrayList<>();
    second.addTransitionListener(transitions::add);
    minutes(second, 3, 95);
    // active since T0, for 5 min: fires at T0+5 min, the third minute after the restart at T0+3 min
    assertThat(transitions).singleElement().satisfies(t -> {
      assertThat(t.to()).contains(AlertState.FIRING);
      assertThat(t.at()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    });
    assertThat(after.sent).hasSize(1);
  }

  @Test
  void acknowledgementAndClearing_arePersisted_andDiscardedPendingIsForgotten() {
    AlertEngine first = engine(new Outbox());
    minutes(first, 6, 95);
    String fp = first.alerts().get(0).fingerprint();
    assertThat(first.acknowledge(fp, "oncall")).isTrue();
    assertThat(store.load().get(0).acknowledgedBy()).contains("oncall");
    assertThat(engine(new Outbox()).alerts().get(0).acknowledgedBy()).contains("oncall");

    AlertStore other = AlertStore.inMemory();
    AlertEngine e = AlertEngine.builder().clock(clock).alertStore(other)
        .rule(AlertRule.builder("HighCpu", SeriesSelector.of("cpu.utilization"))
            .condition(Condition.above(90)).forDuration(Duration.ofMinutes(5)).build())
        .build();
    e.accept(new MetricSample(SeriesId.of("cpu.utilization"), clock.instant().toEpochMilli(), 95));
    assertThat(other.load()).singleElement().extracting(AlertRecord::state).isEqualTo(AlertState.PENDING);
    clock.advance(Duration.ofMinutes(1));
    e.accept(new MetricSample(SeriesId.of("cpu.utilization"), clock.instant().toEpochMilli(), 10));
    assertThat(other.load()).isEmpty();
  }

  @Test
  void record_invalidStateOrFingerprint_fails() {
    TreeMap<String, String> labels = new TreeMap<>(Map.of("alertname", "X"));
    String fp = Alert.fingerprint(labels);
    assertThatThrownBy(() -> new AlertRecord(fp, 1, labels, AlertState.RESOLVED, Severity.WARNING, Duration.ZERO,
        Duration.ZERO, 1, T0, Optional.empty(), Optional.empty(), Optional.empty(), false, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RESOLVED");
    assertThatThrownBy(() -> new AlertRecord(fp, 1, labels, AlertState.FIRING, Severity.WARNING, Duration.ZERO,
        Duration.ZERO, 1, T0, Optional.empty(), Optional.empty(), Optional.empty(), false, 0))
        .hasMessageContaining("alertRecord.firedAt");
    assertThatThrownBy(() -> new AlertRecord("0000000000000000", 1, labels, AlertState.PENDING, Severity.WARNING,
        Duration.ZERO, Duration.ZERO, 1, T0, Optional.empty(), Optional.empty(), Optional.empty(), false, 0))
        .hasMessageContaining("alertRecord.fingerprint");
    assertThatThrownBy(() -> new AlertRecord(fp, 0, labels, AlertState.PENDING, Severity.WARNING, Duration.ZERO,
        Duration.ZERO, 1, T0, Optional.empty(), Optional.empty(), Optional.empty(), false, 0))
        .hasMessageContaining("alertRecord.instance");
    assertThatThrownBy(() -> new AlertRecord(fp, 2, labels, AlertState.PENDING, Severity.WARNING, Duration.ZERO,
        Duration.ZERO, 1, T0, Optional.empty(), Optional.empty(), Optional.empty(), false, 2))
        .hasMessageContaining("alertRecord.unannouncedResolution");
  }
}
