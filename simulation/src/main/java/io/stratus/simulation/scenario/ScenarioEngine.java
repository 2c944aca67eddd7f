package io.stratus.simulation.scenario;

import io.stratus.spi.PricingProvider;
import io.stratus.simulation.validation.ConfidenceInterval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.apiguardian.api.API;

/**
 * Runs scenarios: every scheduler of a {@link ScenarioSpec} for every Monte Carlo replication, each run on its own
 * engine and simulated environment, in parallel on a host-supplied {@link Executor}. Replication {@code r} draws
 * from {@code RandomStreams.of(seed).forReplication(r)} whatever the scheduler, so schedulers are compared on the
 * same workloads, failures and prices (common random numbers), and results do not depend on the number of threads.
 * Results come back in (scheduler, replication) order; {@link #compare} summarizes them with confidence intervals.
 * {@link #start} and {@link #startSweep} return a {@link ScenarioExecution} that can cancel the runs; the blocking
 * {@link #run} and {@link #sweep} cancel them when the calling thread is interrupted.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioEngine {
  private final PricingProvider catalog;

  private ScenarioEngine(PricingProvider catalog) {
    this.catalog = catalog;
  }

  /**
   * An engine whose simulated clouds take regions, types and prices from a catalog.
   *
   * @param catalog the catalog, e.g. {@code new BundledCatalog()}; never null, must be thread-safe
   * @return the engine; never null
   * @throws NullPointerException if catalog is null
   */
  public static ScenarioEngine create(PricingProvider catalog) {
    return new ScenarioEngine(Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * Runs every scheduler x replication of a scenario and waits for the results. Interrupting the calling thread
   * cancels the runs (see {@link ScenarioExecution#join()}).
   *
   * @param spec the scenario; never null
   * @param executor where runs execute (e.g. {@code Runnable::run} for the calling thread); never null
   * @return one result per scheduler and replication, in (scheduler, replication) order; never null
   * @throws NullPointerException if an argument is null
   * @throws io.stratus.InvalidConfigurationException if the scenario's environment does not match the catalog
   * @throws ScenarioCancelledException if the calling thread (or a thread running a run) was interrupted
   */
  public List<RunResult> run(ScenarioSpec spec, Executor executor) {
    return start(spec, executor).join();
  }

  /**
   * Starts every scheduler x replication of a scenario on the executor and returns at once with a handle that can
   * cancel the runs or wait for their results (in (scheduler, replication) order). With an executor that runs tasks
   * on the calling thread, every run has finished when this method returns.
   *
   * @param spec the scenario; never null
   * @param executor where runs execute; never null
   * @return the execution; never null
   * @throws NullPointerException if an argument is null
   */
  public ScenarioExecution<List<RunResult>> start(ScenarioSpec spec, Executor executor) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(executor, "executor");
    AtomicBoolean cancelled = new AtomicBoolean();
    List<List<CompletableFuture<RunResult>>> futures =
        launch(List.of(new ScenarioSpec.SweepPoint(0, Map.of(), spec)), executor, cancelled);
    List<CompletableFuture<RunResult>> runs = futures.get(0);
    return new ScenarioExecution<>(spec.name(), cancelled, runs, () -> results(runs));
  }

  /**
   * Runs a parameter sweep: every point of {@link ScenarioSpec#sweepPoints()} x scheduler x replication, all in
   * parallel on the executor, and summarizes each point. Replication {@code r} of every point and scheduler draws
   * from {@code RandomStreams.of(seed).forReplication(r)} (common random numbers across points), so the results are
   * the same for a seed whatever the executor and its number of threads. Interrupting the calling thread cancels the
   * runs.
   *
   * @param spec the scenario with its parameters; never null
   * @param executor where runs execute; never null
   * @return one result per point, in sweep order; never null
   * @throws NullPointerException if an argument is null
   * @throws io.stratus.InvalidConfigurationException if a point's environment does not match the catalog
   * @throws ScenarioCancelledException if the calling thread (or a thread running a run) was interrupted
   */
  public List<SweepResult> sweep(ScenarioSpec spec, Executor executor) {
    return startSweep(spec, executor).join();
  }

  /**
   * Starts a parameter sweep (see {@link #sweep}) and returns at once with a handle that can cancel it or wait for
   * the per-point results.
   *
   * @param spec the scenario with its parameters; never null
   * @param executor where runs execute; never null
   * @return the execution; never null
   * @throws NullPointerException if an argument is null
   */
  public ScenarioExecution<List<SweepResult>> startSweep(ScenarioSpec spec, Executor executor) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(executor, "executor");
    AtomicBoolean cancelled = new AtomicBoolean();
    List<ScenarioSpec.SweepPoint> points = spec.sweepPoints();
    List<List<CompletableFuture<RunResult>>> futures = launch(points, executor, cancelled);
    List<CompletableFuture<RunResult>> all = new ArrayList<>();
    futures.forEach(all::addAll);
    return new ScenarioExecution<>(spec.name(), cancelled, all, () -> {
      List<SweepResult> out = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        out.add(summarize(points.get(i), results(futures.get(i))));
      }
      return List.copyOf(out);
    });
  }

  /**
   * Runs one replication of one scheduler at one sweep point, on the calling thread: the unit of work that {@link
   * #sweep} spreads over its executor, for hosts that distribute the runs themselves (e.g. as cluster tasks). The run
   * draws from {@code RandomStreams.of(seed).forReplication(replication)}, so it returns the same result as the
   * corresponding run of {@link #sweep} wherever it executes. Interrupting the calling thread stops the run.
   *
   * @param point a point of {@link ScenarioSpec#sweepPoints()}; never null
   * @param scheduler one of the point's {@link ScenarioSpec#schedulers()}; never null
   * @param replication the replication, in {@code [0, replications)}
   * @return the run's result; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the scheduler is not the point's or the replication is out of range
   * @throws io.stratus.InvalidConfigurationException if the point's environment does not match the catalog
   * @throws ScenarioCancelledException if the calling thread was interrupted
   */
  public RunResult runReplication(ScenarioSpec.SweepPoint point, SchedulerKind scheduler, int replication) {
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(scheduler, "scheduler");
    ScenarioSpec spec = point.spec();
    if (!spec.schedulers().contains(scheduler)) {
      throw new IllegalArgumentException("scheduler " + scheduler.id() + " is not one of the point's schedulers "
          + spec.schedulers());
    }
    if (replication < 0 || replication >= spec.replications()) {
      throw new IllegalArgumentException("replication must be in [0, " + spec.replications() + "), was "
          + replication);
    }
    return new ScenarioRun(spec, scheduler, replication, catalog).run();
  }

  /**
   * Summarizes the runs of one sweep point, as {@link #sweep} does: the runs are put in (scheduler, replication)
   * order first (schedulers in the point's order), so the means and intervals do not depend on the order in which
   * distributed runs came back.
   *
   * @param point the sweep point; never null
   * @param runs every run of the point exactly once (one per scheduler and replication), in any order; never null
   * @return the point's result; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a run is missing, repeated or not of the point's schedulers and replications
   */
  public static SweepResult summarize(ScenarioSpec.SweepPoint point, List<RunResult> runs) {
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(runs, "runs");
    ScenarioSpec spec = point.spec();
    List<SchedulerKind> kinds = spec.schedulers();
    int reps = spec.replications();
    RunResult[] slots = new RunResult[kinds.size() * reps];
    for (RunResult r : runs) {
      int k = kinds.indexOf(Objects.requireNonNull(r, "runs element").scheduler());
      if (k < 0 || r.replication() < 0 || r.replication() >= reps) {
        throw new IllegalArgumentException("run (" + r.scheduler().id() + ", replication " + r.replication()
            + ") is not a run of sweep point " + point.index() + " (schedulers " + kinds + ", " + reps
            + " replications)");
      }
      int slot = k * reps + r.replication();
      if (slots[slot] != null) {
        throw new IllegalArgumentException("run (" + r.scheduler().id() + ", replication " + r.replication()
            + ") of sweep point " + point.index() + " is repeated");
      }
      slots[slot] = r;
    }
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] == null) {
        throw new IllegalArgumentException("run (" + kinds.get(i / reps).id() + ", replication " + i % reps
            + ") of sweep point " + point.index() + " is missing");
      }
    }
    List<RunResult> ordered = List.of(slots);
    return new SweepResult(point.index(), point.values(), ordered, compare(ordered, spec.confidenceLevel()));
  }

  /** Submits point x scheduler x replication, in that order; a run checks the flag before it starts. */
  private List<List<CompletableFuture<RunResult>>> launch(List<ScenarioSpec.SweepPoint> points, Executor executor,
      AtomicBoolean cancelled) {
    List<List<CompletableFuture<RunResult>>> futures = new ArrayList<>();
    for (ScenarioSpec.SweepPoint p : points) {
      ScenarioSpec point = p.spec();
      List<CompletableFuture<RunResult>> fs = new ArrayList<>();
      for (SchedulerKind k : point.schedulers()) {
        for (int r = 0; r < point.replications(); r++) {
          int rep = r;
          fs.add(CompletableFuture.supplyAsync(
              () -> new ScenarioRun(point, k, rep, catalog).cancelWhen(cancelled::get).run(), executor));
        }
      }
      futures.add(fs);
    }
    return futures;
  }

  /** The results of finished runs (every future has completed normally when this is called). */
  private static List<RunResult> results(List<CompletableFuture<RunResult>> runs) {
    List<RunResult> out = new ArrayList<>(runs.size());
    runs.forEach(f -> out.add(f.join()));
    return List.copyOf(out);
  }

  /**
   * The results of one point of a parameter sweep.
   *
   * @param point the point's index in sweep order
   * @param parameters the parameter values (JSON text) by parameter path, in parameter order; never null
   * @param runs the runs, in (scheduler, replication) order; never null
   * @param summaries per scheduler, means with confidence intervals at the point's level; never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record SweepResult(int point, Map<String, String> parameters, List<RunResult> runs,
      List<SchedulerSummary> summaries) {
    /**
     * Copies.
     *
     * @throws NullPointerException if a component is null
     */
    public SweepResult {
      parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      runs = List.copyOf(runs);
      summaries = List.copyOf(summaries);
    }
  }

  /**
   * Summarizes results per scheduler: mean and confidence interval of cost, SLO violations, interruptions and
   * migrations over the replications.
   *
   * @param results results of {@link #run}; never null
   * @param level the confidence level in (0, 1)
   * @return one summary per scheduler, in first-seen order; never null
   * @throws NullPointerException if results is null
   * @throws IllegalArgumentException if the level is out of range
   */
  public static List<SchedulerSummary> compare(List<RunResult> results, double level) {
    Objects.requireNonNull(results, "results");
    Map<SchedulerKind, List<RunResult>> by = new LinkedHashMap<>();
    for (RunResult r : results) {
      by.computeIfAbsent(r.scheduler(), k -> new ArrayList<>()).add(r);
    }
    List<SchedulerSummary> out = new ArrayList<>();
    for (Map.Entry<SchedulerKind, List<RunResult>> e : by.entrySet()) {
      List<RunResult> rs = e.getValue();
      out.add(new SchedulerSummary(e.getKey(), rs.size(),
          ci(rs, r -> r.cost().doubleValue(), level),
          ci(rs, RunResult::sloViolations, level),
          ci(rs, RunResult::interruptions, level),
          ci(rs, RunResult::migrations, level),
          rs.stream().map(RunResult::cost).reduce(BigDecimal.ZERO, BigDecimal::add)));
    }
    return List.copyOf(out);
  }

  private static ConfidenceInterval ci(List<RunResult> rs, ToDoubleFunction<RunResult> f, double level) {
    return ConfidenceInterval.ofMean(rs.stream().mapToDouble(f).toArray(), level);
  }

  /**
   * The comparison of one scheduler over the replications.
   *
   * @param scheduler the scheduler; never null
   * @param replications the number of runs summarized
   * @param cost mean cost (USD) with its interval; never null
   * @param sloViolations mean SLO violations with its interval; never null
   * @param interruptions mean spot interruptions with its interval; never null
   * @param migrations mean migrations with its interval; never null
   * @param totalCost the sum of cost over the replications; never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record SchedulerSummary(
      SchedulerKind scheduler,
      int replications,
      ConfidenceInterval cost,
      ConfidenceInterval sloViolations,
      ConfidenceInterval interruptions,
      ConfidenceInterval migrations,
      BigDecimal totalCost) {
    /**
     * Validates.
     *
     * @throws NullPointerException if a reference component is null
     */
    public SchedulerSummary {
      Objects.requireNonNull(scheduler, "scheduler");
      Objects.requireNonNull(cost, "cost");
      Objects.requireNonNull(sloViolations, "sloViolations");
      Objects.requireNonNull(interruptions, "interruptions");
      Objects.requireNonNull(migrations, "migrations");
      Objects.requireNonNull(totalCost, "totalCost");
    }
  }
}
