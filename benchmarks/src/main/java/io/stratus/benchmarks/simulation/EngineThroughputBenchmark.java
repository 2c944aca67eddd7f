package io.stratus.benchmarks.simulation;

import io.stratus.simulation.engine.SimulationEngine;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bare engine throughput in the classic "hold" model: {@code pending} events are in the queue; each fired event
 * schedules one new event at now + a random increment (exponential, precomputed), so the queue size stays constant.
 * The {@code hold+cancel} model also schedules a second event and cancels it, every time. Score = events fired per
 * second on one thread.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EngineThroughputBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineThroughputBenchmark {
  private static final int BATCH = 100_000;
  private static final int INCREMENTS = 1 << 16;

  @Param({"16", "1024", "65536", "1048576"})
  public int pending;

  @Param({"hold", "hold+cancel"})
  public String model;

  private SimulationEngine engine;
  private long[] increments;
  private int next;
  private int holdKind;
  private int cancelKind;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(42);
    increments = new long[INCREMENTS];
    for (int i = 0; i < INCREMENTS; i++) {
      increments[i] = 1 + (long) (-Math.log(1 - rnd.nextDouble()) * 1_000_000L);
    }
    engine = SimulationEngine.create(Instant.EPOCH);
    holdKind = engine.register((e, arg, arg2) -> e.scheduleAfter(increments[next++ & (INCREMENTS - 1)], arg, 0, 0));
    cancelKind = engine.register((e, arg, arg2) -> {
      long h = e.scheduleAfter(increments[next++ & (INCREMENTS - 1)], arg, 0, 0);
      long c = e.scheduleAfter(increments[next++ & (INCREMENTS - 1)], arg, 0, 0);
      e.cancel(c);
      if (h < 0) {
        throw new IllegalStateException();
      }
    });
    for (int i = 0; i < pending; i++) {
      int kind = model.equals("hold") ? holdKind : cancelKind;
      engine.schedule(increments[i & (INCREMENTS - 1)], kind, kind, 0);
    }
  }

  /**
   * Fires a batch of events.
   *
   * @return the engine clock, so the work is not dead code
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long fireEvents() {
    SimulationEngine e = engine;
    for (int i = 0; i < BATCH; i++) {
      e.step();
    }
    return e.nowNanos();
  }
}
