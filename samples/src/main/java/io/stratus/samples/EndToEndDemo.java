package io.stratus.samples;

import io.stratus.finops.collect.CollectionReport;
import io.stratus.finops.collect.CostCollector;
import io.stratus.finops.spi.WatermarkStore;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.query.Dimension;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.Jurisdiction;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.monitoring.alerting.Alert;
import io.stratus.monitoring.alerting.AlertEngine;
import io.stratus.monitoring.alerting.AlertRule;
import io.stratus.monitoring.alerting.Condition;
import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.collect.MetricsCollector;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.simulation.environment.SimulatedBillingSource;
import io.stratus.simulation.environment.SimulatedMetricsSource;
import io.stratus.simulation.environment.UsageRecord;
import io.stratus.simulation.scenario.FleetSimulation;
import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.simulation.scenario.SchedulerKind;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.PlanSimulator;
import io.stratus.spi.ProviderRegistry;
import io.stratus.spi.WhatIfReport;
import io.stratus.spi.WhatIfRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The end-to-end demo: a simulated month of a multi-cloud fleet (web, batch and ML jobs of four teams, a few hundred
 * machines) placed by the enhanced scheduler on simulated AWS, GCP and Azure (eight regions; each team's data
 * residency, provider and certification rules, see {@link #teamRequirements}, make each cloud the cheapest compliant
 * choice for some of the work); its FOCUS billing pulled by finops'
 * {@link CostCollector} into a {@link CostStore}; its CPU and memory utilization collected by monitoring into an
 * {@link InMemoryMetricStore} with an {@link AlertEngine} watching (a runaway-process incident on the search team's
 * machines is injected 3/8 into the run, day 12 of 30); then a summary: cost by cloud and team, savings against a first-fit baseline on
 * the same workload and seed, alerts raised, SLO attainment, and each team's rule with where it moved the team's
 * placements and what compliance costs (see {@code TeamRulesReport}); next, a what-if check of next week's batch plan in
 * simulation before acting on it (see {@code whatIf}); then the month's executive and technical reports (HTML and
 * Markdown, see {@link ReportSample}, with the month's team budgets, optimizer recommendations and cost anomalies
 * from finops) are written into {@code target/stratus-reports} (system property {@code stratus.reports}); last, the FinOps intelligence engines on seeded accounts with months of history: team
 * budgets with a placement held for approval and a cost anomaly with its root cause ({@link BudgetControlSample}), and
 * recommendations ranked by ROI with the quarter-end cost forecast ({@link FinOpsAdvisorSample}).
 *
 * <p>Run with {@code ./mvnw -q -pl samples exec:java -Dexec.mainClass=io.stratus.samples.EndToEndDemo} (optional
 * argument: the number of simulated days, default 30).
 */
public final class EndToEndDemo {
  static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  static final long SEED = 42;
  static final String INCIDENT_TEAM = "search";
  static final Duration INCIDENT_LENGTH = Duration.ofHours(6);
  /** The simulated regions (the scenario's environment). */
  static final List<String> REGIONS = List.of("aws:us-east-1", "aws:eu-central-1", "aws:ap-southeast-1",
      "gcp:us-central1", "gcp:europe-west1", "azure:eastus", "azure:westeurope", "azure:southeastasia");

  private EndToEndDemo() {}

  /**
   * Runs the demo and prints its progress and summary to standard output.
   *
   * @param args optional: the number of simulated days (1..90), default 30
   */
  public static void main(String[] args) {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    run(days, Path.of(System.getProperty("stratus.reports", "target/stratus-reports")), System.out);
  }

  /** What the demo found; the printed summary is made from it. */
  record Summary(
      RunResult enhanced,
      RunResult baseline,
      int machines,
      BigDecimal billed,
      BigDecimal simulated,
      Map<String, BigDecimal> byCloud,
      Map<String, BigDecimal> byTeam,
      long samples,
      int alertsFired,
      Map<String, Integer> alertsByTeam) {}

