package io.stratus.benchmarks.simulation;

import io.stratus.simulation.engine.SimulationEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Bare engine throughput measured in events per second of <em>thread CPU time</em> (so that other processes on a
 * shared machine do not distort it), for the same hold model as {@link EngineThroughputBenchmark}: {@code pending}
 * events in the queue, each fired event schedules one more at now + an exponential increment. Warms up for
 * 20 million events, then measures 5 rounds of 20 million and prints the median, for each queue size.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.simulation.EngineThroughputProbe
 * </pre>
 */
public final class EngineThroughputProbe {
  private static final int INCREMENTS = 1 << 16;
  private static final int ROUND = 20_000_000;

  private EngineThroughputProbe() {}

  /**
   * Entry point.
   *
   * @param args optional queue sizes (default 16 1024 65536 1048576)
   */
  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {16, 1024, 65536, 1 << 20} : java.util.Arrays.stream(args)
        .mapToInt(Integer::parseInt).toArray();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int pending : sizes) {
      SplittableRandom rnd = new SplittableRandom(42);
      long[] inc = new long[INCREMENTS];
      for (int i = 0; i < INCREMENTS; i++) {
        inc[i] = 1 + (long) (-Math.log(1 - rnd.nextDouble()) * 1_000_000L);
      }
      SimulationEngine engine = SimulationEngine.create(Instant.EPOCH);
      int[] next = {0};
      int kind = engine.register((e, arg, arg2) -> e.scheduleAfter(inc[next[0]++ & (INCREMENTS - 1)], arg, 0, 0));
      for (int i = 0; i < pending; i++) {
        engine.schedule(inc[i & (INCREMENTS - 1)], kind, kind, 0);
      }
      for (int i = 0; i < ROUND; i++) {
        engine.step();
      }
      double[] rates = new double[5];
      for (int r = 0; r < rates.length; r++) {
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < ROUND; i++) {
          engine.step();
        }
        long c1 = threads.getCurrentThreadCpuTime();
        rates[r] = ROUND / ((c1 - c0) / 1e9);
      }
      java.util.Arrays.sort(rates);
      System.out.println(String.format(Locale.ROOT, "pending=%d: median %.2f M events per CPU-second (min %.2f, max %.2f)",
          pending, rates[2] / 1e6, rates[0] / 1e6, rates[4] / 1e6));
    }
  }
}
