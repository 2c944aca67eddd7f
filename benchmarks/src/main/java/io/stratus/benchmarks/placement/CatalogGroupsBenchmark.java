package io.stratus.benchmarks.placement;

import io.stratus.model.Workload;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.scheduler.core.placement.PlacementProgress;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Batch placement at catalog scale with placement groups (issue 12): the {@link CatalogMix} batches of 500 and 2,000
 * workloads, with a share of the web workloads in anti-affinity/region-spread groups of 3 to 6
 * ({@link CatalogMix#withGroups}), placed with {@code placeAll} and default settings. Prints, from the final progress
 * report, the greedy plan that respects the same rules (each workload in priority order on its cheapest allowed
 * target), the plan, both in expected $/h (soft spread penalties included), the placed counts, the lower bound (which
 * ignores the groups), the gap, and CPU seconds of the calling thread; the same batch without groups for comparison.
 *
 * <p>Run (after {@code ./mvnw -B -q -o package -pl benchmarks -am -DskipTests}):
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.placement.CatalogGroupsBenchmark [500,2000] [seed] [share]
 * }</pre>
 */
public final class CatalogGroupsBenchmark {
  private CatalogGroupsBenchmark() {}

  /** The last progress report of a run. */
  private static final class Last {
    PlacementProgress progress;
  }

  /**
   * Runs the benchmark.
   *
   * @param args optional comma-separated batch sizes, seed and share of web workloads in groups
   */
  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "500,2000";
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    double share = args.length > 2 ? Double.parseDouble(args[2]) : 0.2;
    PrintStream out = System.out;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Last last = new Last();
    CostAwareScheduler scheduler = CostAwareScheduler.builder().pricing(BundledCatalog.load())
        .cacheTtl(Duration.ofDays(1)).refreshAfter(Duration.ofHours(1))
        .placementListener(p -> {
          last.progress = p;
          return true;
        })
        .build();
    List<Workload> warm = CatalogMix.of(300, seed + 1000);
    for (int r = 0; r < 3; r++) {
      scheduler.placeAll(warm);
      scheduler.placeAll(CatalogMix.withGroups(warm, share, seed + 1000));
    }
    out.println("| workloads | groups (members) | constrained greedy $/h (placed) | placeAll $/h (placed) | vs greedy"
        + " | lower bound $/h | gap | CPU-s | steps |");
    out.println("|---|---|---|---|---|---|---|---|---|");
    for (String size : sizes.split(",")) {
      int n = Integer.parseInt(size.trim());
      List<Workload> plain = CatalogMix.of(n, seed);
      for (List<Workload> mix : List.of(plain, CatalogMix.withGroups(plain, share, seed))) {
        long groups = mix.stream().flatMap(w -> w.placementGroup().stream()).map(g -> g.name()).distinct().count();
        long members = mix.stream().filter(w -> w.placementGroup().isPresent()).count();
        long t0 = mx.getCurrentThreadCpuTime();
        PlacementPlan plan = scheduler.placeAll(mix);
        long t1 = mx.getCurrentThreadCpuTime();
        PlacementProgress p = last.progress;
        if (p.placed() != plan.placedCount() || p.placed() < p.greedyPlaced()) {
          throw new IllegalStateException("placed " + p.placed() + " / " + plan.placedCount() + ", greedy "
              + p.greedyPlaced());
        }
        out.printf(Locale.ROOT, "| %,d | %d (%d) | %.2f (%,d) | %.2f (%,d) | %+.1f%% | %.2f | %.1f%% | %.2f | %,d |%n",
            n, groups, members, p.greedyCost(), p.greedyPlaced(), p.bestCost(), p.placed(),
            100 * (p.bestCost() / p.greedyCost() - 1), p.lowerBound(),
            100 * (p.bestCost() - p.lowerBound()) / p.bestCost(), (t1 - t0) / 1e9, p.steps());
      }
    }
  }
}
