package io.stratus.cli;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetManager;
import io.stratus.finops.collect.CollectionReport;
import io.stratus.finops.collect.CostCollector;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.focus.Rejection;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.spi.WatermarkStore;
import io.stratus.model.Money;
import io.stratus.monitoring.collect.MetricsCollector;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.reporting.Report;
import io.stratus.reporting.ReportFormat;
import io.stratus.reporting.ReportInputs;
import io.stratus.reporting.ReportPdf;
import io.stratus.reporting.Reports;
import io.stratus.reporting.SloStatus;
import io.stratus.reporting.query.AnalyticsEngine;
import io.stratus.simulation.environment.SimulatedBillingSource;
import io.stratus.simulation.environment.SimulatedMetricsSource;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.simulation.scenario.FleetSimulation;
import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stratus report}: the executive summary or the technical report of a billing export or of a simulated
 * scenario, as HTML, Markdown, JSON, CSV or PDF.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Render the executive summary or the technical report of a billing export (FOCUS, AWS CUR, Azure,"
        + " GCP, OCI; format detected) or of a simulated scenario (--scenario, with CPU metrics and the jobs' SLO).",
        "Cost anomalies are detected on the cost data (finops); --budget adds a monthly budget for all cost.",
        "The period defaults to the whole UTC days the data covers. Exit 3 when the input is unreadable, invalid or"
            + " has rejected rows (unless --allow-rejections)."})
final class ReportCommand implements Callable<Integer> {
  enum Kind { executive, technical }

