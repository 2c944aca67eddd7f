package io.stratus.benchmarks.placement;

import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Batch placement at catalog scale (issue 12): seeded {@link CatalogMix} batches of 50, 500 and 2,000 workloads over
 * the whole bundled catalog, each placed twice with a {@link CostAwareScheduler} with default settings: greedy (each
 * workload alone on its cheapest feasible offer: one {@code schedule()} per workload) and {@code placeAll}. Prints
 * $/h (plan prices; the search minimizes expected cost, price plus expected interruption cost, which the method line
 * shows), CPU seconds of the calling thread, the lower bound and the gap, and checks that both place the same number
 * of workloads. The snapshot is built (and the JIT warmed) by a warm-up batch before measuring.
 *
 * <p>Run (after {@code ./mvnw -B -q -o package -pl benchmarks -am -DskipTests}):
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.placement.CatalogPlacementBenchmark [50,500,2000] [seed]
 * }</pre>
 */
public final class CatalogPlacementBenchmark {
  private CatalogPlacementBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional comma-separated batch sizes and seed
   */
  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "50,500,2000";
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    PrintStream out = System.out;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    CostAwareScheduler scheduler = CostAwareScheduler.builder().pricing(BundledCatalog.load())
        .cacheTtl(Duration.ofDays(1)).refreshAfter(Duration.ofHours(1)).build();
    // Warm-up: builds the snapshot and compiles the hot paths.
    List<Workload> warm = CatalogMix.of(300, seed + 1000);
    for (int r = 0; r < 3; r++) {
      greedy(scheduler, warm);
      scheduler.placeAll(warm);
    }
    out.println("| workloads (placeable) | greedy $/h (CPU-s) | placeAll $/h (CPU-s) | vs greedy | lower bound $/h"
        + " | gap to bound | search |");
    out.println("|---|---|---|---|---|---|---|");
    for (String size : sizes.split(",")) {
      int n = Integer.parseInt(size.trim());
      List<Workload> mix = CatalogMix.of(n, seed);
      long t0 = mx.getCurrentThreadCpuTime();
      double[] greedy = greedy(scheduler, mix);
      long t1 = mx.getCurrentThreadCpuTime();
      PlacementPlan plan = scheduler.placeAll(mix);
      long t2 = mx.getCurrentThreadCpuTime();
      double total = plan.totalHourlyCost().toDouble();
      if (plan.placedCount() != (int) greedy[1]) {
        throw new IllegalStateException("placeAll placed " + plan.placedCount() + ", greedy " + (int) greedy[1]);
      }
      double bound = number(plan.method(), "lower bound ");
      double expected = number(plan.method(), "expected cost ");
      double expectedGreedy = number(plan.method(), ", greedy ");
      out.printf(Locale.ROOT, "| %,d (%,d) | %.2f (%.2f) | %.2f (%.2f) | %+.1f%% | %.2f | %.1f%% | %s |%n",
          n, (int) greedy[1], greedy[0], (t1 - t0) / 1e9, total, (t2 - t1) / 1e9, 100 * (total / greedy[0] - 1),
          bound, 100 * (expected - bound) / expected, plan.method()
              + String.format(Locale.ROOT, " [expected: greedy %.4f, plan %.4f]", expectedGreedy, expected));
    }
  }

  /** Greedy total price and placed count: one schedule() per workload. */
  private static double[] greedy(CostAwareScheduler scheduler, List<Workload> mix) {
    double total = 0;
    int placed = 0;
    for (Workload w : mix) {
      Decision d = scheduler.schedule(w);
      if (d.isPlaced()) {
        placed++;
        total += d.hourlyCost().orElseThrow().toDouble();
      }
    }
    return new double[] {total, placed};
  }

  private static double number(String method, String label) {
    int at = method.indexOf(label);
    if (at < 0) {
      throw new IllegalStateException("no '" + label + "' in " + method);
    }
    int from = at + label.length();
    int to = from;
    while (to < method.length() && (Character.isDigit(method.charAt(to)) || method.charAt(to) == '.')) {
      to++;
    }
    return Double.parseDouble(method.substring(from, to));
  }
}
