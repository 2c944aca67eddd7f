package io.stratus.adapters.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks the dashboard against Grafana's dashboard model (the fields Grafana reads on import: schemaVersion, uid,
 * title, time, templating, annotations, and panels with a unique id, a known type, a gridPos inside the 24-column
 * grid that overlaps no other panel, a Prometheus datasource and targets with refId and expr), the same checks the
 * reporting module applies to its Grafana export.
 */
class StratusDashboardTest {
  /** Every metric the panels read, as Micrometer's Prometheus registry names the SDK's meters. */
  static final Pattern METRIC = Pattern.compile("\\bstratus_[a-z0-9_]+");

  static JsonNode dashboard() throws Exception {
    return new ObjectMapper().readTree(StratusDashboard.json());
  }

  @Test
  void dashboard_fitsGrafanasDashboardModel() throws Exception {
    JsonNode g = dashboard();
    assertThat(g.get("schemaVersion").asInt()).isEqualTo(39);
    assertThat(g.get("uid").asText()).isEqualTo("stratus-sdk");
    assertThat(g.get("title").asText()).isNotBlank();
    assertThat(g.get("id").isNull()).isTrue();
    assertThat(g.get("time").get("from").asText()).startsWith("now-");
    assertThat(g.get("templating").get("list").isArray()).isTrue();
    assertThat(g.get("annotations").get("list").isArray()).isTrue();
    assertThat(g.get("__inputs").get(0).get("name").asText()).isEqualTo("DS_PROMETHEUS");
    Set<Integer> ids = new HashSet<>();
    List<int[]> boxes = new ArrayList<>();
    for (JsonNode p : g.get("panels")) {
      assertThat(ids.add(p.get("id").asInt())).as("unique panel id").isTrue();
      assertThat(p.get("type").asText()).isIn("timeseries", "stat");
      JsonNode pos = p.get("gridPos");
      int[] box = {pos.get("x").asInt(), pos.get("y").asInt(), pos.get("w").asInt(), pos.get("h").asInt()};
      assertThat(box[0] + box[2]).as("panel %s inside the grid", p.get("title")).isLessThanOrEqualTo(24);
      assertThat(box[2]).isPositive();
      assertThat(box[3]).isPositive();
      for (int[] o : boxes) {
        assertThat(box[0] < o[0] + o[2] && o[0] < box[0] + box[2] && box[1] < o[1] + o[3] && o[1] < box[1] + box[3])
            .as("panel %s overlaps another", p.get("title")).isFalse();
      }
      boxes.add(box);
      assertThat(p.get("datasource").get("type").asText()).isEqualTo("prometheus");
      assertThat(p.get("datasource").get("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
      JsonNode t = p.get("targets").get(0);
      assertThat(t.get("refId").asText()).isEqualTo("A");
      String expr = t.get("expr").asText();
      assertThat(METRIC.matcher(expr).find()).as(expr).isTrue();
      assertThat(balanced(expr)).as("balanced brackets in %s", expr).isTrue();
    }
    assertThat(ids).hasSizeGreaterThanOrEqualTo(12);
  }

  /** The names every panel reads. */
  static Set<String> metricNames() throws Exception {
    Set<String> out = new HashSet<>();
    for (String expr : dashboard().findValuesAsText("expr")) {
      Matcher m = METRIC.matcher(expr);
      while (m.find()) {
        out.add(m.group());
      }
    }
    return out;
  }

  private static boolean balanced(String s) {
    int round = 0;
    int square = 0;
    int curly = 0;
    for (char c : s.toCharArray()) {
      round += c == '(' ? 1 : c == ')' ? -1 : 0;
      square += c == '[' ? 1 : c == ']' ? -1 : 0;
      curly += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (round < 0 || square < 0 || curly < 0) {
        return false;
      }
    }
    return round == 0 && square == 0 && curly == 0;
  }
}
