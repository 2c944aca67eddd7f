package io.stratus.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.monitoring.spi.Aggregation;
import io.stratus.reporting.query.AnalyticsEngine;
import io.stratus.reporting.query.AnalyticsQuery;
import io.stratus.reporting.query.TimeGrain;
import io.stratus.reporting.query.TimeRange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class DashboardTest {
  static final TimeRange WEEK = TimeRange.last(Duration.ofDays(7));

  static Dashboard sample() {
    return new Dashboard("cloud-overview", "Cloud overview", Duration.ofSeconds(30), List.of(
        new Widget("spend", "Spend, last 7 days", WidgetType.KPI,
            AnalyticsQuery.cost().range(WEEK).compareWithPrevious(true).build(), new GridPos(0, 0, 6, 3)),
        new Widget("cpu", "Average CPU by region", WidgetType.TIME_SERIES,
            AnalyticsQuery.metric("cpu.utilization").range(WEEK).groupBy("region").grain(TimeGrain.DAY).build(),
            new GridPos(6, 0, 18, 6)),
        new Widget("by-service", "Daily cost by provider", WidgetType.STACKED_BAR,
            AnalyticsQuery.cost().range(WEEK).groupBy("provider").grain(TimeGrain.DAY).build(),
            new GridPos(0, 6, 12, 6)),
        new Widget("top", "Top 5 resources", WidgetType.TOP_N,
            AnalyticsQuery.cost().range(WEEK).groupBy("resource").where("team", List.of("search", "ml")).top(5)
                .build(), new GridPos(12, 6, 12, 6)),
        new Widget("peak", "Peak CPU by machine", WidgetType.BAR, AnalyticsQuery.metric("cpu.utilization")
            .range(WEEK).aggregation(Aggregation.MAX).groupBy("resource").search("vm").build(),
            new GridPos(0, 12, 12, 6)),
        new Widget("table", "Cost by team and service", WidgetType.TABLE,
            AnalyticsQuery.cost().range(WEEK).groupBy("team", "service").build(), new GridPos(12, 12, 12, 6)),
        new Widget("alerts", "Search alerts", WidgetType.ALERT_LIST,
            AnalyticsQuery.metric("cpu.utilization").range(WEEK).where("team", "search").build(),
            new GridPos(0, 18, 24, 4))));
  }

  @Test
  void json_roundTrips() {
    Dashboard d = sample();
    assertThat(Dashboard.fromJson(d.toJson())).isEqualTo(d);
  }

  @Test
  void layout_rejectsOverlapAndOffGrid() {
    AnalyticsQuery q = AnalyticsQuery.cost().range(WEEK).build();
    assertThatThrownBy(() -> new Dashboard("d", "d", Duration.ofSeconds(30), List.of(
        new Widget("a", "a", WidgetType.KPI, q, new GridPos(0, 0, 12, 4)),
        new Widget("b", "b", WidgetType.KPI, q, new GridPos(11, 3, 4, 4)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'").hasMessageContaining("'b'")
        .hasMessageContaining("overlap");
    assertThat(new GridPos(0, 0, 12, 4).overlaps(new GridPos(12, 0, 12, 4))).isFalse();
    assertThatThrownBy(() -> new GridPos(20, 0, 5, 1)).hasMessageContaining("x + w <= 24")
        .hasMessageContaining("x=20");
    assertThatThrownBy(() -> new Widget("t", "t", WidgetType.TOP_N, q, new GridPos(0, 0, 1, 1)))
        .hasMessageContaining("top-N limit");
    assertThatThrownBy(() -> Dashboard.fromJson(sample().toJson().replace("\"x\" : 6", "\"x\" : \"six\"")))
        .hasMessageContaining("dashboard.widgets[1].pos.x must be an integer");
  }

  @Test
  void grafanaExport_isStructurallyValid() throws Exception {
    Dashboard d = sample();
    JsonNode g = new ObjectMapper().readTree(GrafanaExport.toGrafanaJson(d));
    assertThat(g.get("schemaVersion").asInt()).isEqualTo(GrafanaExport.SCHEMA_VERSION);
    assertThat(g.get("uid").asText()).isEqualTo("cloud-overview");
    assertThat(g.get("time").get("from").asText()).isEqualTo("now-7d");
    assertThat(g.get("refresh").asText()).isEqualTo("30s");
    Set<String> types = Set.of("stat", "timeseries", "bargauge", "table", "alertlist");
    Set<Integer> ids = new HashSet<>();
    List<int[]> boxes = new ArrayList<>();
    Pattern metric = Pattern.compile("stratus_[a-z0-9_]+\\{");
    for (JsonNode p : g.get("panels")) {
      assertThat(ids.add(p.get("id").asInt())).as("unique panel id").isTrue();
      assertThat(types).contains(p.get("type").asText());
      JsonNode pos = p.get("gridPos");
      int[] box = {pos.get("x").asInt(), pos.get("y").asInt(), pos.get("w").asInt(), pos.get("h").asInt()};
      assertThat(box[0] + box[2]).isLessThanOrEqualTo(24);
      for (int[] o : boxes) {
        assertThat(box[0] < o[0] + o[2] && o[0] < box[0] + box[2] && box[1] < o[1] + o[3] && o[1] < box[1] + box[3])
            .as("panels overlap").isFalse();
      }
      boxes.add(box);
      if (p.get("type").asText().equals("alertlist")) {
        assertThat(p.get("options").get("alertInstanceLabelFilter").asText()).isEqualTo("team=\"search\"");
        continue;
      }
      JsonNode t = p.get("targets").get(0);
      assertThat(t.get("refId").asText()).isEqualTo("A");
      String expr = t.get("expr").asText();
      assertThat(metric.matcher(expr).find()).as(expr).isTrue();
      assertThat(balanced(expr)).as("balanced brackets in %s", expr).isTrue();
      assertThat(p.get("datasource").get("type").asText()).isEqualTo("prometheus");
    }
    assertThat(ids).hasSize(7);
    List<String> exprs = g.get("panels").findValuesAsText("expr");
    assertThat(exprs).contains("sum (increase(stratus_cost_billed_usd_total{}[$__range]))",
        "avg by (region) (stratus_cpu_utilization{})",
        "sum by (provider) (increase(stratus_cost_billed_usd_total{}[1d]))",
        "topk(5, sum by (resource) (increase(stratus_cost_billed_usd_total{tag_team=~\"ml|search\"}[$__range])))",
        "max by (resource) (max_over_time(stratus_cpu_utilization{resource=~\"(?i).*vm.*\"}[$__range]))",
        "sum by (tag_team, service) (increase(stratus_cost_billed_usd_total{}[$__range]))");
  }

  @Test
  void grafanaExport_rejectsDimensionsWithoutLabels() {
    Dashboard d = new Dashboard("x", "x", Duration.ofMinutes(1), List.of(new Widget("k", "k", WidgetType.KPI,
        AnalyticsQuery.cost().range(WEEK).where("ChargeCategory", "Usage").build(), new GridPos(0, 0, 4, 2))));
    assertThatThrownBy(() -> GrafanaExport.toGrafanaJson(d)).hasMessageContaining("'ChargeCategory'");
  }

  @Test
  void page_rendersEveryWidgetAtItsPosition() {
    SeededData data = SeededData.create(5);
    AnalyticsEngine engine = AnalyticsEngine.create(data.costs, data.metrics, data.clock);
    String html = DashboardPage.render(sample(), engine, List.of(new TimelineEvent(Instant.parse(
        "2026-03-30T10:00:00Z"), TimelineEvent.Kind.ALERT, "warning", "search", "HighCpu on vm-1", BigDecimal.ZERO)));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("meta[http-equiv=refresh]").attr("content")).isEqualTo("30");
    assertThat(doc.select("section.widget")).hasSize(7);
    assertThat(doc.getElementById("w-cpu").attr("style")).isEqualTo("grid-column:7 / span 18;grid-row:1 / span 6");
    assertThat(doc.select("#w-spend .kpi-value").text()).startsWith("$");
    assertThat(doc.select("#w-cpu svg polyline")).hasSize(6);
    assertThat(doc.select("#w-by-service svg rect.bar")).hasSize(3 * 7);
    assertThat(doc.select("#w-top svg rect.bar")).hasSize(5);
    assertThat(doc.select("#w-alerts tbody tr")).hasSize(1);
  }

  private static boolean balanced(String s) {
    int depth = 0;
    for (char c : s.toCharArray()) {
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
