package io.stratus.benchmarks.simfeatures;

import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.spark.SparkJavaOptions;
import io.stratus.spark.sweep.CatalogFactory;
import io.stratus.spark.sweep.SparkSweep;
import io.stratus.spark.sweep.SweepJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Wall time of the {@link SweepWallTime} sweep (the same scenario text, {@link SweepWallTime#SWEEP}: 3 x 3 points x 2
 * schedulers x 4 replications = 72 runs of one simulated day, 36 Spark tasks) on the local engine (one thread) and on
 * Spark {@code local[1]} and {@code local[2]} ({@link SparkSweep}), with a check that all three give equal results.
 * Each configuration runs once to warm up, then {@code rounds} times; the median is printed.
 *
 * <p>Run with the Spark JVM flags (adapters/spark/pom.xml) and Spark on the class path (benchmarks/results/
 * spark-sweep.md gives the command): {@code java <flags> -cp <benchmarks classes + dependencies incl. provided>
 * io.stratus.benchmarks.simfeatures.SparkSweepWallTime [rounds]}.
 */
public final class SparkSweepWallTime {
  private static final String SOURCE = "sweep-bench.json";

  private SparkSweepWallTime() {}

  /**
   * Entry point.
   *
   * @param args optional number of measured rounds (default 3)
   */
  public static void main(String[] args) {
    SparkJavaOptions.requireOpen();
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    CatalogFactory catalog = CatalogFactory.registered(SweepJob.DEFAULT_CATALOG);
    ScenarioEngine engine = ScenarioEngine.create(catalog.create());
    List<ScenarioEngine.SweepResult> local =
        engine.sweep(ScenarioSpec.parse(SweepWallTime.SWEEP, SOURCE), Runnable::run);
    double tl = SweepWallTime.median(rounds,
        () -> engine.sweep(ScenarioSpec.parse(SweepWallTime.SWEEP, SOURCE), Runnable::run));
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "local engine (1 thread): %.2f s", tl));
    for (String master : List.of("local[1]", "local[2]")) {
      SparkSession spark = SparkSession.builder().master(master).appName("sweep-bench")
          .config("spark.ui.enabled", "false").getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      try {
        SparkSweep sweep = SparkSweep.create(spark, catalog);
        boolean equal = sweep.sweep(SweepWallTime.SWEEP, SOURCE).equals(local);
        double t = SweepWallTime.median(rounds, () -> sweep.sweep(SweepWallTime.SWEEP, SOURCE));
        lines.add(String.format(Locale.ROOT, "Spark %s: %.2f s (%.2fx the local engine), results equal: %s", master,
            t, t / tl, equal));
      } finally {
        spark.stop();
      }
    }
    lines.forEach(System.out::println);
  }
}
