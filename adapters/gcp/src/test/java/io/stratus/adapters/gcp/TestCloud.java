package io.stratus.adapters.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.cloud.NoCredentials;
import com.google.cloud.billing.v1.ListSkusRequest;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.cloud.billing.v1.Sku;
import com.google.monitoring.v3.ListTimeSeriesRequest;
import com.google.monitoring.v3.ListTimeSeriesResponse;
import io.stratus.testkit.ControllableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stubbed Google Cloud of one test class: an in-process Cloud Billing Catalog and Cloud Monitoring (gRPC), and a
 * WireMock server for the REST APIs (Compute Engine, BigQuery). Adapters built by {@link #adapter()} talk to these
 * with no credentials, sleep through a recording {@link io.stratus.spi.Sleeper} and read a clock that moves only when a
 * test or that sleeper advances it.
 */
final class TestCloud implements AutoCloseable {
  static final String PROJECT = "stratus-test-project";
  static final Instant NOW = Instant.parse("2026-08-01T00:00:00Z");

  final FakeGrpc<ListSkusRequest, ListSkusResponse> catalog;
  final FakeGrpc<ListTimeSeriesRequest, ListTimeSeriesResponse> monitoring;
  final WireMockServer rest;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final ControllableClock clock = ControllableClock.at(NOW);
  volatile List<Sku> skus = Fixtures.skus();
  volatile int skuPageSize = 10;

  private static TestCloud shared;

  /**
   * The stub cloud shared by every test class of this JVM (servers start once), reset to its initial state. Test
   * classes run one after another (surefire's default), so sharing is safe.
   */
  static synchronized TestCloud shared() {
    if (shared == null) {
      shared = new TestCloud();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-cloud-stop"));
    }
    shared.reset();
    return shared;
  }

  private TestCloud() {
    catalog =
        new FakeGrpc<>("google.cloud.billing.v1.CloudCatalog", "ListSkus", ListSkusRequest.getDefaultInstance(),
            ListSkusResponse.getDefaultInstance(), req -> Fixtures.page(skus, req, skuPageSize));
    monitoring =
        new FakeGrpc<>("google.monitoring.v3.MetricService", "ListTimeSeries",
            ListTimeSeriesRequest.getDefaultInstance(), ListTimeSeriesResponse.getDefaultInstance(),
            MetricsFixtures::page);
    rest = new WireMockServer(options().dynamicPort());
    rest.start();
    stubMachineTypes();
  }

  /** Back to the initial state: default fixtures, no failures, no recorded calls, the initial time. */
  void reset() {
    catalog.reset();
    monitoring.reset();
    rest.resetAll();
    stubMachineTypes();
    sleeps.clear();
    clock.set(NOW);
    skus = Fixtures.skus();
    skuPageSize = 10;
  }

  void stubMachineTypes() {
    rest.stubFor(get(urlPathEqualTo("/compute/v1/projects/" + PROJECT + "/aggregated/machineTypes"))
        .atPriority(10)
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(Fixtures.machineTypesJson(PROJECT))));
  }

  String restEndpoint() {
    return "http://localhost:" + rest.port();
  }

  GcpAdapter.Builder builder() {
    return GcpAdapter.builder()
        .projectId(PROJECT)
        .credentials(NoCredentials.getInstance())
        .clock(clock)
        .sleeper(this::sleep)
        .retry(4, Duration.ofMillis(100), Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(5))
        .channel(Api.CATALOG, catalog.channelProvider())
        .channel(Api.MONITORING, monitoring.channelProvider())
        .endpoint(Api.COMPUTE, restEndpoint())
        .endpoint(Api.BIGQUERY, restEndpoint());
  }

  /** The recording sleeper: notes the wait and moves the clock by it instead of sleeping. */
  void sleep(Duration d) {
    sleeps.add(d);
    clock.advance(d);
  }

  GcpAdapter adapter() {
    return builder().build();
  }

  @Override
  public void close() {
    catalog.close();
    monitoring.close();
    rest.stop();
  }
}
