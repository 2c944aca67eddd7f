package io.stratus.benchmarks.placement;

import io.stratus.scheduler.core.placement.PlacementProblem;
import io.stratus.scheduler.core.placement.PlacementSolution;
import io.stratus.scheduler.core.placement.PlacementSolver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Step-bounded runs of Stratus's placement solver on one cloud-balancing instance over several seeds: cost, gap to
 * the lower bound and steps per second. Step-bounded runs are deterministic, so this compares search variants
 * independently of machine load.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.placement.PlacementStepsProbe
 * <instance.json> <steps> <seeds>}.
 */
public final class PlacementStepsProbe {
  private PlacementStepsProbe() {}

  /**
   * Runs the probe.
   *
   * @param args instance file, step limit, number of seeds
   * @throws IOException if the instance cannot be read
   */
  public static void main(String[] args) throws IOException {
    CloudBalancingInstance instance = CloudBalancingInstance.read(Path.of(args[0]));
    long steps = Long.parseLong(args[1]);
    int seeds = Integer.parseInt(args[2]);
    PlacementProblem problem = instance.toPlacementProblem();
    PrintStream out = System.out;
    double sum = 0;
    for (int seed = 1; seed <= seeds; seed++) {
      long start = System.nanoTime();
      PlacementSolution s = PlacementSolver.builder().seed(seed).maxSteps(steps).build().solve(problem);
      double secs = (System.nanoTime() - start) / 1e9;
      sum += s.totalCost();
      out.printf(
          Locale.ROOT,
          "%s seed %d: cost %.0f (construction %.0f) bound %.0f gap %.2f%% steps %d in %.2f s (%.0f steps/s)%n",
          instance.name,
          seed,
          s.totalCost(),
          s.constructionCost(),
          s.lowerBound(),
          100 * s.gap(),
          s.steps(),
          secs,
          s.steps() / secs);
    }
    out.printf(Locale.ROOT, "mean cost %.0f%n", sum / seeds);
  }
}
