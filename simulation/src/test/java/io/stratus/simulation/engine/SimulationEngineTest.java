package io.stratus.simulation.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationEngineTest {
  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void run_equalTimestamps_fireInSchedulingOrder() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    List<Integer> fired = new ArrayList<>();
    int kind = engine.register((e, arg, arg2) -> fired.add(arg));
    for (int i = 0; i < 10; i++) {
      engine.schedule(5, kind, i, 0);
    }
    engine.schedule(1, kind, 99, 0);
    engine.run();
    assertThat(fired).containsExactly(99, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void meterRegistry_countsFiredEventsPerRunAndInBatchesOfSteps() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    int kind = engine.register((e, arg, arg2) -> {
      if (arg > 0) {
        e.scheduleAfter(1, 0, arg - 1, 0);
      }
    });
    engine.schedule(0, kind, 9, 0);
    engine.step(); // fired before the registry was given: not counted
    engine.meterRegistry(registry);
    engine.runUntil(5);
    assertThat(registry.get("stratus.simulation.events").counter().count()).isEqualTo(5);
    for (int i = 0; i < SimulationEngine.METER_BATCH + 10; i++) {
      engine.schedule(engine.nowNanos() + 1, kind, 0, 0);
      engine.step();
    }
    // the steps reach the counter in batches; the next run adds the rest
    assertThat(registry.get("stratus.simulation.events").counter().count())
        .isEqualTo(5 + SimulationEngine.METER_BATCH);
    engine.run();
    assertThat(registry.get("stratus.simulation.events").counter().count())
        .isEqualTo(engine.eventsProcessed() - 1);
  }

  @Test
  void cancel_pendingEvent_neverFires() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    List<Integer> fired = new ArrayList<>();
    int kind = engine.register((e, arg, arg2) -> fired.add(arg));
    long a = engine.schedule(10, kind, 1, 0);
    engine.schedule(20, kind, 2, 0);
    assertThat(engine.cancel(a)).isTrue();
    assertThat(engine.cancel(a)).isFalse();
    engine.run();
    assertThat(fired).containsExactly(2);
  }

  @Test
  void cancel_firedEventWhoseSlotWasReused_returnsFalseAndKeepsNewEvent() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    List<Integer> fired = new ArrayList<>();
    int kind = engine.register((e, arg, arg2) -> fired.add(arg));
    long old = engine.schedule(1, kind, 1, 0);
    engine.step();
    engine.schedule(2, kind, 2, 0); // reuses the freed slot
    assertThat(engine.cancel(old)).isFalse();
    engine.run();
    assertThat(fired).containsExactly(1, 2);
  }

  @Test
  void clock_followsVirtualTime() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    List<Instant> seen = new ArrayList<>();
    int kind = engine.register((e, arg, arg2) -> seen.add(e.clock().instant()));
    engine.schedule(1_500_000_000L, kind, 0, 0);
    engine.run();
    assertThat(seen).containsExactly(ORIGIN.plusMillis(1500));
    assertThat(engine.clock().millis()).isEqualTo(ORIGIN.toEpochMilli() + 1500);
  }

  @Test
  void runUntil_limit_keepsLaterEventsAndAdvancesClock() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    List<Long> fired = new ArrayList<>();
    int kind = engine.register((e, arg, arg2) -> fired.add(e.nowNanos()));
    engine.schedule(10, kind, 0, 0);
    engine.schedule(30, kind, 0, 0);
    assertThat(engine.runUntil(20)).isEqualTo(1);
    assertThat(engine.nowNanos()).isEqualTo(20);
    assertThat(engine.pendingEvents()).isEqualTo(1);
    assertThat(fired).containsExactly(10L);
  }

  @Test
  void schedule_inThePast_rejected() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    int kind = engine.register((e, arg, arg2) -> {});
    engine.runUntil(100);
    assertThatThrownBy(() -> engine.schedule(99, kind, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeNanos")
        .hasMessageContaining("99");
  }

  @Test
  void schedule_unknownKind_rejected() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    assertThatThrownBy(() -> engine.schedule(1, 3, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind");
  }

  @Test
  void stop_insideHandler_returnsAfterCurrentEvent() {
    SimulationEngine engine = SimulationEngine.create(ORIGIN);
    int kind = engine.register((e, arg, arg2) -> {
      if (arg == 1) {
        e.stop();
      }
    });
    engine.schedule(1, kind, 0, 0);
    engine.schedule(2, kind, 1, 0);
    engine.schedule(3, kind, 2, 0);
    assertThat(engine.run()).isEqualTo(2);
    assertThat(engine.pendingEvents()).isEqualTo(1);
  }

  @Test
  void randomStreams_sameSeedAndName_sameSequence_differentNames_differ() {
    RandomStreams a = RandomStreams.of(7);
    RandomStreams b = RandomStreams.of(7);
    assertThat(a.stream("failures").nextLong()).isEqualTo(b.stream("failures").nextLong());
    assertThat(a.stream("failures").nextLong()).isNotEqualTo(a.stream("workload").nextLong());
    assertThat(a.forReplication(3).seed()).isEqualTo(b.forReplication(3).seed());
    assertThat(a.forReplication(3).seed()).isNotEqualTo(a.forReplication(4).seed());
  }

  @Test
  void randomStreams_blankName_rejected() {
    assertThatThrownBy(() -> RandomStreams.of(1).stream(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("component");
  }
}
