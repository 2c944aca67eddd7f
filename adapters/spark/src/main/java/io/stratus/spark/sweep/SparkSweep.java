package io.stratus.spark.sweep;

import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioLimits;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.simulation.scenario.SchedulerKind;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Runs a scenario's parameter sweep on Spark: one task per (sweep point, replication), each running every scheduler
 * of the point for that replication with the simulation module's {@link ScenarioEngine#runReplication}; the driver
 * collects the runs and summarizes each point with {@link ScenarioEngine#summarize}. Replication {@code r} draws from
 * {@code RandomStreams.of(seed).forReplication(r)} wherever its task runs, and the summaries put the runs in
 * (scheduler, replication) order, so the results equal {@link ScenarioEngine#sweep} of the same scenario and catalog
 * whatever the number of executors, the partitioning or task retries; {@link
 * io.stratus.simulation.scenario.ScenarioResults} then writes the same CSV and JSON bytes.
 *
 * <p>A failed task is retried by Spark (up to {@code spark.task.maxFailures} attempts); only the successful attempt's
 * runs reach the driver, so a retry never duplicates a run. The scenario text travels to the executors as a broadcast
 * and is parsed once per executor JVM; the catalog is made in each task by the {@link CatalogFactory}.
 *
 * <p>Immutable and thread-safe (Spark jobs may be submitted from several threads).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SparkSweep {
  private final SparkSession spark;
  private final CatalogFactory catalog;

  private SparkSweep(SparkSession spark, CatalogFactory catalog) {
    this.spark = spark;
    this.catalog = catalog;
  }

  /**
   * A sweep runner on a Spark session.
   *
   * @param spark the session; never null
   * @param catalog makes the simulated clouds' price catalog in each task, e.g. {@code
   *     CatalogFactory.registered("catalog")}; never null
   * @return the runner; never null
   * @throws NullPointerException if an argument is null
   */
  public static SparkSweep create(SparkSession spark, CatalogFactory catalog) {
    return new SparkSweep(Objects.requireNonNull(spark, "spark"), Objects.requireNonNull(catalog, "catalog"));
  }

  /**
   * Parses a scenario (JSON, or YAML when the source ends with {@code .yaml}/{@code .yml}) with the default limits
   * and runs its sweep; see {@link #sweep(String, String, ScenarioLimits)}.
   *
   * @param text the scenario document; never null
   * @param source its name, for messages and the format; never null
   * @return one result per point, in sweep order; never null
   * @throws NullPointerException if an argument is null
   * @throws io.stratus.simulation.scenario.ScenarioFormatException if the document is malformed (line, column and
   *     field named); raised on the driver before any task starts
   */
  public List<ScenarioEngine.SweepResult> sweep(String text, String source) {
    return sweep(text, source, ScenarioLimits.defaults());
  }

  /**
   * Parses a scenario with explicit limits and runs every (point, replication) as a Spark task, then summarizes the
   * points on the driver. If a task fails on every attempt (e.g. a point's environment does not match the catalog),
   * Spark's job failure, an {@code org.apache.spark.SparkException} with the task's exception as its cause, propagates
   * undeclared.
   *
   * @param text the scenario document; never null
   * @param source its name, for messages and the format; never null
   * @param limits the limits the scenario and each point must respect; never null
   * @return one result per point, in sweep order, equal to {@link ScenarioEngine#sweep} of the same scenario; never
   *     null
   * @throws NullPointerException if an argument is null
   * @throws io.stratus.simulation.scenario.ScenarioFormatException if the document is malformed or breaks a limit
   */
  public List<ScenarioEngine.SweepResult> sweep(String text, String source, ScenarioLimits limits) {
    ScenarioText scenario = new ScenarioText(Objects.requireNonNull(text, "text"),
        Objects.requireNonNull(source, "source"), Objects.requireNonNull(limits, "limits").maxJobsPerRun(),
        limits.maxDuration());
    List<ScenarioSpec.SweepPoint> points = scenario.spec().sweepPoints();
    List<Task> tasks = new ArrayList<>();
    for (ScenarioSpec.SweepPoint p : points) {
      for (int r = 0; r < p.spec().replications(); r++) {
        tasks.add(new Task(p.index(), r));
      }
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ScenarioText> shared = sc.broadcast(scenario);
    CatalogFactory factory = catalog;
    List<Run> runs;
    try {
      runs = sc.parallelize(tasks, Math.max(1, tasks.size()))
          .flatMap(t -> run(shared.value(), factory, t).iterator())
          .collect();
    } finally {
      shared.destroy();
    }
    List<List<RunResult>> byPoint = new ArrayList<>();
    points.forEach(p -> byPoint.add(new ArrayList<>()));
    for (Run r : runs) {
      byPoint.get(r.point).add(r.toResult());
    }
    List<ScenarioEngine.SweepResult> out = new ArrayList<>();
    for (ScenarioSpec.SweepPoint p : points) {
      out.add(ScenarioEngine.summarize(p, byPoint.get(p.index())));
    }
    return List.copyOf(out);
  }

  /** The runs of one task: every scheduler of the point for one replication. */
  private static List<Run> run(ScenarioText scenario, CatalogFactory factory, Task task) {
    ScenarioSpec.SweepPoint point = scenario.spec().sweepPoints().get(task.point());
    ScenarioEngine engine = ScenarioEngine.create(
        Objects.requireNonNull(factory.create(), "the catalog factory returned null"));
    List<Run> out = new ArrayList<>();
    for (SchedulerKind k : point.spec().schedulers()) {
      out.add(new Run(task.point(), engine.runReplication(point, k, task.replication())));
    }
    return out;
  }

  @Override
  public String toString() {
    return "SparkSweep[" + spark.sparkContext().master() + "]";
  }

  /** One task: a point and a replication. */
  private record Task(int point, int replication) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The scenario as shipped to the executors: its text and limits, parsed lazily once per JVM. */
  private static final class ScenarioText implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String text;
    private final String source;
    private final long maxJobsPerRun;
    private final Duration maxDuration;
    private transient volatile @Nullable ScenarioSpec spec;

    ScenarioText(String text, String source, long maxJobsPerRun, Duration maxDuration) {
      this.text = text;
      this.source = source;
      this.maxJobsPerRun = maxJobsPerRun;
      this.maxDuration = maxDuration;
    }

    ScenarioSpec spec() {
      ScenarioSpec s = spec;
      if (s == null) {
        synchronized (this) {
          s = spec;
          if (s == null) {
            s = ScenarioSpec.parse(text, source,
                ScenarioLimits.defaults().withMaxJobsPerRun(maxJobsPerRun).withMaxDuration(maxDuration));
            spec = s;
          }
        }
      }
      return s;
    }
  }

  /** A run result in a serializable form, with its point. */
  private static final class Run implements Serializable {
    private static final long serialVersionUID = 1L;
    final int point;
    final String scenario;
    final SchedulerKind scheduler;
    final int[] counts;
    final long seed;
    final BigDecimal cost;
    final TreeMap<String, BigDecimal> costByProvider;

    Run(int point, RunResult r) {
      this.point = point;
      this.scenario = r.scenario();
      this.scheduler = r.scheduler();
      this.counts = new int[] {r.replication(), r.jobs(), r.finished(), r.failed(), r.running(), r.sloViolations(),
          r.interruptions(), r.instanceFailures(), r.migrations(), r.rejectedLaunches()};
      this.seed = r.seed();
      this.cost = r.cost();
      this.costByProvider = new TreeMap<>(r.costByProvider());
    }

    RunResult toResult() {
      int[] c = counts;
      Map<String, BigDecimal> byProvider = costByProvider;
      return new RunResult(scenario, scheduler, c[0], seed, c[1], c[2], c[3], c[4], c[5], c[6],
          c[7], c[8], c[9], cost, byProvider);
    }
  }
}
