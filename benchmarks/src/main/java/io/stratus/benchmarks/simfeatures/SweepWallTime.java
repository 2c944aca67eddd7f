package io.stratus.benchmarks.simfeatures;

import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.simulation.scenario.SimulatedPlanSimulator;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.WhatIfReport;
import io.stratus.spi.WhatIfRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of a parameter sweep ({@link ScenarioEngine#sweep}) and of a what-if ({@link SimulatedPlanSimulator}) on
 * one thread and on a pool of two, and a check that both give the same results. Each configuration runs
 * {@code rounds} times in the same JVM after one warm-up; the median is printed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.simfeatures.SweepWallTime [rounds]
 * </pre>
 */
public final class SweepWallTime {
  /**
   * 3 x 3 points x 2 schedulers x 4 replications = 72 runs of one simulated day on two clouds (the two baselines:
   * the Stratus schedulers' own set-up would dominate the figure). The one source of this scenario: {@link
   * SparkSweepWallTime} runs it on Spark.
   */
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
   * @throws InterruptedException if interrupted while waiting for the pool
   */
  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    BundledCatalog catalog = BundledCatalog.load();
    ScenarioSpec spec = ScenarioSpec.parse(SWEEP, "sweep-bench.json");
    ScenarioEngine engine = ScenarioEngine.create(catalog);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<ScenarioEngine.SweepResult> one = engine.sweep(spec, Runnable::run);
      List<ScenarioEngine.SweepResult> two = engine.sweep(spec, pool);
      System.out.println("sweep: " + spec.sweepPoints().size() + " points, " + one.stream()
          .mapToInt(r -> r.runs().size()).sum() + " runs; 1 thread == 2 threads: " + one.equals(two));
      double t1 = median(rounds, () -> engine.sweep(spec, Runnable::run));
      double t2 = median(rounds, () -> engine.sweep(spec, pool));
      System.out.printf(Locale.ROOT, "sweep wall s: 1 thread %.2f, 2 threads %.2f, speed-up %.2fx%n", t1, t2,
          t1 / t2);

      Offer spot = catalog.offers(OfferQuery.all().withRegionIds(List.of("aws:us-east-1"))
          .withInstanceTypeIds(List.of("aws:m5.large")).withPurchaseOptions(List.of(PurchaseOption.SPOT))).get(0);
      List<PlacementPlan.NewInstance> ni = new ArrayList<>();
      List<PlacementPlan.Assignment> as = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Candidate c = Candidate.newInstance(spot);
        ni.add(new PlacementPlan.NewInstance("i" + i, c, List.of("w" + i)));
        as.add(new PlacementPlan.Assignment("w" + i, "i" + i, c, ResourceDemand.of(1, 2)));
      }
      PlacementPlan plan = PlacementPlan.of(as, ni, List.of(), Money.USD, 0, "bench");
      WhatIfRequest req = WhatIfRequest.builder(plan, Instant.parse("2026-03-02T00:00:00Z")).replications(20)
          .build();
      SimulatedPlanSimulator sim = SimulatedPlanSimulator.of(catalog);
      WhatIfReport a = sim.simulate(req, Runnable::run);
      System.out.println("what-if: 50 spot instances, 7 days, 20 replications x 3 placements (the current fleet"
          + " empty); 1 thread == 2 threads: " + a.equals(sim.simulate(req, pool)));
      double w1 = median(rounds, () -> sim.simulate(req, Runnable::run));
      double w2 = median(rounds, () -> sim.simulate(req, pool));
      System.out.printf(Locale.ROOT, "what-if wall s: 1 thread %.2f, 2 threads %.2f, speed-up %.2fx%n", w1, w2,
          w1 / w2);
      System.out.printf(Locale.ROOT, "what-if cost vs on-demand baseline: %.2f [%.2f, %.2f] USD%n",
          a.proposedVsBaseline().expectedCost().mean(), a.proposedVsBaseline().expectedCost().lower(),
          a.proposedVsBaseline().expectedCost().upper());
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /** The median wall time of {@code rounds} runs, in seconds. */
  static double median(int rounds, Runnable r) {
    double[] t = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long s = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - s) / 1e9;
    }
    java.util.Arrays.sort(t);
    return t[rounds / 2];
  }
}
