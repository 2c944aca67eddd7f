package io.stratus.reporting;

import io.stratus.reporting.query.AnalyticsEngine;
import io.stratus.reporting.query.AnalyticsQuery;
import io.stratus.reporting.query.QueryResult;
import io.stratus.reporting.query.ResultRow;
import io.stratus.reporting.query.TimeGrain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Renders a {@link Dashboard} as one self-contained HTML page: every widget's query is run on an
 * {@link AnalyticsEngine} and drawn (KPI, chart or table) at its grid position; on a narrow screen the widgets
 * stack in one column. The page reloads itself every {@link Dashboard#refresh()}.
 *
 * <p>Stateless and thread-safe if the engine's stores are.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DashboardPage {
  private DashboardPage() {}

  /**
   * Renders a dashboard.
   *
   * @param dashboard the dashboard; never null
   * @param engine runs the widgets' queries; never null
   * @param alerts the alerts an {@link WidgetType#ALERT_LIST} shows (filtered by the widget's query filters on
   *     {@link TimelineEvent#subject()}); never null
   * @param out where to write; never null
   * @throws UncheckedIOException if the sink fails
   */
  public static void render(Dashboard dashboard, AnalyticsEngine engine, List<TimelineEvent> alerts,
      Appendable out) {
    Objects.requireNonNull(dashboard, "dashboard");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(out, "out");
    try {
      HtmlRenderer html = new HtmlRenderer(out);
      html.head(dashboard.title(), "<meta http-equiv=\"refresh\" content=\"" + dashboard.refresh().toSeconds()
          + "\"><style>.grid{display:grid;grid-template-columns:repeat(24,1fr);grid-auto-rows:minmax(60px,auto);"
          + "gap:12px}.widget{border:1px solid var(--line);border-radius:8px;padding:8px;min-width:0;overflow:auto}"
          + ".widget h2{font-size:1em;margin:0 0 .4em;border:0}@media (max-width:700px){.grid{display:block}"
          + ".widget{margin-bottom:12px}}</style>");
      out.append("<h1>").append(HtmlRenderer.esc(dashboard.title())).append("</h1><div class=\"grid\">\n");
      for (Widget w : dashboard.widgets()) {
        GridPos p = w.pos();
        out.append("<section class=\"widget\" id=\"w-").append(w.id()).append("\" data-widget=\"")
            .append(w.type().name().toLowerCase(java.util.Locale.ROOT)).append("\" style=\"grid-column:")
            .append(Integer.toString(p.x() + 1)).append(" / span ").append(Integer.toString(p.w()))
            .append(";grid-row:").append(Integer.toString(p.y() + 1)).append(" / span ")
            .append(Integer.toString(p.h())).append("\"><h2>").append(HtmlRenderer.esc(w.title())).append("</h2>");
        html.block(block(w, engine, alerts));
        out.append("</section>\n");
      }
      out.append("</div>\n");
      html.tail();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering dashboard '" + dashboard.uid() + "' failed", e);
    }
  }

  /**
   * Renders a dashboard to a string.
   *
   * @param dashboard the dashboard; never null
   * @param engine runs the widgets' queries; never null
   * @param alerts the alerts an alert list shows; never null
   * @return the HTML page; never null
   */
  public static String render(Dashboard dashboard, AnalyticsEngine engine, List<TimelineEvent> alerts) {
    StringBuilder sb = new StringBuilder(32 * 1024);
    render(dashboard, engine, alerts, sb);
    return sb.toString();
  }

  private static Block block(Widget w, AnalyticsEngine engine, List<TimelineEvent> alerts) {
    AnalyticsQuery q = w.query();
    if (w.type() == WidgetType.ALERT_LIST) {
      List<Table.Row> rows = new ArrayList<>();
      int i = 0;
      for (TimelineEvent e : alerts) {
        if (q.filters().values().stream().allMatch(v -> v.contains(e.subject()))) {
          rows.add(new Table.Row("a" + i++, "", List.of(Fmt.minute(e.at()), e.severity(), e.subject(),
              e.detail())));
        }
      }
      return new Table(w.id() + "-alerts", w.title(), List.of(Table.Column.text("Time (UTC)"),
          Table.Column.text("Severity"), Table.Column.text("Subject"), Table.Column.text("Detail")), rows);
    }
    if (w.type() == WidgetType.TIME_SERIES || w.type() == WidgetType.STACKED_BAR) {
      AnalyticsQuery bucketed = q.grain() == TimeGrain.TOTAL ? q.toBuilder().grain(TimeGrain.DAY).build() : q;
      return series(w, engine.run(bucketed));
    }
    QueryResult r = engine.run(q);
    if (w.type() == WidgetType.KPI) {
      String value = r.unit().length() == 3 && r.unit().equals(r.unit().toUpperCase(java.util.Locale.ROOT))
          ? Fmt.money(r.total(), r.unit()) : Fmt.number(r.total().doubleValue()) + " " + r.unit();
      String note = "";
      if (!r.comparison().isEmpty()) {
        BigDecimal prev = r.comparison().stream().map(c -> c.previous()).reduce(BigDecimal.ZERO, BigDecimal::add);
        note = prev.signum() == 0 ? "" : Fmt.signedPercent(r.total().subtract(prev).divide(prev,
            java.math.MathContext.DECIMAL64)) + " vs previous period";
      }
      return new Block.Kpis(List.of(new Block.Kpi(w.title(), value, note, Block.Tone.NEUTRAL)));
    }
    Map<List<String>, BigDecimal> totals = r.totalsByKey();
    if (w.type() == WidgetType.BAR || w.type() == WidgetType.TOP_N) {
      List<String> names = totals.keySet().stream().map(k -> String.join(" / ", k)).toList();
      return new Chart(w.id() + "-chart", w.title(), ChartType.BAR, String.join(" / ", q.groupBy()), q.measure(),
          r.unit(), names, List.of(new Chart.Series(q.measure(), totals.values().stream()
              .map(BigDecimal::doubleValue).toList())));
    }
    List<Table.Column> cols = new ArrayList<>();
    q.groupBy().forEach(g -> cols.add(Table.Column.text(g)));
    cols.add(Table.Column.number(q.measure(), r.unit()));
    List<Table.Row> rows = new ArrayList<>();
    int i = 0;
    for (Map.Entry<List<String>, BigDecimal> e : totals.entrySet()) {
      List<String> cells = new ArrayList<>(e.getKey());
      cells.add(Fmt.cell(e.getValue()));
      rows.add(new Table.Row("r" + i++, "", cells));
    }
    return new Table(w.id() + "-table", w.title(), cols, rows);
  }

  private static Chart series(Widget w, QueryResult r) {
    TreeSet<Instant> buckets = new TreeSet<>();
    r.rows().forEach(row -> buckets.add(row.bucket()));
    List<Instant> axis = new ArrayList<>(buckets);
    Map<String, double[]> values = new LinkedHashMap<>();
    for (ResultRow row : r.rows()) {
      String name = row.key().isEmpty() ? w.query().measure() : String.join(" / ", row.key());
      values.computeIfAbsent(name, k -> new double[axis.size()])[axis.indexOf(row.bucket())] =
          row.value().doubleValue();
    }
    List<Chart.Series> series = new ArrayList<>();
    values.forEach((n, v) -> series.add(new Chart.Series(n, java.util.Arrays.stream(v).boxed().toList())));
    boolean hourly = w.query().grain() == TimeGrain.HOUR;
    // credits can make a bucket negative; stacking needs non-negative parts, so such data is drawn as grouped bars
    boolean negative = values.values().stream().flatMapToDouble(java.util.Arrays::stream).anyMatch(v -> v < 0);
    ChartType type = w.type() != WidgetType.STACKED_BAR ? ChartType.LINE
        : negative ? ChartType.BAR : ChartType.STACKED_BAR;
    return new Chart(w.id() + "-chart", w.title(), type, hourly ? "Hour (UTC)" : "Day (UTC)", w.query().measure(), r.unit(),
        axis.stream().map(t -> hourly ? Fmt.minute(t) : Fmt.day(t)).toList(), series);
  }
}
