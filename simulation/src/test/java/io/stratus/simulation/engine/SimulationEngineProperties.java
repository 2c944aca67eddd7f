package io.stratus.simulation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SimulationEngineProperties {

  /** Random schedules and cancellations: events fire in (time, scheduling order), cancelled ones never. */
  @Property(tries = 200)
  void run_anySchedule_firesNonCancelledEventsInTimeThenSequenceOrder(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 50) Integer> times,
      @ForAll @Size(max = 100) List<@IntRange(min = 0, max = 299) Integer> cancels) {
    SimulationEngine engine = SimulationEngine.create(Instant.EPOCH);
    List<long[]> fired = new ArrayList<>();
    int kind = engine.register((e, arg, arg2) -> fired.add(new long[] {e.nowNanos(), arg}));
    long[] handles = new long[times.size()];
    for (int i = 0; i < times.size(); i++) {
      handles[i] = engine.schedule(times.get(i), kind, i, 0);
    }
    Set<Integer> cancelled = new HashSet<>();
    for (int c : cancels) {
      if (c < times.size()) {
        boolean removed = engine.cancel(handles[c]);
        assertThat(removed).isEqualTo(cancelled.add(c));
      }
    }
    engine.run();
    List<long[]> expected = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      if (!cancelled.contains(i)) {
        expected.add(new long[] {times.get(i), i});
      }
    }
    expected.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
    assertThat(fired).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(fired.get(i)).containsExactly(expected.get(i));
    }
    assertThat(engine.pendingEvents()).isZero();
  }

  /** Events scheduled from handlers while running keep the order too, and the clock never goes back. */
  @Property(tries = 100)
  void run_eventsScheduledFromHandlers_clockIsMonotone(
      @ForAll @IntRange(min = 1, max = 2000) int count, @ForAll long seed) {
    SimulationEngine engine = SimulationEngine.create(Instant.EPOCH);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    long[] last = {0};
    int[] left = {count};
    int[] kind = new int[1];
    kind[0] = engine.register((e, arg, arg2) -> {
      assertThat(e.nowNanos()).isGreaterThanOrEqualTo(last[0]);
      last[0] = e.nowNanos();
      if (left[0]-- > 0) {
        e.scheduleAfter(rnd.nextInt(5), kind[0], 0, 0);
        if (rnd.nextBoolean()) {
          long h = e.scheduleAfter(rnd.nextInt(5), kind[0], 0, 0);
          e.cancel(h);
        }
      }
    });
    engine.schedule(0, kind[0], 0, 0);
    engine.run();
    assertThat(engine.eventsProcessed()).isEqualTo(count + 1L);
  }
}