  enum Format { html, md, json, csv, pdf }

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "BILLING_FILE", description = "The billing export.")
  Path billing;

  @Option(names = "--scenario", paramLabel = "SCENARIO",
      description = "Simulate this scenario file (YAML or JSON) with its first scheduler instead of reading billing.")
  Path scenario;

  @Option(names = "--kind", defaultValue = "executive",
      description = "executive or technical (default: ${DEFAULT-VALUE}).")
  Kind kind;

  @Option(names = "--format", defaultValue = "html",
      description = "html, md, json, csv or pdf (default: ${DEFAULT-VALUE}); pdf needs --out.")
  Format format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report here (default: standard"
      + " output).")
  Path out;

  @Option(names = "--from", paramLabel = "DATE", description = "First day of the period (UTC, e.g. 2026-03-01).")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Day after the period (UTC, exclusive).")
  LocalDate to;

  @Option(names = "--currency", defaultValue = "USD", description = "Currency of the report (default: "
      + "${DEFAULT-VALUE}); cost in other currencies is left out and counted.")
  String currency;

  @Option(names = "--budget", paramLabel = "AMOUNT", description = "A monthly budget for all cost, in the report "
      + "currency: the report shows spend against it and its forecast.")
  BigDecimal budget;

  @Option(names = "--allow-rejections", description = "Report even when rows of the billing file were rejected.")
  boolean allowRejections;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if ((billing == null) == (scenario == null)) {
      return usage(err, "give either a BILLING_FILE or --scenario SCENARIO");
    }
    if (format == Format.pdf && out == null) {
      return usage(err, "--format pdf needs --out FILE");
    }
    if (budget != null && budget.signum() <= 0) {
      return usage(err, "--budget must be positive, got " + budget);
    }
    Data data = billing != null ? readBilling(err) : simulate();
    if (data == null) {
      return Stratus.BAD_INPUT;
    }
    Instant start = from != null ? from.atStartOfDay().toInstant(ZoneOffset.UTC) : data.first;
    Instant end = to != null ? to.atStartOfDay().toInstant(ZoneOffset.UTC) : data.last;
    if (start == null || end == null) {
      err.println("stratus: " + data.source + " has no cost records to report on");
      return Stratus.BAD_INPUT;
    }
    if (!end.isAfter(start)) {
      return usage(err, "the period must end after it starts: --from " + start + ", --to " + end);
    }
    ReportInputs.Builder in = ReportInputs.builder(start, end).currency(currency).slos(data.slos);
    if (budget != null) {
      BudgetManager budgets = BudgetManager.builder(data.costs, InstantSource.fixed(end.minusSeconds(1))).build();
      budgets.put(Budget.builder("total", CostScope.total()).name("Monthly budget (all cost)")
          .amount(Money.of(budget.toPlainString(), currency)).build());
      in.budgetStatuses(budgets.statuses());
    }
    List<CostAnomaly> anomalies = CostAnomalyMonitor.builder("total", CostScope.total())
        .currency(java.util.Currency.getInstance(currency))
        .drillDown(List.of(Dimension.PROVIDER, Dimension.SERVICE)).historyStart(data.first).build()
        .evaluate(data.costs, end);
    in.costAnomalies(anomalies.stream().filter(a -> !a.start().isBefore(start)).toList());
    // the report is as of the end of its period (stamped so, and a complete period is not projected)
    InstantSource asOf = InstantSource.fixed(end);
    Reports reports = Reports.create(AnalyticsEngine.create(data.costs, data.metrics, asOf), asOf);
    ReportInputs inputs = in.build();
    Report report = kind == Kind.executive ? reports.executiveSummary(inputs) : reports.technicalReport(inputs);
    if (format == Format.pdf) {
      try (OutputStream o = Files.newOutputStream(out)) {
        ReportPdf.write(report, o);
      }
    } else {
      ReportFormat f = switch (format) {
        case md -> ReportFormat.MARKDOWN;
        case json -> ReportFormat.JSON;
        case csv -> ReportFormat.CSV;
        default -> ReportFormat.HTML;
      };
      String text = f.render(report);
      if (out == null) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return Stratus.OK;
      }
      Files.writeString(out, text, StandardCharsets.UTF_8);
    }
    spec.commandLine().getOut().printf("%s of %s, %s to %s (%s) written to %s%n", report.title(), data.source,
        start, end, format, out.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return Stratus.OK;
  }

  private static int usage(PrintWriter err, String message) {
    err.println("stratus report: " + message);
    err.println("Try 'stratus report --help' for more information.");
    err.flush();
    return Stratus.USAGE;
  }

  /** What the report is built from. */
  private record Data(String source, CostStore costs, InMemoryMetricStore metrics, Instant first, Instant last,
      List<SloStatus> slos) {}

  private Data readBilling(PrintWriter err) {
    CostStore costs = CostStore.inMemory();
    Instant[] span = new Instant[2];
    ReadReport read;
    try (CostStore.Appender app = costs.appender(billing.getFileName().toString())) {
      read = BillingReaders.detect().read(billing, (CostRecord r) -> {
        app.accept(r);
        Instant s = r.chargePeriodStart();
        span[0] = span[0] == null || s.isBefore(span[0]) ? s : span[0];
        span[1] = span[1] == null || s.isAfter(span[1]) ? s : span[1];
      });
    }
    if (read.rejectionCount() > 0 && !allowRejections) {
      Rejection r = read.rejections().get(0);
      err.printf("stratus: %s: %d row(s) rejected, first row %d, column %s: %s; see 'stratus ingest %s' or pass "
          + "--allow-rejections%n", billing, read.rejectionCount(), r.row(), r.column(), r.reason(), billing);
      err.flush();
      return null;
    }
    return new Data(billing.toString(), costs, InMemoryMetricStore.create(),
        span[0] == null ? null : span[0].truncatedTo(ChronoUnit.DAYS),
        span[1] == null ? null : span[1].truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)), List.of());
  }

  private Data simulate() throws IOException {
    ScenarioSpec spec = ScenarioSpec.parse(Files.readString(scenario, StandardCharsets.UTF_8), scenario.toString());
    PricingProvider catalog = ProviderRegistry.load(PricingProvider.class).require("catalog");
    FleetSimulation.Outcome run = FleetSimulation.run(spec, spec.schedulers().get(0), catalog);
    List<UsageRecord> usage = run.usage();
    Instant start = spec.start();
    Instant end = start.plus(spec.duration());
    CostStore costs = CostStore.inMemory();
    CollectionReport pulled = CostCollector.create(List.of(SimulatedBillingSource.of("simulated", () -> usage)),
        costs, WatermarkStore.inMemory(), InstantSource.fixed(end)).collect();
    if (!pulled.isComplete()) {
      throw new IllegalStateException("collecting the simulated billing failed: " + pulled.failures());
    }
    // CPU and memory samples every 5 minutes of virtual time, collected in 6-hour steps
    InMemoryMetricStore metrics = InMemoryMetricStore.create();
    AtomicReference<Instant> now = new AtomicReference<>(start);
    MetricsCollector collector = MetricsCollector.builder()
        .source(SimulatedMetricsSource.of("simulated", () -> usage, Duration.ofMinutes(5),
            SimulatedMetricsSource.UtilizationModel.diurnal(0.3)))
        .clock(now::get).initialLookback(Duration.ofHours(6)).build();
    while (now.get().isBefore(end)) {
      Instant next = now.get().plus(Duration.ofHours(6));
      now.set(next.isAfter(end) ? end : next);
      collector.poll();
      while (collector.drainTo(metrics::accept, 50_000) > 0) {
        // drain everything polled
      }
    }
    RunResult r = run.result();
    List<SloStatus> slos = new ArrayList<>();
    if (r.jobs() > 0) {
      slos.add(new SloStatus("jobs meet their deadline", 0.99, (r.jobs() - r.sloViolations()) / (double) r.jobs()));
    }
    Instant dayStart = start.truncatedTo(ChronoUnit.DAYS);
    Instant dayEnd = end.truncatedTo(ChronoUnit.DAYS).equals(end) ? end
        : end.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    return new Data(scenario + " (simulated, " + spec.schedulers().get(0) + " scheduler)", costs, metrics, dayStart,
        dayEnd, slos);
  }
}
