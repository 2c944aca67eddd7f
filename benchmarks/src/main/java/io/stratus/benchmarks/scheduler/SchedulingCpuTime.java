package io.stratus.benchmarks.scheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Single-decision cost in CPU time, a companion to {@link SchedulingBenchmark} for shared, overloaded machines where
 * wall-clock throughput mostly measures the neighbours: it runs the same setup and workload mix on one thread and
 * reads that thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}) around batches of decisions, after a
 * warm-up, and prints the median of several batches.
 *
 * <p>The warm-up is measured in the thread's own CPU time (system property {@code warmup}, seconds, default 8 per
 * scheduler and size), not in decisions: on a loaded machine the JIT compiler threads get little CPU, and the
 * optimized code of the decision path arrived only after 10-30 seconds of wall clock in our runs; a short warm-up then
 * measures the interpreter and the C1 tier, not the scheduler.
 *
 * <p>Run (after {@code ./mvnw -B -q -o package -pl benchmarks -am -DskipTests}):
 *
 * <pre>{@code
 * java [-Dwarmup=8] -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.scheduler.SchedulingCpuTime \
 *     [1000,10000,100000]
 * }</pre>
 */
public final class SchedulingCpuTime {
  private SchedulingCpuTime() {}

  /**
   * Runs the measurement.
   *
   * @param args optional comma-separated candidate counts
   */
  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "1000,10000,100000";
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (!mx.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    System.out.println("candidates  scheduler         median CPU us/decision  decisions per CPU-second");
    for (String size : sizes.split(",")) {
      SchedulingBenchmark b = new SchedulingBenchmark();
      b.candidates = Integer.parseInt(size.trim());
      b.setUp();
      List<String[]> rows = new ArrayList<>();
      rows.add(measure(mx, "costAware", b::costAware, b.candidates));
      rows.add(measure(mx, "enhancedTradeOff", b::enhancedTradeOff, b.candidates));
      rows.add(measure(mx, "naivePeer", b::naivePeer, b.candidates));
      for (String[] r : rows) {
        System.out.printf(Locale.ROOT, "%10d  %-17s %22s  %24s%n", b.candidates, r[0], r[1], r[2]);
      }
    }
  }

  private static String[] measure(ThreadMXBean mx, String name, Supplier<Object> decision, int candidates) {
    // batch sized for roughly 0.2 s of work: 20 ms per decision for the naive peer at 100k, ~10 us for ours at 1k
    long estimateNanos = name.equals("naivePeer") ? 250L * candidates : 5L * candidates + 5_000;
    int batch = (int) Math.max(20, Math.min(100_000, 200_000_000L / estimateNanos));
    Object sink = null;
    long warmupNanos = (long) (Double.parseDouble(System.getProperty("warmup", "8")) * 1e9);
    long warmupEnd = mx.getCurrentThreadCpuTime() + warmupNanos;
    while (mx.getCurrentThreadCpuTime() < warmupEnd) {
      for (int i = 0; i < batch; i++) {
        sink = decision.get();
      }
    }
    double[] micros = new double[7];
    for (int k = 0; k < micros.length; k++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < batch; i++) {
        sink = decision.get();
      }
      long t1 = mx.getCurrentThreadCpuTime();
      micros[k] = (t1 - t0) / 1e3 / batch;
    }
    if (sink == null) {
      throw new IllegalStateException("no decision");
    }
    Arrays.sort(micros);
    double median = micros[micros.length / 2];
    return new String[] {
      name, String.format(Locale.ROOT, "%.1f", median), String.format(Locale.ROOT, "%,.0f", 1e6 / median)
    };
  }
}