  static Summary run(int days, Path reportDir, PrintStream out) {
    if (days < 1 || days > 90) {
      throw new IllegalArgumentException("days must be in [1, 90], was " + days);
    }
    long t0 = System.nanoTime();
    Duration horizon = Duration.ofDays(days);
    ScenarioSpec spec = ScenarioSpec.parse(scenario(days), "end-to-end-demo");
    Duration incidentOffset = Duration.ofDays(days * 11L / 30).plusHours(9);
    BundledCatalog catalog = new BundledCatalog();
    out.printf("[%5.1fs] Scenario: %d simulated days from %s, seed %d, AWS + GCP + Azure, teams payments/search/"
        + "data/ml%n", secs(t0), days, START, SEED);

    out.printf("[%5.1fs] Simulating the fleet with the enhanced scheduler...%n", secs(t0));
    FleetSimulation.Outcome enhanced =
        FleetSimulation.run(spec, SchedulerKind.ENHANCED, catalog, EndToEndDemo::teamRequirements);
    RunResult e = enhanced.result();
    out.printf("[%5.1fs]   %d jobs, %d machines launched, %d finished, %d still running, %d failed, %d spot "
        + "interruptions, %d migrations%n", secs(t0), e.jobs(), enhanced.usage().size(), e.finished(), e.running(),
        e.failed(), e.interruptions(), e.migrations());
    out.printf("[%5.1fs] Simulating the same workload and seed with the first-fit baseline...%n", secs(t0));
    FleetSimulation.Outcome baseline =
        FleetSimulation.run(spec, SchedulerKind.FIRST_FIT, catalog, EndToEndDemo::teamRequirements);
    RunResult b = baseline.result();
    out.printf("[%5.1fs]   %d jobs, %d finished, %d still running, %d failed%n", secs(t0), b.jobs(), b.finished(),
        b.running(), b.failed());

    // FinOps: the simulator's FOCUS billing through the collector into the cost store.
    List<UsageRecord> usage = enhanced.usage();
    Instant end = START.plus(horizon);
    out.printf("[%5.1fs] Ingesting FOCUS billing into finops...%n", secs(t0));
    SimulatedBillingSource billing = SimulatedBillingSource.of("simulated", () -> usage);
    CostStore costs = CostStore.inMemory();
    CollectionReport pulled =
        CostCollector.create(List.of(billing), costs, WatermarkStore.inMemory(), InstantSource.fixed(end)).collect();
    if (!pulled.isComplete()) {
      throw new IllegalStateException("billing collection failed: " + pulled.failures());
    }
    Currency usd = Currency.getInstance("USD");
    BigDecimal billed = costs.query(CostQuery.builder().build()).total(usd);
    BigDecimal simulated = usage.stream().map(UsageRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    out.printf("[%5.1fs]   %d cost records stored (%d billing periods)%n", secs(t0), costs.size(),
        pulled.pulls().size());
    Map<String, BigDecimal> byCloud = grouped(costs, Dimension.PROVIDER);
    Map<String, BigDecimal> byTeam = grouped(costs, Dimension.tag("team"));

    // Monitoring: utilization samples through the collector into the store and the alert engine.
    out.printf("[%5.1fs] Collecting utilization metrics with alerting on (HighCpu: cpu > 90%% for 30m)...%n",
        secs(t0));
    AtomicReference<Instant> now = new AtomicReference<>(START.plus(Duration.ofHours(6)));
    InstantSource clock = now::get;
    SimulatedMetricsSource metrics =
        SimulatedMetricsSource.of("simulated", () -> usage, Duration.ofMinutes(5), new IncidentModel(START.plus(incidentOffset)));
    MetricsCollector collector = MetricsCollector.builder().source(metrics).clock(clock)
        .initialLookback(Duration.ofHours(6)).build();
    InMemoryMetricStore store = InMemoryMetricStore.create();
    AlertEngine alerts = AlertEngine.builder().clock(clock)
        .rule(AlertRule.builder("HighCpu", SeriesSelector.of(MetricVocabulary.CPU_UTILIZATION))
            .condition(new Condition.Threshold(Condition.Direction.ABOVE, 90, 80))
            .forDuration(Duration.ofMinutes(30)).severity(Severity.WARNING).build())
        .build();
    long samples = 0;
    int step = 0;
    while (true) {
      collector.poll();
      int moved;
      while ((moved = collector.drainTo(sample -> {
        store.accept(sample);
        alerts.accept(sample);
      }, 50_000)) > 0) {
        samples += moved;
      }
      alerts.tick();
      if (++step % 20 == 0) {
        out.printf("[%5.1fs]   day %d of %d, %d samples%n", secs(t0),
            Duration.between(START, now.get()).toDays(), days, samples);
      }
      if (!now.get().isBefore(end)) {
        break;
      }
      Instant next = now.get().plus(Duration.ofHours(6));
      now.set(next.isAfter(end) ? end : next);
    }
    Map<String, Integer> alertsByTeam = new TreeMap<>();
    int fired = 0;
    for (Alert a : alerts.alerts()) {
      if (a.firedAt().isPresent()) {
        fired++;
        alertsByTeam.merge(a.labels().getOrDefault("team", "(none)"), 1, Integer::sum);
      }
    }
    out.printf("[%5.1fs]   %d samples stored in %d series%n", secs(t0), samples,
        store.series(SeriesSelector.of(MetricVocabulary.CPU_UTILIZATION)).size()
            + store.series(SeriesSelector.of(MetricVocabulary.MEMORY_UTILIZATION)).size());

    Summary s = new Summary(e, b, usage.size(), billed, simulated, byCloud, byTeam, samples, fired, alertsByTeam);
    print(s, days, incidentOffset, out);
    TeamRulesReport.print(
        TeamRulesReport.compute(catalog, REGIONS, usage, EndToEndDemo::teamRequirements, START), out);
    whatIf(catalog, end, out, t0);
    out.printf("[%5.1fs] Writing the executive and technical reports (HTML and Markdown)...%n", secs(t0));
    ReportSample.Written reports =
        ReportSample.write(reportDir, costs, store, alerts.alerts(), enhanced, baseline, START, end, days);
    for (Path p : reports.files()) {
      out.printf("  wrote %s%n", p.toAbsolutePath());
    }
    ReportSample.FinOps f = reports.finops();
    out.printf("  with finops: %d team budgets (%d over, %d forecast over), %d recommendations ($%s/month "
        + "available), %d cost anomalies%n", f.budgets().size(),
        f.budgets().stream().filter(st -> st.actual().amount().compareTo(st.amount().amount()) > 0).count(),
        f.budgets().stream().filter(st -> st.forecast().amount().compareTo(st.amount().amount()) > 0).count(),
        f.recommendations().bestPerResource().size(), money(f.recommendations().bestPerResource().stream()
            .map(r -> r.monthlySavings().amount()).reduce(BigDecimal.ZERO, BigDecimal::add)),
        f.anomalies().size());
    out.println();
    out.println("=== FinOps intelligence: budgets, spend controls and cost anomalies (BudgetControlSample's five"
        + " months of two teams' daily AWS cost; the simulated month above is too short for a 4-week baseline) ===");
    BudgetControlSample.run(out);
    out.println();
    out.println("=== FinOps intelligence: recommendations with ROI and the quarter-end forecast (FinOpsAdvisorSample's"
        + " seeded account: five catalog instances, 120 days of daily cost) ===");
    FinOpsAdvisorSample.run(out);
    out.println();
    Path securityDir;
    try {
      securityDir = Files.createTempDirectory(Files.createDirectories(reportDir), "security-");
    } catch (IOException failure) {
      throw new UncheckedIOException("cannot create a directory under " + reportDir + ": " + failure.getMessage(),
          failure);
    }
    out.println("=== Security: threat detection, audited responses and residency (ThreatDetectionSample: attacks"
        + " replayed on a virtual clock, fresh audit logs in " + securityDir.toAbsolutePath() + ") ===");
    ThreatDetectionSample.run(securityDir, out);
    out.printf("Done in %.1f s.%n", secs(t0));
    return s;
  }

  private static void print(Summary s, int days, Duration incidentOffset, PrintStream out) {
    out.println();
    out.printf("=== Summary: %d simulated days, %d jobs on %d machines ===%n", days, s.enhanced().jobs(), s.machines());
    out.printf("Total billed (FOCUS, finops): $%s; simulator's price x billed time: $%s -> %s%n", money(s.billed()),
        money(s.simulated()), s.billed().setScale(2, RoundingMode.HALF_EVEN)
            .compareTo(s.simulated().setScale(2, RoundingMode.HALF_EVEN)) == 0 ? "reconciled" : "MISMATCH");
    out.println("Cost by cloud:");
    s.byCloud().forEach((k, v) -> out.printf("  %-10s $%12s  %5.1f%%%n", k, money(v), share(v, s.billed())));
    out.printf("  (first-fit baseline would have spent: %s)%n", new TreeMap<>(s.baseline().costByProvider()).entrySet()
        .stream().map(en -> en.getKey() + " $" + money(en.getValue())).toList());
    out.println("Cost by team:");
    s.byTeam().forEach((k, v) -> out.printf("  %-10s $%12s  %5.1f%%%n", k, money(v), share(v, s.billed())));
    BigDecimal base = s.baseline().cost();
    BigDecimal saved = base.subtract(s.enhanced().cost());
    out.printf("Savings vs first-fit baseline: $%s (%.1f%%): enhanced $%s, first-fit $%s%n", money(saved),
        base.signum() == 0 ? 0.0 : 100 * saved.doubleValue() / base.doubleValue(), money(s.enhanced().cost()),
        money(base));
    out.printf("Alerts: %d HighCpu alerts fired %s (incident injected: team %s, day %d, %d h)%n", s.alertsFired(),
        s.alertsByTeam(), INCIDENT_TEAM, incidentOffset.toDays() + 1, INCIDENT_LENGTH.toHours());
    out.printf("SLO: %.2f%% of jobs met their deadline (enhanced, %d violations), %.2f%% (first-fit, %d)%n",
        slo(s.enhanced()), s.enhanced().sloViolations(), slo(s.baseline()), s.baseline().sloViolations());
    out.printf("Availability: %d spot interruptions, %d machine failures, %d migrations, %d failed jobs%n",
        s.enhanced().interruptions(), s.enhanced().instanceFailures(), s.enhanced().migrations(),
        s.enhanced().failed());
  }

  /**
   * What-if before acting: the cost-aware scheduler plans next week's spot-tolerant batch jobs, and the simulated
   * {@link PlanSimulator} (found through {@link ProviderRegistry}) replays the week 40 times with failures and spot
   * interruptions, against the same machines bought on demand.
   */
  private static void whatIf(BundledCatalog catalog, Instant now, PrintStream out, long t0) {
    out.printf("[%5.1fs] What-if before acting: next week's 12 spot-tolerant batch jobs, 40 simulated weeks...%n",
        secs(t0));
    List<Workload> batch = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      batch.add(Workload.builder("batch-" + i).workloadClass("batch").demand(ResourceDemand.of(4, 16))
          .expectedDuration(Duration.ofDays(7)).labels(Map.of("team", "ml"))
          .cost(CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(0.2).build()).build());
    }
    // the default budget: the planner works on the few hundred offers per requirement class that matter and stops
    // once its plan is near the lower bound or stops improving
    PlacementPlan plan = CostAwareScheduler.builder().pricing(catalog).clock(InstantSource.fixed(now))
        .build().placeAll(batch.stream().map(EndToEndDemo::teamRequirements).toList());
    WhatIfReport r = ProviderRegistry.load(PlanSimulator.class).require("simulated").simulate(
        WhatIfRequest.builder(plan, now).horizon(Duration.ofDays(7)).replications(40).seed(SEED).build(),
        Runnable::run);
    out.printf("  plan: %d new machines (%s); expected week cost $%,.2f [%,.2f, %,.2f], interruptions %.1f, SLO risk "
        + "%.2f%%%n", plan.newInstances().size(), plan.newInstances().stream()
            .map(n -> n.candidate().purchaseOption().name().toLowerCase(Locale.ROOT)).distinct().sorted().toList(),
        r.proposed().expectedCost().mean(), r.proposed().expectedCost().lower(), r.proposed().expectedCost().upper(),
        r.proposed().interruptionExposure().mean(), 100 * r.proposed().sloRisk().mean());
    out.printf("  %s: expected week cost $%,.2f; the plan saves $%,.2f [%,.2f, %,.2f] at %.0f%% confidence%n",
        r.baselineMethod(), r.baseline().expectedCost().mean(), -r.proposedVsBaseline().expectedCost().mean(),
        -r.proposedVsBaseline().expectedCost().upper(), -r.proposedVsBaseline().expectedCost().lower(),
        100 * r.confidenceLevel());
  }

