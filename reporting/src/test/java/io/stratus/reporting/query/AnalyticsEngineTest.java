package io.stratus.reporting.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.spi.Aggregation;
import io.stratus.reporting.SeededData;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsEngineTest {
  static final SeededData DATA = SeededData.create(7);
  static final AnalyticsEngine ENGINE = AnalyticsEngine.create(DATA.costs, DATA.metrics, DATA.clock);
  static final TimeRange MARCH = TimeRange.between(SeededData.MAR, SeededData.APR);

  @Test
  void run_groupByProvider_sumsToTotal() {
    QueryResult all = ENGINE.run(AnalyticsQuery.cost().range(MARCH).build());
    QueryResult byProvider = ENGINE.run(AnalyticsQuery.cost().range(MARCH).groupBy("provider").build());
    assertThat(byProvider.totalsByKey()).containsOnlyKeys(List.of("AWS"), List.of("Google Cloud"),
        List.of("Microsoft"));
    assertThat(byProvider.total()).isEqualByComparingTo(all.total());
    assertThat(all.rows()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(12 * 31));
    assertThat(all.unit()).isEqualTo("USD");
  }

  @Test
  void run_filterAndSearch_narrowToMatchingResources() {
    QueryResult search = ENGINE.run(AnalyticsQuery.cost().range(MARCH).search("TRAINER").groupBy("resource").build());
    assertThat(search.totalsByKey().keySet()).containsExactlyInAnyOrder(List.of("gce-1"), List.of("gce-2"));
    QueryResult tag = ENGINE.run(AnalyticsQuery.cost().range(MARCH).where("team", "search").groupBy("resource")
        .build());
    assertThat(tag.totalsByKey().keySet()).containsExactlyInAnyOrder(List.of("i-0b1"), List.of("vm-1"),
        List.of("vm-2"));
    QueryResult byTagSearch = ENGINE.run(AnalyticsQuery.cost().range(MARCH).search("staging").groupBy("resource")
        .build());
    assertThat(byTagSearch.totalsByKey()).hasSize(4);
  }

  @Test
  void run_dayGrain_bucketsEachDayAndTopLimitsGroups() {
    QueryResult daily = ENGINE.run(AnalyticsQuery.cost().range(MARCH).grain(TimeGrain.DAY).groupBy("service").top(2)
        .build());
    assertThat(daily.totalsByKey()).hasSize(2);
    assertThat(daily.rows()).hasSize(2 * 31);
    assertThat(daily.rows().get(0).bucket()).isEqualTo(SeededData.MAR);
  }

  @Test
  void run_compareWithPrevious_reportsFebruaryAgainstMarch() {
    QueryResult r = ENGINE.run(AnalyticsQuery.cost().range(TimeRange.last(Duration.ofDays(31)))
        .groupBy("provider").compareWithPrevious(true).build());
    assertThat(r.from()).isEqualTo(SeededData.MAR);
    assertThat(r.comparison()).hasSize(3);
    BigDecimal prev = ENGINE.run(AnalyticsQuery.cost()
        .range(TimeRange.between(SeededData.MAR.minus(Duration.ofDays(31)), SeededData.MAR)).build()).total();
    assertThat(r.comparison().stream().map(Comparison::previous).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(prev);
  }

  @Test
  void run_metricsGroupedByRegion_averagesSamples() {
    QueryResult r = ENGINE.run(AnalyticsQuery.metric(MetricVocabulary.CPU_UTILIZATION).range(MARCH)
        .groupBy("region").build());
    assertThat(r.totalsByKey()).hasSize(6);
    assertThat(r.unit()).isEqualTo("percent");
    QueryResult count = ENGINE.run(AnalyticsQuery.metric(MetricVocabulary.CPU_UTILIZATION).range(MARCH)
        .aggregation(Aggregation.COUNT).where("resource", List.of("vm-1", "vm-2")).build());
    assertThat(count.total()).isEqualByComparingTo(BigDecimal.valueOf(2 * 31 * 24));
  }

  @Test
  void run_otherCurrency_isCountedAsExcluded() {
    QueryResult eur = ENGINE.run(AnalyticsQuery.cost().range(MARCH).currency("eur").build());
    assertThat(eur.rows()).isEmpty();
    assertThat(eur.excluded()).isEqualTo(Map.of("currency USD", 12L * 31));
  }

  @Test
  void builder_badInput_namesFieldAndRule() {
    assertThatThrownBy(() -> AnalyticsQuery.cost().where("colour", "red"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'colour'").hasMessageContaining("alias");
    assertThatThrownBy(() -> AnalyticsQuery.cost().groupBy("provider", "ProviderName"))
        .hasMessageContaining("repeats");
    assertThatThrownBy(() -> AnalyticsQuery.cost().top(-1)).hasMessageContaining("top must be >= 0, got -1");
    assertThatThrownBy(() -> AnalyticsQuery.cost().build()).hasMessageContaining("range");
    AnalyticsQuery q = AnalyticsQuery.cost().range(MARCH).build();
    assertThatThrownBy(() -> q.drillDown(DrillPath.REGION_VM, List.of("eastus", "vm-3")))
        .hasMessageContaining("at most 1 chosen values");
  }

  @Test
  void savedView_roundTripsThroughJson() {
    AnalyticsQuery q = AnalyticsQuery.cost().range(TimeRange.last(Duration.ofDays(7))).where("provider",
        List.of("AWS", "Microsoft")).where("tag:env", "prod").search("web").groupBy("service", "team")
        .grain(TimeGrain.DAY).compareWithPrevious(true).top(5).currency("USD").build();
    SavedView v = new SavedView("Weekly web spend", "web tier by service and team", q);
    SavedView back = SavedView.fromJson(v.toJson());
    assertThat(back).isEqualTo(v);
    AnalyticsQuery m = AnalyticsQuery.metric("cpu.utilization").range(MARCH).aggregation(Aggregation.MAX)
        .groupBy("region").build();
    assertThat(SavedView.fromJson(new SavedView("cpu", "", m).toJson()).query()).isEqualTo(m);
  }

  @Test
  void savedView_badJson_namesTheField() {
    assertThatThrownBy(() -> SavedView.fromJson("{\"format\":\"stratus.view/1\",\"name\":\"x\",\"query\":"
        + "{\"dataSet\":\"cost\",\"measure\":\"BILLED\",\"range\":{\"last\":\"P1D\"},\"grain\":\"week\"}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("view.query.grain")
        .hasMessageContaining("'week'");
    assertThatThrownBy(() -> SavedView.fromJson("{\"format\":\"v0\"}")).hasMessageContaining("view.format");
    assertThatThrownBy(() -> SavedView.fromJson("{")).hasMessageContaining("not valid JSON at line 1");
  }
}
