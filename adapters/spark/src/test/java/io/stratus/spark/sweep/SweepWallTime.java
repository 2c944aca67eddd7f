package io.stratus.spark.sweep;

import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.spark.SparkJavaOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Wall time of one scenario sweep on the local engine (one thread) and on Spark {@code local[1]} and {@code
 * local[2]}, with a check that all three give equal results. Not a test: a program run by hand (benchmarks/results/
 * spark-sweep.md gives the command); each configuration runs once to warm up, then {@code rounds} times, and the
 * median is printed. The sweep is the one of the simulation benchmark {@code SweepWallTime}: 3 x 3 points x 2
 * schedulers x 4 replications = 72 runs of one simulated day (36 Spark tasks).
 */
final class SweepWallTime {
  static final String SWEEP = String.join("\n",
      "{",
      "  \"name\": \"sweep-bench\", \"start\": \"2026-01-05T00:00:00Z\", \"duration\": \"P1D\", \"seed\": 1,",
      "  \"replications\": 4, \"schedulers\": [\"first-fit\", \"round-robin\"],",
      "  \"environment\": {\"providers\": [\"aws\", \"gcp\"], \"regions\": [\"aws:us-east-1\", \"gcp:us-central1\"],",
      "    \"spotInterruptionMultiplier\": 10,",
      "    \"commitments\": [{\"id\": \"sp\", \"type\": \"savings-plan\", \"provider\": \"aws\", \"hourlyRate\": 0.5,",
      "      \"discount\": 0.25}],",
      "    \"networkFaultRates\": {\"partitionsPerRegionPerDay\": 0.5, \"meanDuration\": \"PT20M\"}},",
      "  \"workloads\": [{\"name\": \"batch\", \"spotShare\": 0.5,",
      "    \"arrivals\": {\"type\": \"constant\", \"perHour\": 10}, \"vcpus\": {\"2\": 0.5, \"4\": 0.5},",
      "    \"duration\": {\"type\": \"exponential\", \"mean\": \"PT2H\"}}],",
      "  \"parameters\": {\"workloads[0].spotShare\": [0.0, 0.5, 1.0],",
      "    \"environment.instanceFailuresPerHour\": {\"from\": 0, \"to\": 0.01, \"steps\": 3}}",
      "}");

  private SweepWallTime() {}

  /**
   * Entry point.
   *
   * @param args optional number of measured rounds (default 3)
   */
  public static void main(String[] args) {
    SparkJavaOptions.requireOpen();
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    ScenarioEngine engine = ScenarioEngine.create(SweepFixtures.catalog());
    List<ScenarioEngine.SweepResult> local = engine.sweep(ScenarioSpec.parse(SWEEP, "sweep-bench.json"),
        Runnable::run);
    double tl = median(rounds, () -> engine.sweep(ScenarioSpec.parse(SWEEP, "sweep-bench.json"), Runnable::run));
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "local engine (1 thread): %.2f s", tl));
    for (String master : List.of("local[1]", "local[2]")) {
      SparkSession spark = SparkSession.builder().master(master).appName("sweep-bench")
          .config("spark.ui.enabled", "false").getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
      try {
        SparkSweep sweep = SparkSweep.create(spark, CatalogFactory.registered(SweepJob.DEFAULT_CATALOG));
        boolean equal = sweep.sweep(SWEEP, "sweep-bench.json").equals(local);
        double t = median(rounds, () -> sweep.sweep(SWEEP, "sweep-bench.json"));
        lines.add(String.format(Locale.ROOT, "Spark %s: %.2f s (%.2fx the local engine), results equal: %s", master,
            t, t / tl, equal));
      } finally {
        spark.stop();
      }
    }
    lines.forEach(System.out::println);
  }

  private static double median(int rounds, Supplier<?> work) {
    List<Double> s = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      work.get();
      s.add((System.nanoTime() - t0) / 1e9);
    }
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
