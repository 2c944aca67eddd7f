package io.stratus.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stratus.monitoring.alerting.Alert;
import io.stratus.monitoring.spi.Aggregation;
import io.stratus.reporting.Dashboard;
import io.stratus.reporting.DashboardPage;
import io.stratus.reporting.GrafanaExport;
import io.stratus.reporting.GridPos;
import io.stratus.reporting.TimelineEvent;
import io.stratus.reporting.Widget;
import io.stratus.reporting.WidgetType;
import io.stratus.reporting.query.AnalyticsEngine;
import io.stratus.reporting.query.AnalyticsQuery;
import io.stratus.reporting.query.TimeGrain;
import io.stratus.reporting.query.TimeRange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves a live dashboard from the JDK's built-in HTTP server: a simulated fleet whose metrics advance one virtual
 * hour every few seconds, and a {@link Dashboard} (KPI, time series, stacked bars, top-N, table, alert list) that
 * the page re-queries on every load and reloads itself on the dashboard's refresh interval. {@code /} is the page,
 * {@code /dashboard.json} the dashboard definition and {@code /grafana.json} its Grafana export.
 *
 * <p>Run with {@code ./mvnw -q -pl samples exec:java -Dexec.mainClass=io.stratus.samples.LiveDashboardSample} and
 * open http://localhost:8080/ (optional arguments: the port, and the seconds per virtual hour, default 2).
 */
public final class LiveDashboardSample implements AutoCloseable {
  private final HttpServer server;
  private final ScheduledExecutorService ticker;
  private final ReportSample.Fleet fleet;
  private final Dashboard dashboard;

  private LiveDashboardSample(HttpServer server, ScheduledExecutorService ticker, ReportSample.Fleet fleet,
      Dashboard dashboard) {
    this.server = server;
    this.ticker = ticker;
    this.fleet = fleet;
    this.dashboard = dashboard;
  }

  /**
   * Serves until the process is stopped.
   *
   * @param args optional: the port (default 8080) and the wall-clock seconds per virtual hour (default 2)
   * @throws IOException if the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    long secondsPerHour = args.length > 1 ? Long.parseLong(args[1]) : 2;
    LiveDashboardSample s = start(port, 7, Duration.ofSeconds(secondsPerHour));
    System.out.println("Live dashboard on http://localhost:" + s.port() + "/ (Ctrl-C to stop)");
  }

  /**
   * Simulates a fleet over {@code days} days, starts the server and the virtual clock.
   *
   * @param port the port, 0 for any free one
   * @param days simulated days (1 to 90); the clock starts one day in
   * @param perVirtualHour wall-clock time per virtual hour
   * @return the running sample; close it to stop
   * @throws IOException if the port cannot be bound
   */
  public static LiveDashboardSample start(int port, int days, Duration perVirtualHour) throws IOException {
    ReportSample.Fleet fleet = ReportSample.Fleet.simulate(days);
    fleet.advanceTo(EndToEndDemo.START.plus(Duration.ofDays(1)));
    Dashboard dashboard = dashboard();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "live-dashboard-clock");
      t.setDaemon(true);
      return t;
    });
    LiveDashboardSample s = new LiveDashboardSample(server, ticker, fleet, dashboard);
    server.createContext("/", s::handle);
    server.start();
    long ms = Math.max(1, perVirtualHour.toMillis());
    ticker.scheduleAtFixedRate(s::tick, ms, ms, TimeUnit.MILLISECONDS);
    return s;
  }

  /** The sample's dashboard: the last 24 virtual hours of the fleet. */
  static Dashboard dashboard() {
    TimeRange day = TimeRange.last(Duration.ofDays(1));
    return new Dashboard("live-fleet", "Fleet, last 24 hours", Duration.ofSeconds(5), List.of(
        new Widget("spend", "Spend, last 24 h", WidgetType.KPI,
            AnalyticsQuery.cost().range(day).compareWithPrevious(true).build(), new GridPos(0, 0, 6, 3)),
        new Widget("cpu", "Average CPU by cloud, hourly", WidgetType.TIME_SERIES,
            AnalyticsQuery.metric("cpu.utilization").range(day).groupBy("provider").grain(TimeGrain.HOUR).build(),
            new GridPos(6, 0, 18, 6)),
        new Widget("team-cost", "Cost by team, hourly", WidgetType.STACKED_BAR,
            AnalyticsQuery.cost().range(day).groupBy("team").grain(TimeGrain.HOUR).build(),
            new GridPos(0, 6, 12, 6)),
        new Widget("top", "Top 5 machines by peak CPU", WidgetType.TOP_N,
            AnalyticsQuery.metric("cpu.utilization").range(day).aggregation(Aggregation.MAX).groupBy("resource")
                .top(5).build(), new GridPos(12, 6, 12, 6)),
        new Widget("regions", "Cost by cloud and region", WidgetType.TABLE,
            AnalyticsQuery.cost().range(day).groupBy("provider", "region").build(), new GridPos(0, 12, 12, 6)),
        new Widget("alerts", "HighCpu alerts", WidgetType.ALERT_LIST,
            AnalyticsQuery.metric("cpu.utilization").range(day).build(), new GridPos(12, 12, 12, 6))));
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The virtual time the page shows.
   *
   * @return the simulated now
   */
  public synchronized Instant now() {
    return fleet.now.get();
  }

  synchronized void tick() {
    fleet.advanceTo(fleet.now.get().plus(Duration.ofHours(1)));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String body;
      String type;
      synchronized (this) {
        if (path.equals("/")) {
          AnalyticsEngine engine = AnalyticsEngine.create(fleet.costs, fleet.metrics, fleet.now::get);
          body = DashboardPage.render(dashboard, engine, alerts());
          type = "text/html; charset=utf-8";
        } else if (path.equals("/dashboard.json")) {
          body = dashboard.toJson();
          type = "application/json";
        } else if (path.equals("/grafana.json")) {
          body = GrafanaExport.toGrafanaJson(dashboard);
          type = "application/json";
        } else {
          ex.sendResponseHeaders(404, -1);
          return;
        }
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private List<TimelineEvent> alerts() {
    List<TimelineEvent> out = new ArrayList<>();
    for (Alert a : fleet.alerts.alerts()) {
      a.firedAt().ifPresent(at -> out.add(new TimelineEvent(at, TimelineEvent.Kind.ALERT, "warning",
          a.labels().getOrDefault("team", "(no team)"), a.name() + " on " + a.labels().getOrDefault("resource", "?"),
          BigDecimal.ZERO)));
    }
    return out;
  }

  /** Stops the clock and the server. */
  @Override
  public void close() {
    ticker.shutdownNow();
    server.stop(0);
  }
}
