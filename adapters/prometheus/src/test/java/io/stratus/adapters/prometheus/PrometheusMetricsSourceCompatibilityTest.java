package io.stratus.adapters.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.Unit;
import io.stratus.testkit.monitoring.MetricsSourceCompatibilityKit;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The MetricsSource contract, against a stub whose answers are computed from each request like Prometheus's. */
class PrometheusMetricsSourceCompatibilityTest extends MetricsSourceCompatibilityKit {
  private static WireMockServer server;

  @BeforeAll
  static void startServer() {
    server = FakePrometheus.start();
    server.stubFor(post(urlPathEqualTo("/api/v1/query_range")).willReturn(aResponse().withTransformers("matrix")));
  }

  @AfterAll
  static void stopServer() {
    server.stop();
  }

  @Override
  protected MetricsSource createSource() {
    // small requests, so that the kit's windows are paged over several requests too
    return PrometheusMetricsSource.builder(URI.create(server.baseUrl()))
        .query(PrometheusQuery.counter("http_requests_total", Unit.COUNT))
        .step(Duration.ofSeconds(15)).maxPointsPerRequest(7).build();
  }

  @Override
  protected Instant windowStart() {
    return Instant.ofEpochSecond(FakePrometheus.DATA_FROM_SECONDS + 7);
  }

  @Override
  protected Instant windowEnd() {
    return windowStart().plus(Duration.ofMinutes(30)).plusMillis(3);
  }
}