  private static Map<String, BigDecimal> grouped(CostStore costs, Dimension dimension) {
    Map<String, BigDecimal> out = new TreeMap<>();
    for (CostRow row : costs.query(CostQuery.builder().groupBy(dimension).build()).rows()) {
      String key = row.key().get(0) == null ? "(untagged)" : row.key().get(0);
      out.merge(key, row.amount(), BigDecimal::add);
    }
    return out;
  }

  /**
   * What each team requires of where its machines run, on top of the scenario's shapes: the reason the fleet spreads
   * over the three clouds (the scheduler picks the cheapest compliant offer for each).
   */
  static Workload teamRequirements(Workload w) {
    ComplianceRequirements.Builder c = ComplianceRequirements.builder();
    switch (w.labels().getOrDefault("team", "")) {
      case "payments":
        // cardholder data of EU customers stays in the EU (GDPR)
        c.allowedJurisdictions(List.of(Jurisdiction.EU));
        break;
      case "search":
        // serves South-East Asia; the index must stay in Singapore (PDPA)
        c.allowedCountries(List.of("SG"));
        break;
      case "data":
        // the warehouse is on Azure (enterprise agreement); a US public-sector contract needs FedRAMP High regions
        c.allowedProviders(List.of(CloudProvider.AZURE)).requiredCertifications(List.of("FEDRAMP_HIGH"));
        break;
      case "ml":
        // the training data lake is in S3; cross-cloud egress would cost more than the compute
        c.allowedProviders(List.of(CloudProvider.AWS));
        break;
      default:
        return w;
    }
    return w.toBuilder().compliance(c.build()).build();
  }

