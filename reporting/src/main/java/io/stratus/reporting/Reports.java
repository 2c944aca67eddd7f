package io.stratus.reporting;

import io.stratus.monitoring.spi.Aggregation;
import io.stratus.reporting.Block.Kpi;
import io.stratus.reporting.Block.Tone;
import io.stratus.reporting.query.AnalyticsEngine;
import io.stratus.reporting.query.AnalyticsQuery;
import io.stratus.reporting.query.Comparison;
import io.stratus.reporting.query.QueryResult;
import io.stratus.reporting.query.ResultRow;
import io.stratus.reporting.query.TimeGrain;
import io.stratus.reporting.query.TimeRange;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Builds the two standard reports from an {@link AnalyticsEngine} and host-supplied {@link ReportInputs}: the
 * executive summary (spend vs budget and forecast, top movers, savings, anomalies, SLOs, plain-language highlights)
 * and the technical report (cost by service, team and region with drill-down tables, utilization and rightsizing,
 * the anomaly and incident timeline, scheduler decisions and their cost).
 *
 * <p>Each report reads the cost store in one pass ({@link AnalyticsEngine#materialize}) when its period and the
 * previous one lie on whole UTC days.
 *
 * <p>Thread-safe if the engine's stores are; holds no state.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Reports {
  private static final int TOP = 5;
  private static final String OTHER = "Other";
  private static final int HEAT_MAP_ROWS = 30;
  /** Every cost dimension the two reports filter or group by. */
  private static final List<String> DIMENSIONS = List.of("provider", "account", "service", "resource", "region",
      "team");

  private final AnalyticsEngine engine;
  private final InstantSource clock;

  private Reports(AnalyticsEngine engine, InstantSource clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A report builder over an engine.
   *
   * @param engine where the data comes from; never null
   * @param clock stamps {@link Report#generatedAt()}; never null
   * @return the builder; never null
   */
  public static Reports create(AnalyticsEngine engine, InstantSource clock) {
    return new Reports(engine, clock);
  }

  private AnalyticsQuery.Builder cost(ReportInputs in) {
    return AnalyticsQuery.cost().range(TimeRange.between(in.from(), in.to())).currency(in.currency());
  }

  /**
   * The executive summary.
   *
   * @param in the period and the host-supplied lines; never null
   * @return the report; never null
   */
  public Report executiveSummary(ReportInputs in) {
    Objects.requireNonNull(in, "inputs");
    return new Reports(onePass(in), clock).executive(in);
  }

  private Report executive(ReportInputs in) {
    String cur = in.currency();
    QueryResult total = engine.run(cost(in).compareWithPrevious(true).build());
    BigDecimal spend = total.total();
    BigDecimal previous = total.comparison().stream().map(Comparison::previous).reduce(BigDecimal.ZERO,
        BigDecimal::add);
    Optional<BigDecimal> change = previous.signum() == 0 ? Optional.empty()
        : Optional.of(spend.subtract(previous).divide(previous, MathContext.DECIMAL64));
    BigDecimal forecast = in.forecast().orElseGet(() -> runRate(spend, in));
    String forecastNote = in.forecast().isPresent() ? "host forecast for the period"
        : forecastIsProjection(in) ? "run-rate projection to " + Fmt.day(in.to()) : "period complete";
    BigDecimal budget = in.budgets().stream().map(BudgetStatus::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal available = savings(in, false);
    BigDecimal realized = savings(in, true);
    long anomalies = in.events().stream().filter(e -> e.kind() != TimelineEvent.Kind.ALERT).count();
    long sloMet = in.slos().stream().filter(SloStatus::met).count();
    List<Comparison> movers = engine.run(cost(in).groupBy("service").compareWithPrevious(true).build()).comparison();

    List<Kpi> kpis = new ArrayList<>();
    kpis.add(new Kpi("Spend", Fmt.money(spend, cur), change.map(c -> Fmt.signedPercent(c) + " vs previous period")
        .orElse("no spend in the previous period"), change.map(c -> c.signum() > 0 ? Tone.BAD : Tone.GOOD)
        .orElse(Tone.NEUTRAL)));
    kpis.add(new Kpi("Forecast", Fmt.money(forecast, cur), forecastNote,
        budget.signum() > 0 && forecast.compareTo(budget) > 0 ? Tone.BAD : Tone.NEUTRAL));
    kpis.add(in.budgets().isEmpty() ? new Kpi("Budget", "n/a", "no budgets supplied", Tone.NEUTRAL)
        : new Kpi("Budget", Fmt.money(budget, cur), Fmt.share(spend, budget) + "% used",
            spend.compareTo(budget) > 0 ? Tone.BAD : Tone.GOOD));
    kpis.add(new Kpi("Savings available", Fmt.money(available, cur) + "/mo", count(in.recommendations().stream()
        .filter(r -> !r.realized()).count(), "recommendation"), Tone.NEUTRAL));
    kpis.add(new Kpi("Savings realized", Fmt.money(realized, cur) + "/mo", count(in.recommendations().stream()
        .filter(Recommendation::realized).count(), "recommendation"), realized.signum() > 0 ? Tone.GOOD
            : Tone.NEUTRAL));
    kpis.add(new Kpi("Anomalies", Long.toString(anomalies), "anomalies and incidents",
        anomalies > 0 ? Tone.BAD : Tone.GOOD));
    kpis.add(in.slos().isEmpty() ? new Kpi("SLOs met", "n/a", "no SLOs supplied", Tone.NEUTRAL)
        : new Kpi("SLOs met", sloMet + " of " + in.slos().size(), "", sloMet == in.slos().size() ? Tone.GOOD
            : Tone.BAD));

    List<String> highlights = new ArrayList<>();
    highlights.add("Spend was " + Fmt.money(spend, cur) + " from " + Fmt.day(in.from()) + " to "
        + Fmt.day(in.to().minusSeconds(1)) + change.map(c -> ", " + (c.signum() >= 0 ? "up " : "down ")
            + Fmt.signedPercent(c.abs()).replace("+", "") + " (" + Fmt.money(spend.subtract(previous), cur)
            + ") on the previous period").orElse("") + ".");
    movers.stream().filter(c -> c.change().signum() > 0).findFirst().ifPresent(c -> highlights.add(
        "Largest increase: " + c.key().get(0) + ", up " + Fmt.money(c.change(), cur)
            + c.relativeChange().map(r -> " (" + Fmt.signedPercent(r) + ")").orElse(" (new)") + "."));
    movers.stream().filter(c -> c.change().signum() < 0).findFirst().ifPresent(c -> highlights.add(
        "Largest decrease: " + c.key().get(0) + ", down " + Fmt.money(c.change().negate(), cur)
            + c.relativeChange().map(r -> " (" + Fmt.signedPercent(r) + ")").orElse("") + "."));
    if (in.budgets().isEmpty()) {
      highlights.add("No budgets were supplied, so spend is not compared with a budget.");
    } else {
      long over = in.budgets().stream().filter(BudgetStatus::isOver).count();
      long forecastOver = in.budgets().stream().filter(b -> !b.isOver() && b.isForecastOver()).count();
      highlights.add(over + " of " + in.budgets().size() + " budgets are over; " + forecastOver
          + " more are forecast to go over.");
    }
    if (!in.recommendations().isEmpty()) {
      highlights.add(Fmt.money(available, cur) + " a month can still be saved; " + Fmt.money(realized, cur)
          + " a month has been saved already.");
    }
    highlights.add(anomalies == 0 ? "No anomalies or incidents were reported."
        : anomalies + (anomalies == 1 ? " anomaly or incident was reported" : " anomalies and incidents were reported")
            + in.events().stream().filter(e -> e.kind() != TimelineEvent.Kind.ALERT)
                .max(java.util.Comparator.comparing(TimelineEvent::costImpact))
                .filter(e -> e.costImpact().signum() > 0)
                .map(e -> "; the costliest: " + e.subject() + " on " + Fmt.day(e.at()) + " ("
                    + Fmt.money(e.costImpact(), cur) + ")").orElse("") + ".");
    if (!in.slos().isEmpty()) {
      highlights.add(sloMet == in.slos().size() ? (in.slos().size() == 1 ? "The SLO was met."
          : "All " + in.slos().size() + " SLOs were met.")
          : (in.slos().size() - sloMet) + " of " + in.slos().size() + " SLOs were missed: " + String.join(", ",
              in.slos().stream().filter(s -> !s.met()).map(SloStatus::name).toList()) + ".");
    }

    List<Section> sections = new ArrayList<>();
    sections.add(new Section("overview", "Overview", List.of(new Block.Kpis(kpis),
        new Block.Highlights(highlights))));
    sections.add(new Section("spend", "Spend", List.of(
        timeChart("spend-by-provider", "Daily spend by provider", ChartType.STACKED_AREA,
            engine.run(cost(in).groupBy("provider").grain(TimeGrain.DAY).build()), in),
        donut("spend-by-team", "Spend by team", engine.run(cost(in).groupBy("team").build())))));
    sections.add(new Section("movers", "Top movers", List.of(moversTable("movers-by-service", "Service", movers,
        cur))));
    sections.add(new Section("budgets", "Budgets", in.budgets().isEmpty()
        ? List.of(new Block.Paragraph("No budget lines were supplied for this period."))
        : List.of(budgetTable(in))));
    sections.add(new Section("savings", "Savings", in.recommendations().isEmpty()
        ? List.of(new Block.Paragraph("No recommendations were supplied for this period."))
        : List.of(recommendationTable("savings-table", in.recommendations(), cur))));
    List<TimelineEvent> anomalyEvents =
        in.events().stream().filter(e -> e.kind() != TimelineEvent.Kind.ALERT).toList();
    sections.add(new Section("anomalies", "Anomalies and incidents", anomalyEvents.isEmpty()
        ? List.of(new Block.Paragraph("No anomalies or incidents were supplied for this period."))
        : List.of(timelineTable("anomaly-table", anomalyEvents, cur))));
    sections.add(new Section("reliability", "SLOs and availability", in.slos().isEmpty()
        ? List.of(new Block.Paragraph("No SLO lines were supplied for this period."))
        : List.of(sloTable(in))));
    return new Report("Executive summary", "Cost, savings and reliability, " + Fmt.day(in.from()) + " to "
        + Fmt.day(in.to().minusSeconds(1)), clock.instant(), in.from(), in.to(), sections);
  }

  /**
   * The technical report.
   *
   * @param in the period and the host-supplied lines; never null
   * @return the report; never null
   */
  public Report technicalReport(ReportInputs in) {
    Objects.requireNonNull(in, "inputs");
    return new Reports(onePass(in), clock).technical(in);
  }

  /**
   * The engine materialized over the report's period and the previous one (for the comparisons) on the dimensions
   * the reports group by, so that a report scans the cost store once; a period not on whole UTC days keeps the
   * engine as it is (every query then scans).
   */
  private AnalyticsEngine onePass(ReportInputs in) {
    Instant start = in.from().minus(Duration.between(in.from(), in.to()));
    if (!start.equals(start.truncatedTo(ChronoUnit.DAYS)) || !in.to().equals(in.to().truncatedTo(ChronoUnit.DAYS))) {
      return engine;
    }
    return engine.materialize(start, in.to(), DIMENSIONS);
  }

  private Report technical(ReportInputs in) {
    String cur = in.currency();
    List<Section> sections = new ArrayList<>();
    sections.add(new Section("cost-by-service", "Cost by service", List.of(
        timeChart("daily-by-service", "Daily cost by service", ChartType.STACKED_AREA,
            engine.run(cost(in).groupBy("service").grain(TimeGrain.DAY).build()), in),
        drillTable("service-drill", "Cost by service and resource", List.of("service", "resource"),
            List.of("Service / resource"), in))));
    sections.add(new Section("cost-by-team", "Cost by team", List.of(
        donut("team-share", "Share of cost by team", engine.run(cost(in).groupBy("team").build())),
        drillTable("team-drill", "Cost by team and service", List.of("team", "service"),
            List.of("Team / service"), in))));
    QueryResult regions = engine.run(cost(in).groupBy("region").compareWithPrevious(true).build());
    List<String> regionNames = regions.comparison().stream().map(c -> c.key().get(0)).sorted().toList();
    Map<String, Comparison> byRegion = new LinkedHashMap<>();
    regions.comparison().forEach(c -> byRegion.put(c.key().get(0), c));
    sections.add(new Section("cost-by-region", "Cost by region", List.of(
        new Chart("region-bars", "Cost by region, this and the previous period", ChartType.BAR, "Region", "Cost",
            cur, regionNames, List.of(
                new Chart.Series("Previous period", regionNames.stream()
                    .map(r -> byRegion.get(r).previous().doubleValue()).toList()),
                new Chart.Series("This period", regionNames.stream()
                    .map(r -> byRegion.get(r).current().doubleValue()).toList()))),
        drillTable("region-drill", "Cost by region and machine", List.of("region", "resource"),
            List.of("Region / resource"), in),
        drillTable("provider-drill", "Cost by provider, account and service",
            List.of("provider", "account", "service"), List.of("Provider / account / service"), in))));
    sections.add(new Section("utilization", "Utilization and rightsizing", utilization(in)));
    sections.add(new Section("timeline", "Anomaly and incident timeline", in.events().isEmpty()
        ? List.of(new Block.Paragraph("No anomalies, alerts or incidents were supplied for this period."))
        : List.of(timelineTable("timeline-table", in.events(), cur))));
    sections.add(new Section("decisions", "Scheduler decisions and their cost", in.decisions().isEmpty()
        ? List.of(new Block.Paragraph("No scheduler decisions were supplied for this period."))
        : decisions(in)));
    return new Report("Technical report", "Cost, utilization and operations detail, " + Fmt.day(in.from())
        + " to " + Fmt.day(in.to().minusSeconds(1)), clock.instant(), in.from(), in.to(), sections);
  }

  private List<Block> utilization(ReportInputs in) {
    TimeRange range = TimeRange.between(in.from(), in.to());
    QueryResult avg = engine.run(AnalyticsQuery.metric(in.cpuMetric()).range(range).groupBy("resource").build());
    QueryResult max = engine.run(AnalyticsQuery.metric(in.cpuMetric()).range(range).aggregation(Aggregation.MAX)
        .groupBy("resource").build());
    if (avg.rows().isEmpty()) {
      return List.of(new Block.Paragraph("No " + in.cpuMetric() + " samples were found for this period."));
    }
    Map<List<String>, BigDecimal> maxBy = max.totalsByKey();
    List<Table.Row> rows = new ArrayList<>();
    List<Map.Entry<List<String>, BigDecimal>> sorted = new ArrayList<>(avg.totalsByKey().entrySet());
    sorted.sort(Map.Entry.comparingByValue());
    for (Map.Entry<List<String>, BigDecimal> e : sorted) {
      BigDecimal a = e.getValue();
      BigDecimal m = maxBy.getOrDefault(e.getKey(), BigDecimal.ZERO);
      String flag = a.doubleValue() < 20 && m.doubleValue() < 50 ? "underutilized: a smaller size may do"
          : a.doubleValue() > 80 ? "hot: consider a larger size" : "";
      rows.add(new Table.Row(e.getKey().get(0), "", List.of(e.getKey().get(0), Fmt.cell(a), Fmt.cell(m), flag)));
    }
    List<Block> out = new ArrayList<>();
    out.add(new Table("utilization-table", "CPU utilization by machine (" + in.cpuMetric() + ")", List.of(
        Table.Column.text("Machine"), Table.Column.number("Average", "%"), Table.Column.number("Peak", "%"),
        Table.Column.text("Observation")), rows));
    QueryResult daily = engine.run(AnalyticsQuery.metric(in.cpuMetric()).range(range).groupBy("resource")
        .grain(TimeGrain.DAY).build());
    List<String> days = days(in);
    List<Chart.Series> heat = new ArrayList<>();
    // the busiest machines, so the map stays readable on a large fleet
    List<Map.Entry<List<String>, BigDecimal>> busiest = new ArrayList<>(sorted);
    java.util.Collections.reverse(busiest);
    busiest = busiest.subList(0, Math.min(HEAT_MAP_ROWS, busiest.size()));
    for (Map.Entry<List<String>, BigDecimal> e : busiest) {
      Map<Instant, Double> perDay = new LinkedHashMap<>();
      daily.rows().stream().filter(r -> r.key().equals(e.getKey()))
          .forEach(r -> perDay.put(r.bucket(), r.value().doubleValue()));
      List<Double> values = new ArrayList<>();
      for (Instant d = in.from(); d.isBefore(in.to()); d = d.plus(Duration.ofDays(1))) {
        values.add(perDay.getOrDefault(TimeGrain.DAY.bucketOf(d, in.from()), 0.0));
      }
      heat.add(new Chart.Series(e.getKey().get(0), values.subList(0, days.size())));
    }
    out.add(new Chart("cpu-heat-map", "Average CPU by machine and day" + (sorted.size() > HEAT_MAP_ROWS
        ? " (the " + HEAT_MAP_ROWS + " busiest of " + sorted.size() + " machines)" : ""), ChartType.HEAT_MAP, "Day (UTC)", "Machine",
        "%", days, heat));
    List<Recommendation> rightsizing = in.recommendations().stream()
        .filter(r -> r.category().equalsIgnoreCase("rightsizing")).toList();
    out.add(rightsizing.isEmpty()
        ? new Block.Paragraph("No rightsizing recommendations were supplied for this period.")
        : recommendationTable("rightsizing-table", rightsizing, in.currency()));
    return out;
  }

  private List<Block> decisions(ReportInputs in) {
    String cur = in.currency();
    List<Table.Row> rows = new ArrayList<>();
    BigDecimal premium = BigDecimal.ZERO;
    int i = 0;
    for (SchedulerDecision d : in.decisions()) {
      BigDecimal delta = d.hourlyCost().subtract(d.alternativeHourlyCost());
      premium = premium.add(delta);
      rows.add(new Table.Row("d" + i++, "", List.of(Fmt.minute(d.at()), d.workload(), d.placement(),
          Fmt.cell(d.hourlyCost()), Fmt.cell(d.alternativeHourlyCost()), Fmt.cell(delta), d.reason())));
    }
    return List.of(new Block.Paragraph(in.decisions().size() + " decisions; chosen placements cost "
            + Fmt.money(premium.abs(), cur) + " an hour " + (premium.signum() <= 0 ? "less" : "more")
            + " than the next-best candidates in total."),
        new Table("decision-table", "Scheduler decisions", List.of(Table.Column.text("Time (UTC)"),
            Table.Column.text("Workload"), Table.Column.text("Placement"), Table.Column.number("Cost/h", cur),
            Table.Column.number("Next best/h", cur), Table.Column.number("Difference/h", cur),
            Table.Column.text("Reason")), rows));
  }

  private Table drillTable(String id, String title, List<String> levels, List<String> header, ReportInputs in) {
    QueryResult r = engine.run(cost(in).groupBy(levels.toArray(new String[0])).compareWithPrevious(true).build());
    BigDecimal total = r.total();
    // roll the leaf groups up into every prefix, so each parent is exactly the sum of its children
    Map<List<String>, BigDecimal[]> nodes = new LinkedHashMap<>();
    for (Comparison c : r.comparison()) {
      for (int depth = 1; depth <= levels.size(); depth++) {
        BigDecimal[] v = nodes.computeIfAbsent(c.key().subList(0, depth),
            k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        v[0] = v[0].add(c.current());
        v[1] = v[1].add(c.previous());
      }
    }
    List<Table.Row> rows = new ArrayList<>();
    addChildren(List.of(), nodes, levels.size(), total, rows);
    return new Table(id, title, List.of(Table.Column.text(header.get(0)), Table.Column.number("Cost", in.currency()),
        Table.Column.number("Share", "%"), Table.Column.number("Previous", in.currency()),
        Table.Column.number("Change", "%")), rows);
  }

  private static void addChildren(List<String> parent, Map<List<String>, BigDecimal[]> nodes, int depth,
      BigDecimal total, List<Table.Row> rows) {
    List<Map.Entry<List<String>, BigDecimal[]>> children = new ArrayList<>();
    for (Map.Entry<List<String>, BigDecimal[]> e : nodes.entrySet()) {
      if (e.getKey().size() == parent.size() + 1 && e.getKey().subList(0, parent.size()).equals(parent)) {
        children.add(e);
      }
    }
    children.sort((a, b) -> b.getValue()[0].compareTo(a.getValue()[0]) != 0
        ? b.getValue()[0].compareTo(a.getValue()[0]) : String.join("/", a.getKey()).compareTo(
            String.join("/", b.getKey())));
    for (Map.Entry<List<String>, BigDecimal[]> e : children) {
      BigDecimal cur = e.getValue()[0];
      BigDecimal prev = e.getValue()[1];
      String change = prev.signum() == 0 ? "" : Fmt.cell(cur.subtract(prev).multiply(BigDecimal.valueOf(100))
          .divide(prev, MathContext.DECIMAL64));
      rows.add(new Table.Row(rowId(e.getKey()), parent.isEmpty() ? "" : rowId(parent), List.of(
          e.getKey().get(e.getKey().size() - 1), Fmt.cell(cur), Fmt.share(cur, total), Fmt.cell(prev), change)));
      if (e.getKey().size() < depth) {
        addChildren(e.getKey(), nodes, depth, total, rows);
      }
    }
  }

  private static String rowId(List<String> key) {
    return String.join("/", key);
  }

  private Chart timeChart(String id, String title, ChartType type, QueryResult r, ReportInputs in) {
    List<String> days = days(in);
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    r.totalsByKey().forEach((k, v) -> totals.put(k.get(0), v));
    List<String> names = new ArrayList<>(totals.keySet());
    List<String> shown = names.size() > TOP + 1 ? names.subList(0, TOP) : names;
    Map<String, double[]> values = new LinkedHashMap<>();
    shown.forEach(n -> values.put(n, new double[days.size()]));
    if (shown.size() < names.size()) {
      values.put(OTHER, new double[days.size()]);
    }
    for (ResultRow row : r.rows()) {
      int i = (int) Duration.between(in.from(), row.bucket()).toDays();
      if (i < 0 || i >= days.size()) {
        continue;
      }
      String name = values.containsKey(row.key().get(0)) ? row.key().get(0) : OTHER;
      values.get(name)[i] += row.value().doubleValue();
    }
    List<Chart.Series> series = new ArrayList<>();
    values.forEach((n, v) -> series.add(new Chart.Series(n, java.util.Arrays.stream(v).boxed().toList())));
    // credits can make a day's cost negative; stacking needs non-negative parts, so such data is drawn as lines
    boolean negative = values.values().stream().flatMapToDouble(java.util.Arrays::stream).anyMatch(v -> v < 0);
    return new Chart(id, title, negative && type == ChartType.STACKED_AREA ? ChartType.LINE : type, "Day (UTC)",
        "Cost", r.unit(), days, series);
  }

  private static Chart donut(String id, String title, QueryResult r) {
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    double other = 0;
    int keep = r.totalsByKey().size() <= TOP + 1 ? TOP + 1 : TOP;
    int i = 0;
    for (Map.Entry<List<String>, BigDecimal> e : r.totalsByKey().entrySet()) {
      if (i++ < keep) {
        names.add(e.getKey().get(0));
        values.add(e.getValue().doubleValue());
      } else {
        other += e.getValue().doubleValue();
      }
    }
    if (i > keep) {
      names.add(OTHER);
      values.add(other);
    }
    // a group whose credits exceed its charges has a negative share, which a donut cannot show: draw bars instead
    boolean negative = values.stream().anyMatch(v -> v < 0);
    return new Chart(id, title, negative ? ChartType.BAR : ChartType.DONUT, negative ? "Group" : "", "Cost",
        r.unit(), names, List.of(new Chart.Series("Cost", values)));
  }

  private static List<String> days(ReportInputs in) {
    List<String> out = new ArrayList<>();
    for (Instant d = in.from(); d.isBefore(in.to()); d = d.plus(Duration.ofDays(1))) {
      out.add(Fmt.day(d));
    }
    return out;
  }

  private static Table moversTable(String id, String what, List<Comparison> movers, String cur) {
    List<Table.Row> rows = new ArrayList<>();
    for (Comparison c : movers.subList(0, Math.min(10, movers.size()))) {
      rows.add(new Table.Row(rowId(c.key()), "", List.of(c.key().get(0), Fmt.cell(c.previous()),
          Fmt.cell(c.current()), Fmt.cell(c.change()), c.relativeChange().map(x -> Fmt.cell(
              x.multiply(BigDecimal.valueOf(100)))).orElse(""))));
    }
    return new Table(id, "Largest changes by " + what.toLowerCase(java.util.Locale.ROOT)
        + " against the previous period", List.of(Table.Column.text(what), Table.Column.number("Previous", cur),
            Table.Column.number("Current", cur), Table.Column.number("Change", cur),
            Table.Column.number("Change", "%")), rows);
  }

  private static Table budgetTable(ReportInputs in) {
    List<Table.Row> rows = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>();
    for (BudgetStatus b : in.budgets()) {
      String id = uniqueId("b-" + b.name(), ids);
      rows.add(new Table.Row(id, "", List.of(b.name(), Fmt.cell(b.amount()), Fmt.cell(b.actual()),
          Fmt.share(b.actual(), b.amount()), Fmt.cell(b.forecast()),
          b.isOver() ? "over" : b.isForecastOver() ? "forecast over" : "on track")));
    }
    return new Table("budget-table", "Budgets", List.of(Table.Column.text("Budget"),
        Table.Column.number("Amount", in.currency()), Table.Column.number("Actual", in.currency()),
        Table.Column.number("Used", "%"), Table.Column.number("Forecast", in.currency()),
        Table.Column.text("Status")), rows);
  }

  private static Table recommendationTable(String id, List<Recommendation> recs, String cur) {
    List<Recommendation> sorted = new ArrayList<>(recs);
    sorted.sort((a, b) -> b.monthlySavings().compareTo(a.monthlySavings()));
    List<Table.Row> rows = new ArrayList<>();
    int i = 0;
    for (Recommendation r : sorted) {
      rows.add(new Table.Row("r" + i++, "", List.of(r.category(), r.resource(), r.action(),
          Fmt.cell(r.monthlySavings()), r.realized() ? "realized" : "available")));
    }
    return new Table(id, "Recommendations", List.of(Table.Column.text("Category"), Table.Column.text("Resource"),
        Table.Column.text("Action"), Table.Column.number("Savings/month", cur), Table.Column.text("Status")), rows);
  }

  private static Table timelineTable(String id, List<TimelineEvent> events, String cur) {
    List<Table.Row> rows = new ArrayList<>();
    int i = 0;
    for (TimelineEvent e : events) {
      rows.add(new Table.Row("e" + i++, "", List.of(Fmt.minute(e.at()), e.kind().name().toLowerCase(
          java.util.Locale.ROOT).replace('_', ' '), e.severity(), e.subject(), e.detail(),
          Fmt.cell(e.costImpact()))));
    }
    return new Table(id, "Timeline", List.of(Table.Column.text("Time (UTC)"), Table.Column.text("Kind"),
        Table.Column.text("Severity"), Table.Column.text("Subject"), Table.Column.text("Detail"),
        Table.Column.number("Cost impact", cur)), rows);
  }

  private static Table sloTable(ReportInputs in) {
    List<Table.Row> rows = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>();
    for (SloStatus s : in.slos()) {
      rows.add(new Table.Row(uniqueId("s-" + s.name(), ids), "", List.of(s.name(), Fmt.cell(100 * s.objective()),
          Fmt.cell(100 * s.attained()), s.met() ? "met" : "missed")));
    }
    return new Table("slo-table", "Service-level objectives", List.of(Table.Column.text("SLO"),
        Table.Column.number("Objective", "%"), Table.Column.number("Attained", "%"), Table.Column.text("Status")),
        rows);
  }

  private static String uniqueId(String base, TreeSet<String> taken) {
    String id = base;
    for (int n = 2; !taken.add(id); n++) {
      id = base + "#" + n;
    }
    return id;
  }

  private static BigDecimal savings(ReportInputs in, boolean realized) {
    return in.recommendations().stream().filter(r -> r.realized() == realized)
        .map(Recommendation::monthlySavings).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private boolean forecastIsProjection(ReportInputs in) {
    Instant now = clock.instant();
    return now.isAfter(in.from()) && now.isBefore(in.to());
  }

  private BigDecimal runRate(BigDecimal spend, ReportInputs in) {
    if (!forecastIsProjection(in)) {
      return spend;
    }
    long elapsed = Duration.between(in.from(), clock.instant()).toSeconds();
    long length = Duration.between(in.from(), in.to()).toSeconds();
    return spend.multiply(BigDecimal.valueOf(length)).divide(BigDecimal.valueOf(elapsed), MathContext.DECIMAL64);
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
