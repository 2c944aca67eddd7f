package io.stratus.adapters.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stratus.ProviderException;
import io.stratus.monitoring.spi.MetricKind;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import io.stratus.testkit.monitoring.MetricsSourceCompatibilityKit;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Against a real Prometheus (Debian's {@code prometheus} package; {@code .ci/run} installs it) on loopback: the test
 * starts a {@link PrometheusExporter} with a few Stratus-style meters, starts its own Prometheus with a temporary
 * configuration that scrapes the exporter every second on a free port, waits for data, and reads it back through
 * {@link PrometheusMetricsSource}. Skips, saying why, when no {@code prometheus} binary is installed.
 */
class RealPrometheusTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ExecutorService executor;
  private static PrometheusMeterRegistry registry;
  private static PrometheusExporter exporter;
  private static Process prometheus;
  private static Path dir;
  private static URI server;
  private static Instant windowStart;
  private static Instant windowEnd;

  @BeforeAll
  static void startPrometheus() throws Exception {
    String binary = findBinary();
    Assumptions.assumeTrue(binary != null, "no prometheus binary on PATH or in /usr/bin: install Debian's"
        + " 'prometheus' package (.ci/run does) to run the real-server test");
    executor = Executors.newSingleThreadExecutor();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter requests = Counter.builder("http.requests").tag("route", "/schedule").register(registry);
    Counter decisions = Counter.builder("stratus.scheduler.decisions").tag("scheduler", "cost-aware")
        .tag("mode", "single").tag("outcome", "placed").register(registry);
    exporter = PrometheusExporter.start(registry, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        executor);
    dir = Files.createTempDirectory("stratus-prometheus-test");
    int port = freePort();
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        + "scrape_configs:\n  - job_name: stratus\n    scrape_interval: 1s\n    static_configs:\n"
        + "      - targets: ['127.0.0.1:" + exporter.port() + "']\n");
    prometheus = new ProcessBuilder(binary, "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    server = URI.create("http://127.0.0.1:" + port);
    // the counters move between scrapes, as a live service's do
    Instant deadline = Instant.now().plusSeconds(90);
    int scraped = 0;
    while (scraped < 8) {
      if (!prometheus.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Prometheus did not collect 8 scrapes in time; its log:\n"
            + Files.readString(dir.resolve("prometheus.log")));
      }
      requests.increment(3);
      decisions.increment();
      Thread.sleep(500);
      scraped = samplesStored();
    }
    // a window of complete, past data: from the first instant with data to a second before now
    windowEnd = Instant.now().minusSeconds(1);
    windowStart = windowEnd.minusSeconds(scraped - 1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor();
    }
    if (exporter != null) {
      exporter.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static String findBinary() {
    List<String> candidates = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(d + "/prometheus");
    }
    candidates.add("/usr/bin/prometheus");
    return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** How many samples of the test counter Prometheus holds (0 until it answers). */
  private static int samplesStored() {
    try {
      JsonNode r = instantQuery("count_over_time(http_requests_total[5m])");
      JsonNode result = r.path("data").path("result");
      return result.isEmpty() ? 0 : result.get(0).path("value").get(1).asInt();
    } catch (IOException e) {
      return 0; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode instantQuery(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static PrometheusMetricsSource source() {
    return PrometheusMetricsSource.builder(server).query(PrometheusQuery.counter("http_requests_total", Unit.COUNT))
        .query(new PrometheusQuery("stratus_decisions_per_second",
            "sum by (instance, outcome) (rate(stratus_scheduler_decisions_total[5s]))", Unit.COUNT_PER_SECOND,
            MetricKind.GAUGE))
        .step(Duration.ofSeconds(1)).maxPointsPerRequest(4).build();
  }

  @Test
  void fetch_readsTheScrapedCountersBack() {
    List<RawSample> samples = source().fetch(windowStart, windowEnd);

    Map<String, List<RawSample>> byName = samples.stream().collect(Collectors.groupingBy(RawSample::name));
    List<RawSample> counter = byName.get("http_requests_total");
    assertThat(counter).isNotEmpty().allSatisfy(s -> {
      assertThat(s.resource()).isEqualTo("127.0.0.1:" + exporter.port());
      assertThat(s.labels()).containsEntry("job", "stratus").containsEntry("route", "/schedule");
      assertThat(s.epochMillis() % 1000).isZero();
      assertThat(s.epochMillis()).isBetween(windowStart.toEpochMilli(), windowEnd.toEpochMilli() - 1);
    });
    List<Double> values = counter.stream().sorted(Comparator.comparingLong(RawSample::epochMillis))
        .map(RawSample::value).toList();
    for (int i = 1; i < values.size(); i++) {
      assertThat(values.get(i)).as("a counter never falls").isGreaterThanOrEqualTo(values.get(i - 1));
    }
    assertThat(values.get(values.size() - 1)).isGreaterThan(values.get(0));
    assertThat(byName.get("stratus_decisions_per_second")).isNotEmpty()
        .allSatisfy(s -> assertThat(s.labels()).containsEntry("outcome", "placed"));
  }

  @Test
  void badQuery_isRefusedWithPrometheussOwnError() {
    PrometheusMetricsSource bad = PrometheusMetricsSource.builder(server)
        .query(new PrometheusQuery("broken", "sum by (instance (up)", Unit.COUNT, MetricKind.GAUGE))
        .step(Duration.ofSeconds(1)).build();

    assertThatThrownBy(() -> bad.fetch(windowStart, windowEnd)).isInstanceOf(ProviderException.class)
        .hasMessageContaining("HTTP 400").hasMessageContaining("bad_data").hasMessageContaining("parse error");
  }

  @Test
  void dashboardQueries_areValidPromQl() throws Exception {
    for (String expr : StratusDashboardTest.dashboard().findValuesAsText("expr")) {
      JsonNode r = instantQuery(expr.replace("$__rate_interval", "1m"));
      assertThat(r.path("status").asText()).as("%s: %s", expr, r).isEqualTo("success");
    }
  }

  @Test
  void scrapedNames_includeTheDashboardsSchedulerMetrics() throws Exception {
    JsonNode names = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/label/__name__/values"))
        .build(), HttpResponse.BodyHandlers.ofString()).body()).path("data");
    List<String> stored = new ArrayList<>();
    names.forEach(n -> stored.add(n.asText()));
    assertThat(stored).contains("stratus_scheduler_decisions_total", "http_requests_total");
    assertThat(StratusDashboardTest.metricNames()).contains("stratus_scheduler_decisions_total");
  }

  /** The MetricsSource contract against the real server. */
  @Nested
  class Compatibility extends MetricsSourceCompatibilityKit {
    @Override
    protected MetricsSource createSource() {
      return PrometheusMetricsSource.builder(server)
          .query(PrometheusQuery.counter("http_requests_total", Unit.COUNT)).step(Duration.ofSeconds(1))
          .maxPointsPerRequest(3).build();
    }

    @Override
    protected Instant windowStart() {
      return windowStart;
    }

    @Override
    protected Instant windowEnd() {
      return windowEnd;
    }
  }
}
