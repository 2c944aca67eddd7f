package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AlertStore;
import io.stratus.monitoring.spi.LabelMatcher;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.spi.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AlertLifecycleProperties {
  enum Action { HIGH, LOW, TICK, ADVANCE, SILENCE_ON, SILENCE_OFF, RESTART }

  @Provide
  Arbitrary<List<Action>> actions() {
    return Arbitraries.of(Action.HIGH, Action.LOW, Action.TICK, Action.ADVANCE, Action.SILENCE_ON,
        Action.SILENCE_OFF).list().ofMinSize(1).ofMaxSize(200);
  }

  @Provide
  Arbitrary<List<Action>> actionsWithRestarts() {
    return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(200);
  }

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final class Run {
    final TestClock clock = new TestClock(T0);
    final Outbox outbox = new Outbox();
    final List<AlertTransition> transitions = new ArrayList<>();
    final AlertStore store = AlertStore.inMemory();
    AlertEngine engine;
    final SeriesId[] series = {SeriesId.of("cpu", "resource", "vm-1"), SeriesId.of("cpu", "resource", "vm-2")};
    boolean silenced;
    int step;

    Run() {
      start();
    }

    /** Builds an engine on the run's alert store, as a host does after a restart (silences are the host's). */
    void start() {
      AlertRule rule = AlertRule.builder("High", SeriesSelector.of("cpu")).condition(Condition.above(50))
          .forDuration(Duration.ofMinutes(2)).keepFiringFor(Duration.ofMinutes(1)).build();
      engine = AlertEngine.builder().clock(clock).channel(outbox).rule(rule).alertStore(store)
          .grouping(new GroupingPolicy(List.of(), false, Duration.ZERO, Duration.ZERO, Duration.ofDays(365)))
          .flapPolicy(new FlapPolicy(Duration.ofMinutes(30), 4, 1)).build();
      engine.addTransitionListener(transitions::add);
      if (silenced) {
        addSilence();
      }
    }

    void addSilence() {
      engine.addSilence(new Silence("s", List.of(LabelMatcher.eq("resource", "vm-1")),
          new Silence.Window(T0, T0.plus(Duration.ofDays(100))), "test"));
    }

    void apply(Action a) {
      SeriesId s = series[step++ % 2];
      switch (a) {
        case HIGH -> engine.accept(new MetricSample(s, clock.instant().toEpochMilli() + step, 90));
        case LOW -> engine.accept(new MetricSample(s, clock.instant().toEpochMilli() + step, 10));
        case TICK -> {
          int before = outbox.sent.size();
          engine.tick();
          if (silenced) {
            for (Notification n : outbox.sent.subList(before, outbox.sent.size())) {
              assertThat(n.body()).as("no FIRING line for vm-1 while silenced")
                  .doesNotContain("FIRING {alertname=High, resource=vm-1}");
            }
          }
        }
        case ADVANCE -> clock.advance(Duration.ofSeconds(45));
        case SILENCE_ON -> {
          addSilence();
          silenced = true;
        }
        case RESTART -> start();
        case SILENCE_OFF -> {
          engine.expireSilence("s");
          silenced = false;
        }
      }
    }
  }

  @Property(tries = 200)
  void restarts_keepTheStateMachineWhole_noOpenAlertIsLostOrSkipsResolve(
      @ForAll("actionsWithRestarts") List<Action> actions) {
    Run run = new Run();
    actions.forEach(run::apply);
    settle(run);
    Map<String, AlertState> last = new HashMap<>();
    for (AlertTransition t : run.transitions) {
      AlertState prev = last.get(t.fingerprint());
      if (t.from().isEmpty()) {
        assertThat(prev).as("an open alert survives restarts: a new instance only after resolve or discard")
            .isIn(null, AlertState.RESOLVED);
      } else {
        assertThat(t.from()).as("transitions continue across restarts from the restored state").contains(prev);
        if (prev == AlertState.FIRING) {
          assertThat(t.to()).contains(AlertState.RESOLVED);
        }
      }
      last.put(t.fingerprint(), t.to().orElse(null));
    }
    long firingLines = 0;
    long resolvedLines = 0;
    for (Notification n : run.outbox.sent) {
      for (String line : n.body().split("\n")) {
        if (line.startsWith("FIRING ")) {
          firingLines++;
        } else if (line.startsWith("RESOLVED ")) {
          resolvedLines++;
        }
      }
    }
    assertThat(resolvedLines).as("every announced firing is announced resolved, restarts included")
        .isEqualTo(firingLines);
  }

  @Property(tries = 150)
  void alert_neverAnnouncedFiringWhileSilenced(@ForAll("actionsWithRestarts") List<Action> actions) {
    Run run = new Run();
    // Run.apply checks every notification delivered while the silence is on
    actions.forEach(run::apply);
  }

  /** Lifts the silence and lets every alert resolve: 200 rounds of low values with time advancing. */
  private static void settle(Run run) {
    run.apply(Action.SILENCE_OFF);
    for (int i = 0; i < 200; i++) {
      run.apply(Action.LOW);
      run.apply(Action.LOW);
      run.apply(Action.ADVANCE);
      run.apply(Action.TICK);
    }
  }

  @Property(tries = 150)
  void stateMachine_neverSkipsResolve_andEveryAnnouncedFiringIsResolved(@ForAll("actions") List<Action> actions) {
    Run run = new Run();
    actions.forEach(run::apply);
    settle(run);
    Map<String, AlertState> last = new HashMap<>();
    for (AlertTransition t : run.transitions) {
      AlertState prev = last.get(t.fingerprint());
      if (t.from().isEmpty()) {
        assertThat(prev).as("a new instance starts only after the previous one resolved or was discarded")
            .isIn(null, AlertState.RESOLVED);
        assertThat(t.to()).contains(AlertState.PENDING);
      } else {
        assertThat(t.from()).contains(prev);
        if (prev == AlertState.FIRING) {
          assertThat(t.to()).contains(AlertState.RESOLVED);
        } else {
          assertThat(prev).isEqualTo(AlertState.PENDING);
        }
      }
      last.put(t.fingerprint(), t.to().orElse(null));
    }
    assertThat(last.values()).allSatisfy(s -> assertThat(s).isIn(null, AlertState.RESOLVED));
    long firingLines = 0;
    long resolvedLines = 0;
    for (Notification n : run.outbox.sent) {
      for (String line : n.body().split("\n")) {
        if (line.startsWith("FIRING ")) {
          firingLines++;
        } else if (line.startsWith("RESOLVED ")) {
          resolvedLines++;
        }
      }
    }
    assertThat(resolvedLines).isEqualTo(firingLines);
  }
}
