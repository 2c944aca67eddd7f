package io.stratus.samples;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetManager;
import io.stratus.finops.optimize.CostOptimizer;
import io.stratus.finops.optimize.ManagedResource;
import io.stratus.finops.optimize.OptimizerOptions;
import io.stratus.finops.optimize.RecommendationReport;
import io.stratus.finops.optimize.Utilization;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.model.Money;
import io.stratus.model.Workload;
import io.stratus.monitoring.spi.LabelMatcher;
import io.stratus.monitoring.spi.SeriesData;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import io.stratus.finops.collect.CollectionReport;
import io.stratus.finops.collect.CostCollector;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.spi.WatermarkStore;
import io.stratus.monitoring.alerting.Alert;
import io.stratus.monitoring.alerting.AlertEngine;
import io.stratus.monitoring.alerting.AlertRule;
import io.stratus.monitoring.alerting.Condition;
import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.collect.MetricsCollector;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.reporting.Recommendation;
import io.stratus.reporting.Report;
import io.stratus.reporting.ReportFormat;
import io.stratus.reporting.ReportInputs;
import io.stratus.reporting.Reports;
import io.stratus.reporting.SloStatus;
import io.stratus.reporting.TimelineEvent;
import io.stratus.reporting.query.AnalyticsEngine;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.environment.SimulatedBillingSource;
import io.stratus.simulation.environment.SimulatedMetricsSource;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.simulation.scenario.FleetSimulation;
import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.simulation.scenario.SchedulerKind;
import io.stratus.spi.Notification.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Renders the executive summary and the technical report (HTML and Markdown) of a simulated month into a folder:
 * the fleet of the end-to-end demo is simulated with the cost-aware scheduler and with the first-fit baseline, its
 * FOCUS billing collected into a {@link CostStore}, its CPU metrics into an {@link InMemoryMetricStore} with a
 * HighCpu alert rule watching, and the reports are built from an {@link AnalyticsEngine} over both stores. The
 * host-supplied lines are what the simulation really produced: the scheduler's savings against first-fit (as a
 * realized saving), the alerts that fired, and the deadline SLO; and what finops' intelligence engines make of the
 * month's billing ({@link #finops}): each team's monthly budget (its spend rate under the first-fit baseline) with
 * spend and forecast from {@link BudgetManager}, {@link CostOptimizer} recommendations for the machines still running
 * at the end (their p95 CPU and memory from the metric store), and {@link CostAnomalyMonitor} cost anomalies.
 *
 * <p>Run with {@code ./mvnw -q -pl samples exec:java -Dexec.mainClass=io.stratus.samples.ReportSample
 * -Dexec.args="target/reports 30"}.
 */
public final class ReportSample {
  private ReportSample() {}

  /**
   * Runs the sample: simulates {@code days} days and writes {@code executive.html}, {@code executive.md},
   * {@code technical.html} and {@code technical.md} into {@code dir}.
   *
   * @param args optional: the output folder (default {@code target/reports}) and the number of days (default 30)
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/reports");
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    for (Path p : write(dir, days)) {
      System.out.println("wrote " + p.toAbsolutePath());
    }
  }

  /**
   * Simulates {@code days} days from the end-to-end demo's start and writes both reports, HTML and Markdown.
   *
   * @param dir the folder, created if needed
   * @param days simulated days, 1 to 90
   * @return the files written
   */
  public static List<Path> write(Path dir, int days) {
    if (days < 1 || days > 90) {
      throw new IllegalArgumentException("days must be in [1, 90], was " + days);
    }
    Fleet fleet = Fleet.simulate(days);
    fleet.advanceTo(fleet.end);
    return write(dir, fleet.costs, fleet.metrics, fleet.alerts.alerts(), fleet.enhanced, fleet.baseline,
        EndToEndDemo.START, fleet.end, days).files();
  }

  /** What {@link #write(Path, CostStore, InMemoryMetricStore, List, FleetSimulation.Outcome, FleetSimulation.Outcome,
   * Instant, Instant, int)} wrote and the finops lines the reports show. */
  record Written(List<Path> files, FinOps finops) {}

