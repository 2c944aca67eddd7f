package io.stratus.benchmarks.reporting;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.CostStore;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.reporting.Report;
import io.stratus.reporting.ReportFormat;
import io.stratus.reporting.ReportInputs;
import io.stratus.reporting.Reports;
import io.stratus.reporting.query.AnalyticsEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to build and render a month-sized report: 200 machines on 3 clouds, 8 regions, 12 services and 6 teams; one
 * cost record per machine and hour for March plus February for the comparison (297,600 records) and hourly CPU
 * samples for March (148,800 points). {@code technicalHtml} queries the stores and renders the technical report to
 * HTML (every chart and drill-down table); {@code executiveHtml} does the same for the executive summary;
 * {@code renderOnly} renders an already built technical report to HTML, Markdown, JSON and CSV. {@code path}
 * {@code one-pass} reports on March (whole UTC days: one scan of the cost store into a daily aggregate, {@link
 * AnalyticsEngine#materialize}); {@code per-query} reports on March shifted by one second, the same records, which
 * keeps the scan per chart, table and comparison that every report did before (the same-load control).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ReportRenderBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReportRenderBenchmark {
  static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
  static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant APR = Instant.parse("2026-04-01T00:00:00Z");

  @Param({"one-pass", "per-query"})
  public String path;

  private Reports reports;
  private ReportInputs inputs;
  private Report built;

  @Setup
  public void setUp() {
    String[] providers = {"AWS", "Google Cloud", "Microsoft"};
    String[] teams = {"payments", "search", "data", "ml", "web", "platform"};
    Random rnd = new Random(1);
    CostStore costs = CostStore.inMemory();
    InMemoryMetricStore metrics = InMemoryMetricStore.create();
    Currency usd = Currency.getInstance("USD");
    try (CostStore.Appender app = costs.appender("bench")) {
      for (int m = 0; m < 200; m++) {
        String provider = providers[m % 3];
        String region = "region-" + (m % 8);
        String team = teams[m % 6];
        double hourly = 0.05 + rnd.nextDouble() * 2;
        for (Instant t = FEB; t.isBefore(APR); t = t.plus(Duration.ofHours(1))) {
          app.accept(CostRecord.builder()
              .allCosts(BigDecimal.valueOf(hourly * (0.8 + 0.4 * rnd.nextDouble())).setScale(6, RoundingMode.HALF_EVEN))
              .billingCurrency(usd).chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
              .chargePeriod(t, t.plus(Duration.ofHours(1)))
              .billingPeriod(BillingPeriod.of(YearMonth.from(t.atZone(java.time.ZoneOffset.UTC))))
              .providerName(provider).billingAccountId(provider + "-acct-" + (m % 4)).regionId(region)
              .serviceName("service-" + (m % 12)).serviceCategory("Compute").resourceId("vm-" + m)
              .resourceName("vm-" + m).tags(Map.of("team", team)).build());
        }
        SeriesId cpu = SeriesId.of("cpu.utilization", "provider", provider, "region", region, "resource", "vm-" + m,
            "team", team);
        for (Instant t = MAR; t.isBefore(APR); t = t.plus(Duration.ofHours(1))) {
          metrics.append(cpu, t.toEpochMilli(), Math.round(rnd.nextDouble() * 10000) / 100.0);
        }
      }
    }
    InstantSource clock = InstantSource.fixed(APR);
    reports = Reports.create(AnalyticsEngine.create(costs, metrics, clock), clock);
    Duration shift = path.equals("one-pass") ? Duration.ZERO : Duration.ofSeconds(1);
    inputs = ReportInputs.builder(MAR.plus(shift), APR.plus(shift)).build();
    built = reports.technicalReport(inputs);
  }

  @Benchmark
  public String technicalHtml() {
    return ReportFormat.HTML.render(reports.technicalReport(inputs));
  }

  @Benchmark
  public String executiveHtml() {
    return ReportFormat.HTML.render(reports.executiveSummary(inputs));
  }

  @Benchmark
  public int renderOnly() {
    int n = 0;
    for (ReportFormat f : ReportFormat.values()) {
      n += f.render(built).length();
    }
    return n;
  }
}
