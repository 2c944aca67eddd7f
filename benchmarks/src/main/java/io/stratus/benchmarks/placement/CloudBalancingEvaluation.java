package io.stratus.benchmarks.placement;

import io.stratus.scheduler.core.placement.PlacementProblem;
import io.stratus.scheduler.core.placement.PlacementSolution;
import io.stratus.scheduler.core.placement.PlacementSolver;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
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
 * <p>Budgets are CPU time of the solving thread by default ({@code --clock cpu}), so that both solvers get the same
 * work on a loaded machine: Stratus through its injected ticker, OptaPlanner through a watcher thread that calls
 * {@code terminateEarly()} once the solving thread's CPU time reaches the budget. {@code --clock wall} uses wall-time
 * budgets for both (OptaPlanner's spent limit).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.placement.CloudBalancingEvaluation
 * [dataDir or instance.json] [--stratus 1,5,60] [--optaplanner 5,60] [--seed 1] [--warmup 2] [--clock cpu|wall]
 * [--out DIR]} (budgets in seconds; the data defaults to {@code ../shared/data/cloudbalancing}). Prints a Markdown
 * table; with {@code --out}, writes each run's assignment as {@code <instance>.<solver>.<budget>s.json}: the
 * instance name, solver, budget, cost, feasibility and {@code "computerOfProcess"} (the computer id of each process
 * in file order, -1 when unassigned), so anyone can check it against the instance file.
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
    boolean cpu = true;
    Path outDir = null;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--stratus" -> stratusBudgets = parseList(args[++a]);
        case "--optaplanner" -> optaBudgets = parseList(args[++a]);
        case "--seed" -> seed = Long.parseLong(args[++a]);
        case "--warmup" -> warmup = Integer.parseInt(args[++a]);
        case "--only" -> only = args[++a];
        case "--no-tuned" -> tuned = false;
        case "--clock" -> cpu = parseClock(args[++a]);
        case "--out" -> outDir = Path.of(args[++a]);
        default -> dir = Path.of(args[a]);
      }
    }
    PrintStream out = System.out;
    List<Path> files;
    if (Files.isRegularFile(dir)) {
      files = new ArrayList<>(List.of(dir));
    } else if (!Files.isDirectory(dir)) {
      out.println("Skipped: no cloud-balancing data at " + dir.toAbsolutePath() + " (see DESIGN.md, shared data)");
      return;
    } else {
      try (Stream<Path> s = Files.list(dir)) {
        files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".json")).toList());
      }
    }
    if (outDir != null) {
      Files.createDirectories(outDir);
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
      runStratus(w, warmup, seed, cpu);
      runOptaPlanner(w, warmup, seed, false, cpu);
      if (tuned) {
        runOptaPlanner(w, warmup, seed, true, cpu);
      }
    }
    out.println(
        "| instance | lower bound | solver | budget " + (cpu ? "CPU-s" : "s") + " | cost | feasible | wall s | CPU-s"
            + " | steps | gap to bound | vs best OptaPlanner at its largest budget |");
    out.println("|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|");
    for (CloudBalancingInstance instance : instances) {
      List<Run> runs = new ArrayList<>();
      for (int b : stratusBudgets) {
        runs.add(runStratus(instance, b, seed, cpu));
      }
      for (int b : optaBudgets) {
        runs.add(runOptaPlanner(instance, b, seed, false, cpu));
      }
      if (tuned) {
        for (int b : optaBudgets) {
          runs.add(runOptaPlanner(instance, b, seed, true, cpu));
        }
      }
      if (outDir != null) {
        for (Run r : runs) {
          write(outDir, instance, r);
        }
      }
      int largest = optaBudgets.stream().mapToInt(Integer::intValue).max().orElse(-1);
      double bound = runs.get(0).lowerBound;
      Run reference = null;
      for (Run r : runs) {
        boolean better = reference == null || (r.eval.feasible() && (!reference.eval.feasible() || r.eval.cost() < reference.eval.cost()));
        if (r.solver.startsWith("OptaPlanner") && r.budget == largest && better) {
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
            "| %s | %.0f | %s | %d | %,d | %s | %.2f | %.2f | %s | %s | %s |%n",
            instance.name,
            bound,
            r.solver,
            r.budget,
            r.eval.cost(),
            r.eval.feasible() ? "yes" : "NO (overflow " + r.eval.overflow() + ", unassigned " + r.eval.unassigned() + ")",
            r.seconds,
            r.cpuSeconds,
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

  private static boolean parseClock(String value) {
    return switch (value) {
      case "cpu" -> true;
      case "wall" -> false;
      default -> throw new IllegalArgumentException("--clock must be cpu or wall, got '" + value + "'");
    };
  }

  private record Run(
      String solver,
      int budget,
      CloudBalancingInstance.Evaluation eval,
      double seconds,
      double cpuSeconds,
      long steps,
      double lowerBound,
      int[] computerOf) {}

  private static void write(Path dir, CloudBalancingInstance instance, Run r) throws IOException {
    StringBuilder json = new StringBuilder();
    json.append("{\"instance\": \"").append(instance.name).append("\", \"solver\": \"").append(r.solver)
        .append("\", \"budgetSeconds\": ").append(r.budget).append(", \"cost\": ").append(r.eval.cost())
        .append(", \"feasible\": ").append(r.eval.feasible()).append(", \"computerOfProcess\": [");
    for (int p = 0; p < r.computerOf.length; p++) {
      json.append(p == 0 ? "" : ", ").append(r.computerOf[p] < 0 ? -1 : instance.computerIds[r.computerOf[p]]);
    }
    json.append("]}\n");
    String solver = r.solver.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "");
    Files.writeString(dir.resolve(instance.name + "." + solver + "." + r.budget + "s.json"), json,
        StandardCharsets.UTF_8);
  }

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  static Run runStratus(CloudBalancingInstance instance, int seconds, long seed, boolean cpu) {
    PlacementProblem problem = instance.toPlacementProblem();
    LongSupplier ticker = cpu ? MX::getCurrentThreadCpuTime : System::nanoTime;
    long start = System.nanoTime();
    long cpuStart = MX.getCurrentThreadCpuTime();
    PlacementSolution solution =
        PlacementSolver.builder()
            .seed(seed)
            .timeBudget(Duration.ofSeconds(seconds), ticker)
            .build()
            .solve(problem);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpuElapsed = (MX.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    int[] computerOf = new int[instance.processes.length];
    for (int p = 0; p < computerOf.length; p++) {
      computerOf[p] = solution.binTypeOf(p);
    }
    return new Run("Stratus", seconds, instance.evaluate(computerOf), elapsed, cpuElapsed, solution.steps(),
        solution.lowerBound(), computerOf);
  }

  static Run runOptaPlanner(CloudBalancingInstance instance, int seconds, long seed, boolean tuned, boolean cpu) {
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
            .withRandomSeed(seed);
    if (!cpu) {
      config.withTerminationSpentLimit(Duration.ofSeconds(seconds));
    }
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
    long cpuStart = MX.getCurrentThreadCpuTime();
    Thread watcher = null;
    if (cpu) {
      // Stops the solver once this thread has spent the budget in CPU time.
      long tid = Thread.currentThread().getId();
      long limit = cpuStart + Duration.ofSeconds(seconds).toNanos();
      watcher = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          if (MX.getThreadCpuTime(tid) >= limit) {
            solver.terminateEarly();
            return;
          }
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "optaplanner-cpu-budget");
      watcher.setDaemon(true);
      watcher.start();
    }
    OptaCloudBalance best = solver.solve(new OptaCloudBalance(computers, processes));
    if (watcher != null) {
      watcher.interrupt();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpuElapsed = (MX.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    int[] computerOf = new int[instance.processes.length];
    for (OptaProcess p : best.getProcesses()) {
      computerOf[p.getId()] = p.getComputer() == null ? -1 : p.getComputer().getId();
    }
    return new Run(tuned ? "OptaPlanner (example config)" : "OptaPlanner (default)", seconds,
        instance.evaluate(computerOf), elapsed, cpuElapsed, -1, Double.NaN, computerOf);
  }
}
