package io.stratus.benchmarks.placement;

import io.stratus.scheduler.core.placement.PlacementProblem;
import io.stratus.scheduler.core.placement.PlacementSolution;
import io.stratus.scheduler.core.placement.PlacementSolver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicType;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * Batch placement quality on the cloud-balancing instances: Stratus's {@link PlacementSolver} against OptaPlanner
 * 10.2.0 (default construction heuristic and local search, constraint streams, one thread) at the same time budgets,
 * in the same JVM run, with the lower bound. Every solution is re-checked independently from the instance file.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.placement.CloudBalancingEvaluation
 * [dataDir] [--stratus 1,5,60] [--optaplanner 5,60] [--seed 1] [--warmup 2]} (budgets in seconds; dataDir defaults to
 * {@code ../shared/data/cloudbalancing}). Prints a Markdown table.
 */
public final class CloudBalancingEvaluation {
  private CloudBalancingEvaluation() {}

  /**
   * Runs the evaluation.
   *
   * @param args see the class documentation
   * @throws IOException if an instance cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of("../shared/data/cloudbalancing");
    List<Integer> stratusBudgets = List.of(1, 5, 60);
    List<Integer> optaBudgets = List.of(5, 60);
    long seed = 1;
    int warmup = 2;
    String only = null;
    boolean tuned = true;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--stratus" -> stratusBudgets = parseList(args[++a]);
        case "--optaplanner" -> optaBudgets = parseList(args[++a]);
        case "--seed" -> seed = Long.parseLong(args[++a]);
        case "--warmup" -> warmup = Integer.parseInt(args[++a]);
        case "--only" -> only = args[++a];
        case "--no-tuned" -> tuned = false;
        default -> dir = Path.of(args[a]);
      }
    }
    PrintStream out = System.out;
    if (!Files.isDirectory(dir)) {
      out.println("Skipped: no cloud-balancing data at " + dir.toAbsolutePath() + " (see DESIGN.md, shared data)");
      return;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".json")).toList());
    }
    files.sort(Comparator.comparingInt((Path p) -> sizeOf(p)).thenComparing(Path::toString));
    List<CloudBalancingInstance> instances = new ArrayList<>();
    for (Path f : files) {
      CloudBalancingInstance instance = CloudBalancingInstance.read(f);
      if (only == null || instance.name.contains(only)) {
        instances.add(instance);
      }
    }
    if (instances.isEmpty()) {
      out.println("Skipped: no *.json instance in " + dir.toAbsolutePath());
      return;
    }
    if (warmup > 0) {
      CloudBalancingInstance w = instances.get(instances.size() - 1);
      runStratus(w, warmup, seed);
      runOptaPlanner(w, warmup, seed, false);
      if (tuned) {
        runOptaPlanner(w, warmup, seed, true);
      }
    }
    out.println(
        "| instance | lower bound | solver | budget s | cost | feasible | time s | steps | gap to bound | vs best OptaPlanner"
            + " 60 s |");
    out.println("|---|---:|---|---:|---:|---|---:|---:|---:|---:|");
    for (CloudBalancingInstance instance : instances) {
      List<Run> runs = new ArrayList<>();
      for (int b : stratusBudgets) {
        runs.add(runStratus(instance, b, seed));
      }
      for (int b : optaBudgets) {
        runs.add(runOptaPlanner(instance, b, seed, false));
      }
      if (tuned) {
        for (int b : optaBudgets) {
          runs.add(runOptaPlanner(instance, b, seed, true));
        }
      }
      double bound = runs.get(0).lowerBound;
      Run reference = null;
      for (Run r : runs) {
        boolean better = reference == null || (r.eval.feasible() && (!reference.eval.feasible() || r.eval.cost() < reference.eval.cost()));
        if (r.solver.startsWith("OptaPlanner") && r.budget == 60 && better) {
          reference = r;
        }
      }
      for (Run r : runs) {
        String vs =
            reference == null || !reference.eval.feasible() || !r.eval.feasible()
                ? "n/a"
                : String.format(Locale.ROOT, "%+.2f%%", 100.0 * (r.eval.cost() - reference.eval.cost()) / reference.eval.cost());
        out.printf(
            Locale.ROOT,
            "| %s | %.0f | %s | %d | %,d | %s | %.2f | %s | %s | %s |%n",
            instance.name,
            bound,
            r.solver,
            r.budget,
            r.eval.cost(),
            r.eval.feasible() ? "yes" : "NO (overflow " + r.eval.overflow() + ", unassigned " + r.eval.unassigned() + ")",
            r.seconds,
            r.steps < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.steps),
            !r.eval.feasible()
                ? "n/a"
                : String.format(
                    Locale.ROOT, "%.2f%%", bound > 0 ? 100.0 * (r.eval.cost() - bound) / r.eval.cost() : 0.0),
            vs);
      }
      out.flush();
    }
  }

  private static int sizeOf(Path p) {
    String name = p.getFileName().toString();
    int x = name.indexOf("computers");
    try {
      return x > 0 ? Integer.parseInt(name.substring(0, x)) : Integer.MAX_VALUE;
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static List<Integer> parseList(String s) {
    List<Integer> out = new ArrayList<>();
    for (String part : s.split(",")) {
      if (!part.isBlank()) {
        out.add(Integer.parseInt(part.trim()));
      }
    }
    return out;
  }

  private record Run(
      String solver,
      int budget,
      CloudBalancingInstance.Evaluation eval,
      double seconds,
      long steps,
      double lowerBound) {}

  static Run runStratus(CloudBalancingInstance instance, int seconds, long seed) {
    PlacementProblem problem = instance.toPlacementProblem();
    long start = System.nanoTime();
    PlacementSolution solution =
        PlacementSolver.builder()
            .seed(seed)
            .timeBudget(Duration.ofSeconds(seconds), System::nanoTime)
            .build()
            .solve(problem);
    double elapsed = (System.nanoTime() - start) / 1e9;
    int[] computerOf = new int[instance.processes.length];
    for (int p = 0; p < computerOf.length; p++) {
      computerOf[p] = solution.binTypeOf(p);
    }
    return new Run(
        "Stratus", seconds, instance.evaluate(computerOf), elapsed, solution.steps(), solution.lowerBound());
  }

  static Run runOptaPlanner(CloudBalancingInstance instance, int seconds, long seed, boolean tuned) {
    List<OptaComputer> computers = new ArrayList<>();
    for (int c = 0; c < instance.computers.length; c++) {
      int[] v = instance.computers[c];
      computers.add(new OptaComputer(c, v[0], v[1], v[2], v[3]));
    }
    List<OptaProcess> processes = new ArrayList<>();
    for (int p = 0; p < instance.processes.length; p++) {
      int[] v = instance.processes[p];
      processes.add(new OptaProcess(p, v[0], v[1], v[2]));
    }
    SolverConfig config =
        new SolverConfig()
            .withSolutionClass(OptaCloudBalance.class)
            .withEntityClasses(OptaProcess.class)
            .withConstraintProviderClass(OptaCloudBalancingConstraints.class)
            .withRandomSeed(seed)
            .withTerminationSpentLimit(Duration.ofSeconds(seconds));
    if (tuned) {
      // The configuration OptaPlanner's own cloud-balancing example ships: first fit decreasing, then tabu search.
      config.withPhases(
          new ConstructionHeuristicPhaseConfig()
              .withConstructionHeuristicType(ConstructionHeuristicType.FIRST_FIT_DECREASING),
          new LocalSearchPhaseConfig()
              .withAcceptorConfig(new LocalSearchAcceptorConfig().withEntityTabuSize(7))
              .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1000)));
    }
    Solver<OptaCloudBalance> solver = SolverFactory.<OptaCloudBalance>create(config).buildSolver();
    long start = System.nanoTime();
    OptaCloudBalance best = solver.solve(new OptaCloudBalance(computers, processes));
    double elapsed = (System.nanoTime() - start) / 1e9;
    int[] computerOf = new int[instance.processes.length];
    for (OptaProcess p : best.getProcesses()) {
      computerOf[p.getId()] = p.getComputer() == null ? -1 : p.getComputer().getId();
    }
    return new Run(tuned ? "OptaPlanner (example config)" : "OptaPlanner (default)", seconds, instance.evaluate(computerOf), elapsed, -1, Double.NaN);
  }
}
