package io.stratus.benchmarks.scheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The cost of watching in CPU time, a companion to {@link ObservabilityOverheadBenchmark} for the shared, overloaded
 * machine where wall-clock throughput mostly measures the neighbours. Builds both arms of the JMH benchmark (off: no
 * registry and no-op tracing; on: a SimpleMeterRegistry and an always-sampling OpenTelemetry SDK) in one JVM, warms
 * them up in the thread's own CPU time (the compared arm is {@code on} by default; {@code -Darm=} any other arm of
 * the JMH benchmark: {@code metrics}, {@code nested}, {@code event}, {@code sampled}, {@code none}, {@code bare}), then runs rounds
 * that alternate the arms (the order flips each round) and reads the thread's CPU time around each batch. Prints, per
 * benchmark, the median CPU time per operation of each arm, the median of the per-round ratios arm/off, the bytes
 * each arm allocates per operation (exact, unlike time, on a loaded machine) and the CPU the JVM's other Java threads
 * spent meanwhile (the span processor's export worker), per operation of the arm.
 *
 * <p>Run (after {@code ./mvnw -B -q package -pl benchmarks -am -DskipTests}):
 *
 * <pre>{@code
 * java [-Dwarmup=3] [-Drounds=15] [-Darm=on|metrics|nested|event|sampled|none|bare] -cp benchmarks/target/benchmarks.jar \
 *     io.stratus.benchmarks.scheduler.ObservabilityCpuTime
 * }</pre>
 */
public final class ObservabilityCpuTime {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.ThreadMXBean ALLOC =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ObservabilityCpuTime() {}

  /**
   * Runs the measurement.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    double warmup = Double.parseDouble(System.getProperty("warmup", "3"));
    int rounds = Integer.getInteger("rounds", 15);
    ObservabilityOverheadBenchmark off = arm("off");
    ObservabilityOverheadBenchmark on = arm(System.getProperty("arm", "on"));
    try {
      measure("schedule (single decision, 10,000 candidates), arm " + on.observability,
          () -> off.schedule().isPlaced() ? 1 : 0, () -> on.schedule().isPlaced() ? 1 : 0, 2_000, warmup, rounds);
      measure("detect (cost anomaly monitor, one daily bucket), arm " + on.observability,
          () -> off.detect().isPresent() ? 1 : 0, () -> on.detect().isPresent() ? 1 : 0, 20_000, warmup, rounds);
    } finally {
      off.tearDown();
      on.tearDown();
    }
  }

  private static ObservabilityOverheadBenchmark arm(String observability) {
    ObservabilityOverheadBenchmark b = new ObservabilityOverheadBenchmark();
    b.observability = observability;
    b.setUp();
    return b;
  }

  private static void measure(String name, IntSupplier off, IntSupplier on, int batch, double warmupSeconds,
      int rounds) {
    long sink = 0;
    long warm = (long) (warmupSeconds * 1e9);
    long start = CPU.getCurrentThreadCpuTime();
    while (CPU.getCurrentThreadCpuTime() - start < 2 * warm) {
      sink += run(off, batch) + run(on, batch);
    }
    double[] offNs = new double[rounds];
    double[] onNs = new double[rounds];
    double[] ratio = new double[rounds];
    long a0 = ALLOC.getCurrentThreadAllocatedBytes();
    run(off, batch);
    long a1 = ALLOC.getCurrentThreadAllocatedBytes();
    run(on, batch);
    long a2 = ALLOC.getCurrentThreadAllocatedBytes();
    long others0 = otherThreadsCpu();
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        offNs[r] = timed(off, batch);
        onNs[r] = timed(on, batch);
      } else {
        onNs[r] = timed(on, batch);
        offNs[r] = timed(off, batch);
      }
      ratio[r] = onNs[r] / offNs[r];
    }
    double others = (otherThreadsCpu() - others0) / ((double) rounds * batch);
    System.out.printf(Locale.ROOT, "%s: off %.0f ns/op, on %.0f ns/op, on/off median ratio %.3f"
        + " (per-round ratios %s); allocated off %.0f B/op, on %.0f B/op; the JVM's other"
        + " Java threads (the span processor's worker) %.0f CPU ns per operation of the arm; sink %d%n", name, median(offNs), median(onNs), median(ratio),
        Arrays.toString(Arrays.stream(ratio).map(x -> Math.round(x * 1000) / 1000.0).toArray()),
        (a1 - a0) / (double) batch, (a2 - a1) / (double) batch, others, sink);
  }

  /** The CPU time of the JVM's other live Java threads (the span processor's worker; not GC or JIT threads). */
  private static long otherThreadsCpu() {
    long self = Thread.currentThread().getId();
    long sum = 0;
    for (long id : CPU.getAllThreadIds()) {
      long t = id == self ? -1 : CPU.getThreadCpuTime(id);
      sum += Math.max(0, t);
    }
    return sum;
  }

  private static double timed(IntSupplier op, int batch) {
    long t0 = CPU.getCurrentThreadCpuTime();
    run(op, batch);
    return (CPU.getCurrentThreadCpuTime() - t0) / (double) batch;
  }

  private static long run(IntSupplier op, int batch) {
    long s = 0;
    for (int i = 0; i < batch; i++) {
      s += op.getAsInt();
    }
    return s;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
