package io.stratus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.budget.Budget;
import io.stratus.finops.budget.BudgetManager;
import io.stratus.finops.optimize.Evidence;
import io.stratus.finops.optimize.Recommendation;
import io.stratus.finops.optimize.RecommendationKind;
import io.stratus.finops.optimize.Risk;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.model.Money;
import io.stratus.reporting.query.AnalyticsEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The reports show finops' budgets, optimizer recommendations and cost anomalies (issue 14). */
class FinOpsLinesTest {
  static final SeededData DATA = SeededData.create(42);
  static final Instant NOW = Instant.parse("2026-03-20T00:00:00Z");

  private static List<io.stratus.finops.budget.BudgetStatus> budgets() {
    BudgetManager m = BudgetManager.builder(DATA.costs, InstantSource.fixed(NOW)).build();
    m.put(Budget.builder("ml", CostScope.of(Dimension.tag("team"), "ml")).name("ML monthly")
        .amount(Money.of("2000", "USD")).build());
    m.put(Budget.builder("data", CostScope.of(Dimension.tag("team"), "data")).name("Data monthly")
        .amount(Money.of("100000", "USD")).build());
    return m.statuses();
  }

  private static Recommendation rec(RecommendationKind kind, String resource, String savings) {
    return new Recommendation(kind, resource, null, "resize aws:m5.2xlarge -> aws:m5.large", null, null,
        Money.of(savings, "USD"), Money.of("50", "USD"), Risk.LOW, Risk.NONE, 3.5, Duration.ofDays(9),
        List.of(new Evidence("p95 CPU", "12%", "< 40%")));
  }

  private static List<CostAnomaly> anomalies() {
    return CostAnomalyMonitor.builder("total", CostScope.total())
        .drillDown(List.of(Dimension.tag("team"), Dimension.SERVICE)).historyStart(SeededData.FEB).build()
        .evaluate(DATA.costs, SeededData.APR);
  }

  @Test
  void finopsOutputs_appearInTheExecutiveAndTechnicalReports() {
    List<CostAnomaly> found = anomalies();
    assertThat(found).as("the seeded 6x spike of trainer-1 on 2026-03-12").isNotEmpty();
    ReportInputs in = ReportInputs.builder(SeededData.MAR, SeededData.APR)
        .budgetStatuses(budgets())
        .optimizerRecommendations(List.of(rec(RecommendationKind.RIGHTSIZE, "gce-1", "120")), false)
        .optimizerRecommendations(List.of(rec(RecommendationKind.SPOT, "vm-3", "80")), true)
        .costAnomalies(found)
        .build();
    Reports reports = Reports.create(AnalyticsEngine.create(DATA.costs, DATA.metrics, DATA.clock), DATA.clock);
    Document exec = Jsoup.parse(ReportFormat.HTML.render(reports.executiveSummary(in)));
    assertThat(exec.select("#budget-table tbody tr")).hasSize(2);
    assertThat(exec.select("#budget-table").text()).contains("ML monthly", "Data monthly");
    assertThat(exec.text()).contains("$120.00/mo", "$80.00/mo");
    assertThat(exec.select("#savings-table").text()).contains("rightsizing", "gce-1", "spot", "ROI 3.5x");
    assertThat(exec.select("#anomaly-table").text()).contains("cost anomaly", "2026-03-12", "root cause");
    Document tech = Jsoup.parse(ReportFormat.HTML.render(reports.technicalReport(in)));
    assertThat(tech.select("#rightsizing-table").text()).contains("gce-1").doesNotContain("vm-3");
    assertThat(tech.select("#timeline-table").text()).contains("cost anomaly");
  }

  @Test
  void budgetLine_carriesAmountActualAndForecast() {
    io.stratus.finops.budget.BudgetStatus s = budgets().get(0);
    BudgetStatus line = FinOpsLines.budget(s);
    assertThat(line.amount()).isEqualByComparingTo(s.amount().amount());
    assertThat(line.actual()).isEqualByComparingTo(s.actual().amount());
    assertThat(line.forecast()).isEqualByComparingTo(s.forecast().amount());
  }

  @Test
  void falsePositives_areLeftOut_acceptedOnesSaySo() {
    CostAnomaly a = anomalies().get(0);
    CostAnomaly fp = new CostAnomaly(a.id(), a.monitorId(), a.scope(), a.granularity(), a.direction(), a.points(),
        a.impact(), a.rootCauses(), CostAnomaly.Status.FALSE_POSITIVE, "expected");
    CostAnomaly ok = new CostAnomaly(a.id(), a.monitorId(), a.scope(), a.granularity(), a.direction(), a.points(),
        a.impact(), a.rootCauses(), CostAnomaly.Status.ACCEPTED, "launch");
    ReportInputs in = ReportInputs.builder(SeededData.MAR, SeededData.APR).costAnomalies(List.of(fp, ok)).build();
    assertThat(in.events()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(TimelineEvent.Kind.COST_ANOMALY);
      assertThat(e.detail()).contains("accepted");
      assertThat(e.costImpact()).isEqualByComparingTo(a.impact().amount());
    });
  }

  @Test
  void finopsLinesInAnotherCurrency_areRejectedNamingThem() {
    Recommendation eur = new Recommendation(RecommendationKind.IDLE, "i-1", null, "stop", null, null,
        Money.of("10", "EUR"), Money.of("1", "EUR"), Risk.LOW, Risk.NONE, 1, Duration.ofDays(3),
        List.of(new Evidence("cpu", "0%", "idle")));
    assertThatThrownBy(() -> ReportInputs.builder(SeededData.MAR, SeededData.APR)
        .optimizerRecommendations(List.of(eur), false).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i-1").hasMessageContaining("EUR")
        .hasMessageContaining("USD");
    assertThat(ReportInputs.builder(SeededData.MAR, SeededData.APR).currency("EUR")
        .optimizerRecommendations(List.of(eur), false).build().recommendations()).hasSize(1);
    assertThat(new BigDecimal("10")).isEqualByComparingTo(ReportInputs.builder(SeededData.MAR, SeededData.APR)
        .currency("EUR").optimizerRecommendations(List.of(eur), false).build().recommendations().get(0)
        .monthlySavings());
  }
}
