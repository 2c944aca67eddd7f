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
 * them up in the thread's own CPU time (the compared arm is {@code on} by default, {@code -Darm=metrics} for meters
 * without tracing, {@code -Darm=event} for decisions traced as events on a host span), then runs rounds that alternate the arms (the order flips each round) and
 * reads the thread's CPU time around each batch. Prints, per benchmark, the median CPU time per operation of each arm
 * and the median of the per-round ratios on/off.
 *
 * <p>Run (after {@code ./mvnw -B -q package -pl benchmarks -am -DskipTests}):
 *
 * <pre>{@code
 * java [-Dwarmup=3] [-Drounds=15] [-Darm=on|metrics|event] -cp benchmarks/target/benchmarks.jar \
 *     io.stratus.benchmarks.scheduler.ObservabilityCpuTime
 * }</pre>
 */
public final class ObservabilityCpuTime {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

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
    System.out.printf(Locale.ROOT, "%s: off %.0f ns/op, on %.0f ns/op, on/off median ratio %.3f"
        + " (per-round ratios %s; sink %d)%n", name, median(offNs), median(onNs), median(ratio),
        Arrays.toString(Arrays.stream(ratio).map(x -> Math.round(x * 1000) / 1000.0).toArray()), sink);
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
