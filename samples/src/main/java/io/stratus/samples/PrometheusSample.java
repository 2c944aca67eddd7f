package io.stratus.samples;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stratus.adapters.prometheus.PrometheusExporter;
import io.stratus.adapters.prometheus.StratusDashboard;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apiguardian.api.API;

/**
 * Metrics of an embedded Stratus in Prometheus: a host hands the scheduler a Micrometer {@code
 * PrometheusMeterRegistry}, serves it with {@link PrometheusExporter} on loopback (a free port), makes a few
 * decisions, and scrapes its own endpoint as Prometheus would. The Grafana dashboard for these meters is {@link
 * StratusDashboard#json()}.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java -Dexec.mainClass=io.stratus.samples.PrometheusSample}.
 * Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PrometheusSample {
  private PrometheusSample() {}

  /**
   * Runs the sample and prints the scraped Stratus meters to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Schedules three workloads with a scheduler that reports to a Prometheus registry, scrapes the exporter and prints
   * the {@code stratus_} lines.
   *
   * @param out where the report goes; never null
   * @return the scrape body, in the Prometheus text format; never null
   */
  public static String run(PrintStream out) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CostAwareScheduler scheduler = CostAwareScheduler.builder().pricing(BundledCatalog.load())
        .meterRegistry(registry).build();
    scheduler.schedule(Workload.builder("web").demand(ResourceDemand.of(2, 4)).build());
    scheduler.schedule(Workload.builder("db").demand(ResourceDemand.of(8, 64)).build());
    scheduler.schedule(Workload.builder("too-big").demand(ResourceDemand.of(100_000, 4)).build());
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "prometheus-exporter"));
    try (PrometheusExporter exporter = PrometheusExporter.start(registry,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), executor)) {
      HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(exporter.uri()).build(),
          HttpResponse.BodyHandlers.ofString());
      out.println("scraped " + exporter.uri() + " (HTTP " + scrape.statusCode() + "):");
      scrape.body().lines().filter(l -> l.startsWith("stratus_scheduler_decisions")
          || l.startsWith("stratus_scheduler_latency_seconds_count")
          || l.startsWith("stratus_scheduler_candidates_filtered_total")).sorted().forEach(l -> out.println("  " + l));
      out.println("Grafana dashboard: " + StratusDashboard.RESOURCE + " ("
          + StratusDashboard.json().length() + " characters)");
      return scrape.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scraping", e);
    } finally {
      executor.shutdownNow();
    }
  }
}