  static double slo(RunResult r) {
    return r.jobs() == 0 ? 100.0 : 100.0 * (r.jobs() - r.sloViolations()) / r.jobs();
  }

  private static double share(BigDecimal part, BigDecimal total) {
    return total.signum() == 0 ? 0 : 100 * part.doubleValue() / total.doubleValue();
  }

  private static String money(BigDecimal v) {
    return String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_EVEN));
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Diurnal utilization, plus a runaway process pinning the incident team's CPUs during the incident window. */
  private static final class IncidentModel implements SimulatedMetricsSource.UtilizationModel {
    private final SimulatedMetricsSource.UtilizationModel normal = SimulatedMetricsSource.UtilizationModel.diurnal(0.3);
    private final Instant from;
    private final Instant to;

    IncidentModel(Instant from) {
      this.from = from;
      this.to = from.plus(INCIDENT_LENGTH);
    }

    @Override
    public double cpu(UsageRecord machine, Instant at) {
      if (INCIDENT_TEAM.equals(machine.labels().get("team")) && !at.isBefore(from) && at.isBefore(to)) {
        return 0.97;
      }
      return normal.cpu(machine, at);
    }

    @Override
    public double memory(UsageRecord machine, Instant at) {
      return normal.memory(machine, at);
    }
  }

  /** The demo's scenario (also what {@link ReportSample} simulates). */
  static String scenario(int days) {
    return """
        {
          "name": "end-to-end-demo",
          "start": "%s",
          "duration": "P%dD",
          "seed": %d,
          "schedulers": ["enhanced", "first-fit"],
          "sloAllowance": "PT30M",
          "environment": {
            "providers": ["aws", "gcp", "azure"],
            "regions": %s,
            "instanceFailuresPerHour": 0.001,
            "spotInterruptionMultiplier": 1
          },
          "workloads": [
            {"name": "web", "workloadClass": "web", "spotAllowed": false,
             "arrivals": {"type": "constant", "perHour": 0.25}, "seasonality": "business-hours",
             "vcpus": {"2": 0.6, "4": 0.4}, "duration": {"type": "exponential", "mean": "PT12H"},
             "teams": {"payments": 2, "search": 1}},
            {"name": "batch", "workloadClass": "batch", "spotAllowed": true,
             "arrivals": {"type": "bursty", "calmPerHour": 0.1, "burstPerHour": 2, "meanCalm": "PT20H",
                          "meanBurst": "PT2H"},
             "vcpus": {"4": 0.5, "8": 0.5}, "duration": {"type": "lognormal", "median": "PT2H", "sigma": 0.6},
             "teams": {"data": 2, "search": 1}},
            {"name": "training", "workloadClass": "ml", "spotAllowed": true,
             "arrivals": {"type": "constant", "perHour": 0.05},
             "vcpus": {"8": 0.5, "16": 0.5}, "duration": {"type": "lognormal", "median": "PT20H", "sigma": 0.4},
             "teams": {"ml": 1}}
          ]
        }
        """.formatted(START, days, SEED, REGIONS.stream().map(r -> '"' + r + '"').toList());
  }
}
