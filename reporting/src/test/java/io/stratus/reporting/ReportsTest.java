package io.stratus.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.reporting.query.AnalyticsEngine;
import io.stratus.reporting.query.AnalyticsQuery;
import io.stratus.reporting.query.TimeRange;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ReportsTest {
  static final SeededData DATA = SeededData.create(42);
  static final AnalyticsEngine ENGINE = AnalyticsEngine.create(DATA.costs, DATA.metrics, DATA.clock);
  static final Reports REPORTS = Reports.create(ENGINE, DATA.clock);
  static final Report EXEC = REPORTS.executiveSummary(SampleInputs.march());
  static final Report TECH = REPORTS.technicalReport(SampleInputs.march());

  @Test
  void executiveSummary_highlightsSayWhatMovedAndWhatIsOver() {
    Block.Highlights h = (Block.Highlights) EXEC.sections().get(0).blocks().get(1);
    assertThat(h.items().get(0)).startsWith("Spend was $").contains("up ").contains("on the previous period");
    assertThat(h.items()).anySatisfy(s -> assertThat(s).startsWith("Largest increase: "));
    assertThat(h.items()).contains("1 of 2 budgets are over; 0 more are forecast to go over.");
    assertThat(h.items()).anySatisfy(s -> assertThat(s).contains("the costliest: gce-1 on 2026-03-12 ($912.40)"));
    assertThat(h.items()).contains("1 of 2 SLOs were missed: search availability.");
  }

  @Test
  void executiveSummary_withoutHostLines_saysSoInsteadOfInventingFigures() {
    Report r = REPORTS.executiveSummary(ReportInputs.builder(SeededData.MAR, SeededData.APR).build());
    String md = ReportFormat.MARKDOWN.render(r);
    assertThat(md).contains("No budget lines were supplied").contains("No recommendations were supplied")
        .contains("| Budget | **n/a** | no budgets supplied |");
  }

  @Test
  void technicalReport_drillTablesAddUp() {
    Table t = table(TECH, "provider-drill");
    BigDecimal total = ENGINE.run(AnalyticsQuery.cost().range(TimeRange.between(SeededData.MAR, SeededData.APR))
        .build()).total();
    Map<String, List<Table.Row>> byParent = t.rows().stream().collect(Collectors.groupingBy(Table.Row::parent));
    assertThat(sum(byParent.get(""))).isEqualByComparingTo(total.setScale(2, java.math.RoundingMode.HALF_EVEN));
    for (Table.Row parent : t.rows()) {
      List<Table.Row> kids = byParent.get(parent.id());
      if (kids != null) {
        assertThat(sum(kids)).as("children of %s", parent.id())
            .isCloseTo(new BigDecimal(parent.cells().get(1)), org.assertj.core.data.Offset.offset(
                new BigDecimal("0.01").multiply(BigDecimal.valueOf(kids.size()))));
      }
    }
    assertThat(t.rows().stream().filter(r -> r.parent().isEmpty()).map(r -> r.cells().get(0)))
        .containsExactlyInAnyOrder("AWS", "Google Cloud", "Microsoft");
  }

  @Test
  void html_isSelfContainedWithChartsAndDrillTables() {
    Document doc = Jsoup.parse(ReportFormat.HTML.render(TECH));
    assertThat(doc.select("link[href], script[src], img[src], iframe")).isEmpty();
    assertThat(doc.select("meta[name=viewport]")).hasSize(1);
    assertThat(doc.select("figure.chart").eachAttr("data-chart")).contains("stacked_area", "donut", "bar",
        "heat_map");
    for (Element fig : doc.select("figure.chart")) {
      assertThat(fig.select("svg[viewBox]")).as("svg of %s", fig.id()).hasSize(1);
      assertThat(fig.select("ul.legend li")).as("legend of %s", fig.id()).isNotEmpty();
    }
    assertThat(doc.select("#daily-by-service svg text.axis-label").eachText()).containsExactly("Day (UTC)",
        "Cost (USD)");
    assertThat(doc.select("#daily-by-service polygon.area")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(doc.select("#cpu-heat-map rect.cell")).hasSize(12 * 31);
    Element drill = doc.getElementById("provider-drill");
    assertThat(drill.select("tbody tr:not([data-parent])")).hasSize(3);
    assertThat(drill.select("tbody tr[data-parent][hidden]")).hasSize(drill.select("tbody tr[data-parent]").size());
    assertThat(drill.select("button.toggle")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(doc.select("input.table-filter[data-table=provider-drill]")).hasSize(1);
  }

  @Test
  void renderers_matchGoldenFiles() {
    for (Report r : List.of(EXEC, TECH)) {
      String name = r == EXEC ? "executive" : "technical";
      Golden.check(name + ".md", ReportFormat.MARKDOWN.render(r));
      Golden.check(name + ".json", ReportFormat.JSON.render(r));
      Golden.check(name + ".csv", ReportFormat.CSV.render(r));
      Golden.check(name + ".html.outline.txt", HtmlOutline.of(Jsoup.parse(ReportFormat.HTML.render(r))));
    }
  }

  @Test
  void csv_isLongFormWithQuotedFields() {
    String csv = ReportFormat.CSV.render(EXEC);
    assertThat(csv).startsWith("section,block,row,column,value\r\n");
    assertThat(csv).contains("savings,savings-table,r0,Action,\"1-year savings plan, $2/h\"\r\n");
  }

  @Test
  void credits_turnStackedAndDonutChartsIntoLinesAndBars() {
    io.stratus.finops.spi.CostStore store = io.stratus.finops.spi.CostStore.inMemory();
    try (io.stratus.finops.spi.CostStore.Appender app = store.appender("credits")) {
      for (String[] r : List.of(new String[] {"AWS", "ml", "100"}, new String[] {"AWS", "web", "-250"},
          new String[] {"Microsoft", "web", "40"})) {
        java.time.Instant at = SeededData.MAR.plus(java.time.Duration.ofDays(3));
        app.accept(io.stratus.finops.focus.CostRecord.builder().allCosts(new BigDecimal(r[2]))
            .billingCurrency(java.util.Currency.getInstance("USD"))
            .chargeCategory(r[2].startsWith("-") ? io.stratus.finops.focus.ChargeCategory.CREDIT
                : io.stratus.finops.focus.ChargeCategory.USAGE)
            .chargeFrequency(io.stratus.finops.focus.ChargeFrequency.USAGE_BASED)
            .chargePeriod(at, at.plus(java.time.Duration.ofDays(1)))
            .billingPeriod(io.stratus.finops.focus.BillingPeriod.of(java.time.YearMonth.of(2026, 3)))
            .providerName(r[0]).billingAccountId("a").serviceName("s").serviceCategory("Compute").resourceId("x")
            .tags(Map.of("team", r[1])).build());
      }
    }
    Report exec = Reports.create(AnalyticsEngine.create(store, DATA.metrics, DATA.clock), DATA.clock)
        .executiveSummary(ReportInputs.builder(SeededData.MAR, SeededData.APR).build());
    List<ChartType> types = exec.sections().stream().flatMap(s -> s.blocks().stream())
        .filter(b -> b instanceof Chart).map(b -> ((Chart) b).type()).toList();
    assertThat(types).containsExactly(ChartType.LINE, ChartType.BAR);
    assertThat(Jsoup.parse(ReportFormat.HTML.render(exec)).select("svg.chart-svg")).hasSize(2);
  }

  private static BigDecimal sum(List<Table.Row> rows) {
    return rows.stream().map(r -> new BigDecimal(r.cells().get(1))).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  static Table table(Report r, String id) {
    return r.sections().stream().flatMap(s -> s.blocks().stream()).filter(b -> b instanceof Table t
        && t.id().equals(id)).map(Table.class::cast).findFirst().orElseThrow();
  }
}
