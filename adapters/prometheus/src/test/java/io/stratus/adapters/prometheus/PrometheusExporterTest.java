package io.stratus.adapters.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusExporterTest {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("stratus.scheduler.decisions").tag("outcome", "placed").register(registry).increment(3);
    return registry;
  }

  @Test
  void scrape_servesTheRegistryInTextFormat() throws Exception {
    try (PrometheusExporter exporter = PrometheusExporter.start(registry(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), executor)) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(exporter.uri()).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(exporter.port()).isPositive();
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
          "text/plain; version=0.0.4"));
      assertThat(r.body()).contains("# TYPE stratus_scheduler_decisions_total counter")
          .contains("stratus_scheduler_decisions_total{outcome=\"placed\"} 3.0");
    }
  }

  @Test
  void scrape_asksForOpenMetrics_getsOpenMetrics() throws Exception {
    try (PrometheusExporter exporter = PrometheusExporter.start(registry(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), executor)) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(exporter.uri())
          .header("Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5").build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
          "application/openmetrics-text"));
      assertThat(r.body()).contains("stratus_scheduler_decisions_total{outcome=\"placed\"} 3.0").endsWith("# EOF\n");
    }
  }

  @Test
  void otherMethodsAndPaths_areRefused() throws Exception {
    try (PrometheusExporter exporter = PrometheusExporter.start(registry(),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), executor)) {
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(exporter.uri())
          .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(exporter.uri() + "/x")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(other.statusCode()).isEqualTo(404);
    }
  }
}