  /**
   * Writes both reports, HTML and Markdown, from data a run has already collected (the end-to-end demo's).
   *
   * @return the files written and the finops lines in them
   */
  static Written write(Path dir, CostStore costs, InMemoryMetricStore metrics, List<Alert> alerts,
      FleetSimulation.Outcome enhanced, FleetSimulation.Outcome baseline, Instant start, Instant end, int days) {
    FinOps finops = finops(costs, metrics, enhanced, baseline, start, end, days);
    ReportInputs inputs = ReportInputs.builder(start, end).events(events(alerts))
        .recommendations(scheduling(enhanced.result(), baseline.result(), days)).slos(slos(enhanced.result()))
        .budgetStatuses(finops.budgets()).optimizerRecommendations(finops.recommendations().bestPerResource(), false)
        .costAnomalies(finops.anomalies()).build();
    Reports reports = Reports.create(AnalyticsEngine.create(costs, metrics, InstantSource.fixed(end)),
        InstantSource.fixed(end));
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (Report r : List.of(reports.executiveSummary(inputs), reports.technicalReport(inputs))) {
        String base = r.title().startsWith("Executive") ? "executive" : "technical";
        for (ReportFormat f : List.of(ReportFormat.HTML, ReportFormat.MARKDOWN)) {
          Path p = dir.resolve(base + "." + f.extension());
          Files.writeString(p, f.render(r), StandardCharsets.UTF_8);
          written.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the reports into " + dir + " failed", e);
    }
    return new Written(written, finops);
  }

  /**
   * What finops' intelligence engines make of the run's billing.
   *
   * @param budgets each team's budget status at the end of the run
   * @param recommendations the optimizer's recommendations for the machines still running at the end
   * @param anomalies the cost anomalies found in the run's daily cost
   */
  record FinOps(List<io.stratus.finops.budget.BudgetStatus> budgets, RecommendationReport recommendations,
      List<CostAnomaly> anomalies) {}

  /**
   * Budgets, recommendations and anomalies of the run: a monthly budget per team equal to its spend rate under the
   * first-fit baseline (the placement the team ran on before), evaluated at the end of the run; the optimizer over
   * the machines still running at the end, each with its p95 CPU and memory over the run; the anomaly monitor on the
   * daily total with root causes by team and service.
   */
  static FinOps finops(CostStore costs, InMemoryMetricStore metrics, FleetSimulation.Outcome enhanced,
      FleetSimulation.Outcome baseline, Instant start, Instant end, int days) {
    InstantSource at = InstantSource.fixed(end.minusSeconds(1));
    BudgetManager budgets = BudgetManager.builder(costs, at).build();
    Map<String, BigDecimal> baselineByTeam = new TreeMap<>();
    for (UsageRecord u : baseline.usage()) {
      baselineByTeam.merge(u.labels().getOrDefault("team", "(none)"), u.cost(), BigDecimal::add);
    }
    BigDecimal monthDays = BigDecimal.valueOf(java.time.YearMonth.from(start.atZone(ZoneOffset.UTC)).lengthOfMonth());
    baselineByTeam.forEach((team, cost) -> {
      if (cost.signum() > 0) {
        budgets.put(Budget.builder("team-" + team, CostScope.of(Dimension.tag("team"), team))
            .name(team + " monthly").amount(Money.of(cost.multiply(monthDays)
                .divide(BigDecimal.valueOf(days), 0, RoundingMode.CEILING).toPlainString(), "USD")).build());
      }
    });
    List<ManagedResource> running = new ArrayList<>();
    for (UsageRecord u : enhanced.usage()) {
      if (u.running()) {
        Workload w = EndToEndDemo.teamRequirements(Workload.builder(u.vmId()).labels(u.labels()).build());
        running.add(new ManagedResource(u.vmId(), u.instanceTypeId(), u.regionId(), u.purchaseOption(), w,
            new Utilization(p95(metrics, MetricVocabulary.CPU_UTILIZATION, u, end),
                p95(metrics, MetricVocabulary.MEMORY_UTILIZATION, u, end),
                (int) Duration.between(u.start(), end).toDays(), 1)));
      }
    }
    RecommendationReport recs = CostOptimizer.create(costs, new BundledCatalog(), at, OptimizerOptions.defaults())
        .recommend(running);
    List<CostAnomaly> anomalies = CostAnomalyMonitor.builder("total", io.stratus.finops.query.CostScope.total())
        .drillDown(List.of(Dimension.tag("team"), Dimension.SERVICE)).historyStart(start).build()
        .evaluate(costs, end);
    return new FinOps(budgets.statuses(), recs, anomalies);
  }

  /** The 95th percentile of a machine's samples of a utilization metric (percent), as a fraction. */
  private static double p95(InMemoryMetricStore metrics, String metric, UsageRecord u, Instant end) {
    List<Double> values = new ArrayList<>();
    for (SeriesData d : metrics.query(SeriesSelector.of(metric, LabelMatcher.eq("resource", u.vmId())),
        u.start().toEpochMilli(), end.toEpochMilli())) {
      for (int i = 0; i < d.size(); i++) {
        values.add(d.value(i));
      }
    }
    if (values.isEmpty()) {
      return 0;
    }
    values.sort(null);
    double p = values.get(Math.min(values.size() - 1, (int) Math.ceil(0.95 * values.size()) - 1)) / 100;
    return Math.max(0, Math.min(1, p));
  }

  private static List<TimelineEvent> events(List<Alert> fired) {
    List<TimelineEvent> events = new ArrayList<>();
    for (Alert a : fired) {
      a.firedAt().ifPresent(at -> events.add(new TimelineEvent(at, TimelineEvent.Kind.ALERT, "warning",
          a.labels().getOrDefault("team", "(no team)"), a.name() + " on " + a.labels().getOrDefault("resource", "?")
              + String.format(java.util.Locale.ROOT, " (%.0f%% CPU)", a.value()), BigDecimal.ZERO)));
    }
    return events;
  }

  private static List<Recommendation> scheduling(RunResult enhanced, RunResult baseline, int days) {
    BigDecimal saved = baseline.cost().subtract(enhanced.cost());
    return saved.signum() <= 0 ? List.of() : List.of(new Recommendation("scheduling", "fleet",
        "cost-aware placement instead of first-fit (simulated on the same workload and seed)",
        saved.multiply(BigDecimal.valueOf(30)).divide(BigDecimal.valueOf(days), MathContext.DECIMAL64), true));
  }

  private static List<SloStatus> slos(RunResult enhanced) {
    double attained = enhanced.jobs() == 0 ? 1 : (enhanced.jobs() - enhanced.sloViolations())
        / (double) enhanced.jobs();
    return List.of(new SloStatus("jobs meet their deadline", 0.99, attained));
  }

  /**
   * The simulated fleet behind both samples: billing already in the cost store, metrics collected up to a virtual
   * time that the caller advances. Not thread-safe; {@link #advanceTo} and queries must not overlap.
   */
  static final class Fleet {
    final Instant end;
    final FleetSimulation.Outcome enhanced;
    final FleetSimulation.Outcome baseline;
    final CostStore costs = CostStore.inMemory();
    final InMemoryMetricStore metrics = InMemoryMetricStore.create();
    final AtomicReference<Instant> now = new AtomicReference<>(EndToEndDemo.START);
    final AlertEngine alerts;
    private final MetricsCollector collector;

    private Fleet(int days) {
      end = EndToEndDemo.START.plus(Duration.ofDays(days));
      ScenarioSpec spec = ScenarioSpec.parse(EndToEndDemo.scenario(days), "report-sample");
      BundledCatalog catalog = new BundledCatalog();
      enhanced = FleetSimulation.run(spec, SchedulerKind.ENHANCED, catalog, EndToEndDemo::teamRequirements);
      baseline = FleetSimulation.run(spec, SchedulerKind.FIRST_FIT, catalog, EndToEndDemo::teamRequirements);
      List<UsageRecord> usage = enhanced.usage();
      CollectionReport pulled = CostCollector.create(List.of(SimulatedBillingSource.of("simulated", () -> usage)),
          costs, WatermarkStore.inMemory(), InstantSource.fixed(end)).collect();
      if (!pulled.isComplete()) {
        throw new IllegalStateException("billing collection failed: " + pulled.failures());
      }
      InstantSource clock = now::get;
      collector = MetricsCollector.builder()
          .source(SimulatedMetricsSource.of("simulated", () -> usage, Duration.ofMinutes(5),
              SimulatedMetricsSource.UtilizationModel.diurnal(0.3)))
          .clock(clock).initialLookback(Duration.ofHours(6)).build();
      alerts = AlertEngine.builder().clock(clock)
          .rule(AlertRule.builder("HighCpu", SeriesSelector.of(MetricVocabulary.CPU_UTILIZATION))
              .condition(new Condition.Threshold(Condition.Direction.ABOVE, 90, 80))
              .forDuration(Duration.ofMinutes(30)).severity(Severity.WARNING).build())
          .build();
    }

    static Fleet simulate(int days) {
      return new Fleet(days);
    }

    /** Collects metrics in six-hour steps of virtual time up to {@code until} (at most the end). */
    void advanceTo(Instant until) {
      Instant target = until.isAfter(end) ? end : until;
      while (now.get().isBefore(target)) {
        Instant next = now.get().plus(Duration.ofHours(6));
        now.set(next.isAfter(target) ? target : next);
        collector.poll();
        while (collector.drainTo(sample -> {
          metrics.accept(sample);
          alerts.accept(sample);
        }, 50_000) > 0) {
          // drain everything polled
        }
        alerts.tick();
      }
    }
  }
}
