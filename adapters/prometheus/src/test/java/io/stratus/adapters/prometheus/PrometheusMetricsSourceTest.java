package io.stratus.adapters.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratus.ProviderException;
import io.stratus.monitoring.spi.MetricKind;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsSourceTest {
  private static final String PATH = "/api/v1/query_range";
  private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

  private WireMockServer server;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() {
    server = FakePrometheus.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private PrometheusMetricsSource.Builder source() {
    return PrometheusMetricsSource.builder(URI.create(server.baseUrl()))
        .query(PrometheusQuery.counter("http_requests_total", Unit.COUNT)).step(Duration.ofMinutes(1))
        .requestTimeout(Duration.ofSeconds(5)).meterRegistry(registry);
  }

  private void answer(int status, String body) {
    server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  private double requests(String outcome) {
    return registry.get("stratus.provider.requests").tags("provider", "prometheus", "outcome", outcome).counter()
        .count();
  }

  @Test
  void fetch_matrix_becomesSamplesWithResourceLabelsUnitAndKind() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
        + "{\"metric\":{\"__name__\":\"http_requests_total\",\"instance\":\"a:9100\",\"job\":\"api\"},"
        + "\"values\":[[1700000040,\"10\"],[1700000100,\"NaN\"]]},"
        + "{\"metric\":{\"job\":\"batch\"},\"values\":[[1700000040,\"+Inf\"]]},"
        + "{\"metric\":{},\"values\":[[1700000040.5,\"1e3\"]]}]}}");

    List<RawSample> samples = source().build().fetch(T0, T0.plusSeconds(120));

    assertThat(samples).hasSize(4);
    RawSample first = samples.get(0);
    assertThat(first).isEqualTo(new RawSample("http_requests_total", Unit.COUNT, MetricKind.COUNTER, "a:9100",
        Map.of("job", "api"), 1_700_000_040_000L, 10));
    assertThat(samples.get(1).value()).isNaN();
    assertThat(samples.get(2).resource()).isEqualTo("{job=\"batch\"}");
    assertThat(samples.get(2).value()).isInfinite();
    assertThat(samples.get(3).resource()).isEqualTo("http_requests_total");
    assertThat(samples.get(3).epochMillis()).isEqualTo(1_700_000_040_500L);
    assertThat(requests("success")).isEqualTo(1);
  }

  @Test
  void fetch_sendsStepAlignedInclusiveBoundsAndTheQuery() {
    server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withTransformers("matrix")));
    PrometheusMetricsSource s = PrometheusMetricsSource.builder(URI.create(server.baseUrl() + "/"))
        .query(new PrometheusQuery("req", "sum by (instance) (rate(http_requests_total[5m]))", Unit.COUNT_PER_SECOND,
            MetricKind.GAUGE)).step(Duration.ofSeconds(15)).build();

    List<RawSample> samples = s.fetch(T0.plusMillis(1), T0.plusSeconds(60));

    LoggedRequest r = server.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0);
    Map<String, String> form = FakePrometheus.form(r.getBodyAsString());
    // 15 s steps: the first instant at or after from, the last strictly before to
    assertThat(form).containsEntry("start", "1700000010").containsEntry("end", "1700000055")
        .containsEntry("step", "15").containsEntry("query", "sum by (instance) (rate(http_requests_total[5m]))")
        .containsEntry("timeout", "30s");
    assertThat(samples).extracting(RawSample::epochMillis).containsOnly(1_700_000_010_000L, 1_700_000_025_000L,
        1_700_000_040_000L, 1_700_000_055_000L);
  }

  @Test
  void fetch_wideWindow_isPagedWithinThePointLimitWithoutOverlap() {
    server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withTransformers("matrix")));
    PrometheusMetricsSource s = source().maxPointsPerRequest(10).build();

    List<RawSample> samples = s.fetch(T0, T0.plus(Duration.ofMinutes(25)));

    List<Map<String, String>> forms = server.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
        .map(r -> FakePrometheus.form(r.getBodyAsString())).toList();
    assertThat(forms).extracting(f -> f.get("start") + ".." + f.get("end")).containsExactly(
        "1700000040..1700000580", "1700000640..1700001180", "1700001240..1700001480");
    // two series, one point per minute: 25 instants each, none twice
    assertThat(samples).hasSize(50).doesNotHaveDuplicates();
  }

  @Test
  void fetch_windowWithoutAnEvaluationInstant_asksNothing() {
    assertThat(source().build().fetch(T0.plusSeconds(41), T0.plusSeconds(99))).isEmpty();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void fetch_badQuery_throwsWithPrometheusErrorTypeAndMessage() {
    answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\","
        + "\"error\":\"1:5: parse error: unexpected end of input\"}");

    assertThatThrownBy(() -> source().build().fetch(T0, T0.plusSeconds(600)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("provider 'prometheus'")
        .hasMessageContaining("'http_requests_total'").hasMessageContaining("HTTP 400")
        .hasMessageContaining("bad_data").hasMessageContaining("parse error: unexpected end of input");
    assertThat(requests("error")).isEqualTo(1);
  }

  @Test
  void fetch_unavailableWithHtml_throwsNamingTheStatusAndBody() {
    server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)
        .withBody("<html>Service Unavailable</html>")));

    assertThatThrownBy(() -> source().build().fetch(T0, T0.plusSeconds(600)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("HTTP 503")
        .hasMessageContaining("not JSON").hasMessageContaining("Service Unavailable");
  }

  @Test
  void fetch_connectionReset_throwsProviderException() {
    server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> source().build().fetch(T0, T0.plusSeconds(600)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("failed");
  }

  @Test
  void fetch_slowServer_timesOut() {
    server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
        .withBody("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}")
        .withFixedDelay(3_000)));

    assertThatThrownBy(() -> source().requestTimeout(Duration.ofMillis(200)).build().fetch(T0, T0.plusSeconds(600)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("timed out");
  }

  @Test
  void fetch_notAMatrix_throws() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");

    assertThatThrownBy(() -> source().build().fetch(T0, T0.plusSeconds(600)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("resultType 'vector'");
  }

  @Test
  void fetch_pointOutsideTheRequestedRange_throwsInsteadOfServingItTwice() {
    answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
        + "{\"metric\":{\"instance\":\"a\"},\"values\":[[1699999000,\"1\"]]}]}}");

    assertThatThrownBy(() -> source().build().fetch(T0, T0.plusSeconds(600)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("outside the requested");
  }

  @Test
  void warnings_markThePartialResult_fetchRefusesItUnlessAccepted() {
    answer(200, "{\"status\":\"success\",\"warnings\":[\"remote read: store 10.0.0.7 unavailable\"],"
        + "\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"instance\":\"a\"},"
        + "\"values\":[[1700000040,\"5\"]]}]}}");

    RangeResult r = source().build().query(T0, T0.plusSeconds(120));
    assertThat(r.partial()).isTrue();
    assertThat(r.warnings()).containsExactly("remote read: store 10.0.0.7 unavailable");
    assertThat(r.samples()).hasSize(1);
    assertThat(requests("partial")).isEqualTo(1);

    assertThatThrownBy(() -> source().build().fetch(T0, T0.plusSeconds(120)))
        .isInstanceOf(ProviderException.class).hasMessageContaining("partial result")
        .hasMessageContaining("store 10.0.0.7 unavailable");
    assertThat(source().acceptPartial(true).build().fetch(T0, T0.plusSeconds(120))).hasSize(1);
  }

  @Test
  void builder_rejectsBadSettingsNamingThem() {
    assertThatThrownBy(() -> PrometheusMetricsSource.builder(URI.create("localhost:9090")))
        .hasMessageContaining("baseUri").hasMessageContaining("localhost:9090");
    assertThatThrownBy(() -> source().step(Duration.ofNanos(1500))).hasMessageContaining("step");
    assertThatThrownBy(() -> source().maxPointsPerRequest(11_001)).hasMessageContaining("maxPointsPerRequest")
        .hasMessageContaining("11001");
    assertThatThrownBy(() -> source().query(PrometheusQuery.gauge("http_requests_total", Unit.COUNT)))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> PrometheusMetricsSource.builder(URI.create("http://x")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no query");
    assertThatThrownBy(() -> new PrometheusQuery("n", " ", Unit.COUNT, MetricKind.GAUGE))
        .hasMessageContaining("promql");
    assertThatThrownBy(() -> source().build().fetch(T0, T0)).hasMessageContaining("to must be after from");
  }

  @Test
  void seconds_printsMillisecondsAsPlainDecimalSeconds() {
    assertThat(PrometheusMetricsSource.seconds(1_700_000_000_500L)).isEqualTo("1700000000.5");
    assertThat(PrometheusMetricsSource.seconds(60_000)).isEqualTo("60");
    assertThat(PrometheusMetricsSource.seconds(1)).isEqualTo("0.001");
  }
}
