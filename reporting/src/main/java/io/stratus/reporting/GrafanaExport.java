package io.stratus.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.monitoring.spi.Aggregation;
import io.stratus.reporting.query.AnalyticsQuery;
import io.stratus.reporting.query.DataSet;
import io.stratus.reporting.query.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Exports a {@link Dashboard} as Grafana dashboard JSON (schema version {@value #SCHEMA_VERSION}): one panel per
 * widget with the same {@code gridPos}, targets in PromQL against a Prometheus data source chosen at import
 * ({@code ${DS_PROMETHEUS}}).
 *
 * <p>The PromQL reads these metric names, which a Prometheus exposition of Stratus data (the planned
 * {@code adapters/prometheus} module, not yet in the build) is to serve:
 * <ul>
 *   <li>a monitoring metric {@code a.b} (e.g. {@code cpu.utilization}) is {@code stratus_a_b} (e.g.
 *       {@code stratus_cpu_utilization}) with the series' labels unchanged;
 *   <li>cost is the counter {@code stratus_cost_<measure>_<currency>_total} (e.g.
 *       {@code stratus_cost_billed_usd_total}), cumulative billed cost with the labels {@code provider},
 *       {@code account}, {@code subaccount}, {@code region}, {@code zone}, {@code service}, {@code category},
 *       {@code resource}, {@code resourceName}, {@code sku} and {@code tag_<key>} for each tag ({@code tag:team}
 *       becomes {@code tag_team}); other FOCUS dimensions are not exported as labels and a query that filters or
 *       groups on one is rejected. Cost per bucket is {@code increase(...)} over the grain (a month is 30 days), and a
 *       total is {@code increase(...[$__range])}.
 * </ul>
 * Free-text search becomes a case-insensitive regular expression on the {@code resource} label, which is narrower
 * than the in-process search (that also reads names and tags).
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GrafanaExport {
  /** The Grafana dashboard schema version written. */
  public static final int SCHEMA_VERSION = 39;

  private static final Map<String, String> COST_LABELS = Map.ofEntries(Map.entry("ProviderName", "provider"),
      Map.entry("BillingAccountId", "account"), Map.entry("SubAccountId", "subaccount"),
      Map.entry("RegionId", "region"), Map.entry("AvailabilityZone", "zone"), Map.entry("ServiceName", "service"),
      Map.entry("ServiceCategory", "category"), Map.entry("ResourceId", "resource"),
      Map.entry("ResourceName", "resourceName"), Map.entry("SkuId", "sku"));
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private GrafanaExport() {}

  /**
   * The Grafana JSON of a dashboard.
   *
   * @param dashboard the dashboard; never null
   * @return pretty-printed Grafana dashboard JSON; never null
   * @throws IllegalArgumentException if a cost query uses a dimension the adapter does not export as a label
   */
  public static String toGrafanaJson(Dashboard dashboard) {
    Objects.requireNonNull(dashboard, "dashboard");
    ObjectNode root = JsonRenderer.MAPPER.createObjectNode();
    root.putNull("id");
    root.put("uid", dashboard.uid());
    root.put("title", dashboard.title());
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("version", 1);
    root.put("editable", true);
    root.put("timezone", "utc");
    root.put("refresh", seconds(dashboard.refresh()));
    root.putArray("tags").add("stratus");
    ObjectNode time = root.putObject("time");
    TimeRange range = dashboard.widgets().isEmpty() ? TimeRange.last(Duration.ofDays(7))
        : dashboard.widgets().get(0).query().range();
    time.put("from", range.last().map(l -> "now-" + seconds(l)).orElseGet(() -> range.from().orElseThrow()
        .toString()));
    time.put("to", range.last().isPresent() ? "now" : range.to().orElseThrow().toString());
    root.putObject("templating").putArray("list");
    root.putObject("annotations").putArray("list");
    ArrayNode panels = root.putArray("panels");
    int id = 1;
    for (Widget w : dashboard.widgets()) {
      panels.add(panel(w, id++));
    }
    try {
      return JsonRenderer.MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to print", e);
    }
  }

  private static ObjectNode panel(Widget w, int id) {
    ObjectNode p = JsonRenderer.MAPPER.createObjectNode();
    p.put("id", id);
    p.put("title", w.title());
    p.put("type", panelType(w.type()));
    ObjectNode pos = p.putObject("gridPos");
    pos.put("x", w.pos().x());
    pos.put("y", w.pos().y());
    pos.put("w", w.pos().w());
    pos.put("h", w.pos().h());
    AnalyticsQuery q = w.query();
    if (w.type() == WidgetType.ALERT_LIST) {
      ObjectNode options = p.putObject("options");
      options.put("viewMode", "list");
      options.put("sortOrder", 1);
      options.put("maxItems", 20);
      options.put("alertInstanceLabelFilter", String.join(", ", matchers(q)));
      return p;
    }
    ObjectNode ds = p.putObject("datasource");
    ds.put("type", "prometheus");
    ds.put("uid", "${DS_PROMETHEUS}");
    ObjectNode target = p.putArray("targets").addObject();
    target.put("refId", "A");
    target.set("datasource", ds.deepCopy());
    target.put("expr", promQl(w));
    List<String> labels = labels(q, q.groupBy());
    target.put("legendFormat", labels.isEmpty() ? w.title() : String.join(" / ",
        labels.stream().map(l -> "{{" + l + "}}").toList()));
    boolean instant = w.type() == WidgetType.KPI || w.type() == WidgetType.TABLE || w.type() == WidgetType.TOP_N
        || w.type() == WidgetType.BAR;
    target.put("instant", instant);
    target.put("range", !instant);
    if (w.type() == WidgetType.TABLE) {
      target.put("format", "table");
    }
    ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
    defaults.put("unit", q.dataSet() == DataSet.COST ? "currency" + q.currency() : "percent");
    if (w.type() == WidgetType.STACKED_BAR) {
      ObjectNode custom = defaults.putObject("custom");
      custom.put("drawStyle", "bars");
      custom.putObject("stacking").put("mode", "normal");
    }
    return p;
  }

  private static String panelType(WidgetType t) {
    switch (t) {
      case KPI:
        return "stat";
      case TIME_SERIES:
      case STACKED_BAR:
        return "timeseries";
      case TABLE:
        return "table";
      case ALERT_LIST:
        return "alertlist";
      default:
        return "bargauge";
    }
  }

  /**
   * The PromQL expression of a widget's query.
   *
   * @param w the widget; never null
   * @return the expression; never null
   * @throws IllegalArgumentException if a cost dimension has no exported label
   */
  static String promQl(Widget w) {
    AnalyticsQuery q = w.query();
    boolean total = w.type() == WidgetType.KPI || w.type() == WidgetType.TABLE || w.type() == WidgetType.TOP_N
        || w.type() == WidgetType.BAR;
    String selector = metricName(q) + "{" + String.join(",", matchers(q)) + "}";
    String by = q.groupBy().isEmpty() ? "" : " by (" + String.join(", ", labels(q, q.groupBy())) + ")";
    String expr;
    if (q.dataSet() == DataSet.COST) {
      String window = total ? "$__range" : grainWindow(q);
      expr = "sum" + by + " (increase(" + selector + "[" + window + "]))";
    } else {
      String agg = aggregation(q.aggregation());
      String inner = total ? agg + "_over_time(" + selector + "[$__range])" : selector;
      if (q.aggregation() == Aggregation.LAST) {
        inner = "last_over_time(" + selector + "[" + (total ? "$__range" : "$__interval") + "])";
      } else if (q.aggregation() == Aggregation.COUNT) {
        inner = total ? "count_over_time(" + selector + "[$__range])" : selector;
        agg = total ? "sum" : "count";
      }
      expr = agg + by + " (" + inner + ")";
    }
    return q.limit() > 0 ? "topk(" + q.limit() + ", " + expr + ")" : expr;
  }

  private static String aggregation(Aggregation a) {
    switch (a) {
      case MIN:
        return "min";
      case MAX:
        return "max";
      case SUM:
        return "sum";
      case COUNT:
        return "count";
      case LAST:
        return "max";
      default:
        return "avg";
    }
  }

  private static String grainWindow(AnalyticsQuery q) {
    switch (q.grain()) {
      case HOUR:
        return "1h";
      case DAY:
        return "1d";
      case MONTH:
        return "30d";
      default:
        return "$__interval";
    }
  }

  static String metricName(AnalyticsQuery q) {
    if (q.dataSet() == DataSet.COST) {
      return "stratus_cost_" + q.measure().toLowerCase(Locale.ROOT) + "_" + q.currency().toLowerCase(Locale.ROOT)
          + "_total";
    }
    return "stratus_" + q.measure().replaceAll("[^a-zA-Z0-9_:]", "_");
  }

  private static List<String> matchers(AnalyticsQuery q) {
    List<String> out = new ArrayList<>();
    List<String> dims = new ArrayList<>(q.filters().keySet());
    List<String> labels = labels(q, dims);
    for (int i = 0; i < dims.size(); i++) {
      Set<String> values = q.filters().get(dims.get(i));
      out.add(values.size() == 1 ? labels.get(i) + "=\"" + quote(values.iterator().next()) + "\""
          : labels.get(i) + "=~\"" + quote(String.join("|", values.stream().map(GrafanaExport::regexLiteral)
              .toList())) + "\"");
    }
    if (!q.search().isEmpty()) {
      out.add("resource=~\"" + quote("(?i).*" + regexLiteral(q.search()) + ".*") + "\"");
    }
    return out;
  }

  private static List<String> labels(AnalyticsQuery q, List<String> dims) {
    List<String> out = new ArrayList<>();
    for (String d : dims) {
      if (q.dataSet() == DataSet.METRICS) {
        out.add(d);
      } else if (d.startsWith("tag:")) {
        String label = "tag_" + d.substring(4).replaceAll("[^a-zA-Z0-9_]", "_");
        out.add(label);
      } else {
        String label = COST_LABELS.get(d);
        if (label == null) {
          throw new IllegalArgumentException("cost dimension '" + d + "' has no Prometheus label; the exported "
              + "ones are " + COST_LABELS.keySet() + " and tag:<key>");
        }
        out.add(label);
      }
    }
    for (String l : out) {
      if (!LABEL.matcher(l).matches()) {
        throw new IllegalArgumentException("label '" + l + "' is not a valid Prometheus label name");
      }
    }
    return out;
  }

  private static String regexLiteral(String s) {
    return s.replaceAll("([\\\\.^$|?*+()\\[\\]{}])", "\\\\$1");
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String seconds(Duration d) {
    long s = d.toSeconds();
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
