package io.stratus.simulation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The two-level queue (heap + ladder) against a reference priority queue ordered by (time, scheduling order), with
 * small thresholds so that spills, rungs, bucket splits and the return to heap mode all happen with a few hundred
 * events.
 */
class LadderQueueProperties {

  /** A reference model: a priority queue of (time, sequence, id) with eager cancellation. */
  private static final class Reference {
    private final PriorityQueue<long[]> queue =
        new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private final Map<Integer, long[]> byId = new HashMap<>();
    private long seq;

    void schedule(long time, int id) {
      long[] e = {time, seq++, id};
      queue.add(e);
      byId.put(id, e);
    }

    boolean cancel(int id) {
      long[] e = byId.remove(id);
      return e != null && queue.remove(e);
    }

    long[] poll() {
      long[] e = queue.poll();
      if (e != null) {
        byId.remove((int) e[2]);
      }
      return e;
    }
  }

  /**
   * Random interleavings of schedule (delays from 0 to far future, many ties), cancel and step, with thresholds
   * small enough to reach every path of the ladder: the engine fires exactly the reference's events in the same
   * order, and cancel answers like the reference.
   */
  @Property(tries = 300)
  void step_randomOperations_matchesReferenceOrder(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 64) int spill,
      @ForAll @IntRange(min = 1, max = 16) int bucketLimit,
      @ForAll @IntRange(min = 1, max = 1500) int operations) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SimulationEngine engine = SimulationEngine.create(Instant.EPOCH, spill, bucketLimit);
    Reference ref = new Reference();
    List<long[]> fired = new ArrayList<>();
    int kind = engine.register((e, arg, arg2) -> fired.add(new long[] {e.nowNanos(), arg}));
    List<Long> handles = new ArrayList<>();
    long[] scales = {1, 10, 1_000, 1_000_000, 1L << 40};
    for (int op = 0; op < operations; op++) {
      int what = rnd.nextInt(10);
      if (what < 5) {
        long scale = scales[rnd.nextInt(scales.length)];
        long delay = rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(scale);
        int id = handles.size();
        handles.add(engine.scheduleAfter(delay, kind, id, 0));
        ref.schedule(engine.nowNanos() + delay, id);
      } else if (what < 7 && !handles.isEmpty()) {
        int id = rnd.nextInt(handles.size());
        assertThat(engine.cancel(handles.get(id))).isEqualTo(ref.cancel(id));
      } else {
        long[] expected = ref.poll();
        long nextTime = engine.nextEventTimeNanos();
        assertThat(nextTime).isEqualTo(expected == null ? Long.MAX_VALUE : expected[0]);
        boolean stepped = engine.step();
        assertThat(stepped).isEqualTo(expected != null);
        if (expected != null) {
          assertThat(fired.get(fired.size() - 1)).containsExactly(expected[0], expected[2]);
        }
      }
      assertThat(engine.pendingEvents()).isEqualTo(ref.queue.size());
    }
    int before = fired.size();
    engine.run();
    int i = before;
    for (long[] expected = ref.poll(); expected != null; expected = ref.poll(), i++) {
      assertThat(fired.get(i)).containsExactly(expected[0], expected[2]);
    }
    assertThat(fired).hasSize(i);
    assertThat(engine.pendingEvents()).isZero();
  }

  /** Draining after a run: every scheduled, non-cancelled event fires once, in (time, scheduling order). */
  @Property(tries = 100)
  void run_holdModelAcrossThresholds_firesInTimeThenSequenceOrder(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int pending) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SimulationEngine engine = SimulationEngine.create(Instant.EPOCH, 32, 4);
    long[] last = {-1, -1};
    int[] left = {5 * pending};
    int[] ids = {0};
    int[] kind = new int[1];
    kind[0] = engine.register((e, arg, arg2) -> {
      boolean later = e.nowNanos() > last[0];
      assertThat(later || (e.nowNanos() == last[0] && arg2 > last[1]))
          .as("event %d at %d after %d/%d", arg2, e.nowNanos(), last[0], last[1]).isTrue();
      last[0] = e.nowNanos();
      last[1] = arg2;
      if (left[0]-- > 0) {
        e.scheduleAfter(rnd.nextInt(3) == 0 ? 0 : rnd.nextLong(1_000_000), kind[0], 0, ids[0]++);
      }
    });
    for (int i = 0; i < pending; i++) {
      engine.schedule(rnd.nextLong(1_000_000), kind[0], 0, ids[0]++);
    }
    engine.run();
    assertThat(engine.eventsProcessed()).isEqualTo(pending + 5L * pending);
  }

  @Test
  void clear_inLadderMode_dropsEverythingAndEngineStaysUsable() {
    SimulationEngine engine = SimulationEngine.create(Instant.EPOCH, 4, 2);
    List<Long> fired = new ArrayList<>();
    int kind = engine.register((e, arg, arg2) -> fired.add(e.nowNanos()));
    for (int i = 0; i < 100; i++) {
      engine.schedule(1000 - i, kind, i, 0);
    }
    engine.step();
    engine.clear();
    assertThat(engine.pendingEvents()).isZero();
    assertThat(engine.nextEventTimeNanos()).isEqualTo(Long.MAX_VALUE);
    engine.scheduleAfter(5, kind, 0, 0);
    engine.run();
    assertThat(fired).containsExactly(901L, 906L);
  }

  @Test
  void create_thresholdBelowOne_rejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulationEngine.create(Instant.EPOCH, 0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thresholds must be >= 1");
  }
}
