package io.stratus.adapters.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.testkit.monitoring.MetricsSourceCompatibilityKit;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AzureMetricsSourceCompatibilityTest extends MetricsSourceCompatibilityKit {
  static final String VM = "/subscriptions/" + Stubs.SUBSCRIPTION
      + "/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-1";
  private static Stubs stubs;

  @BeforeAll
  static void start() {
    stubs = new Stubs();
    stubs.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
        urlPathEqualTo(VM + "/providers/Microsoft.Insights/metrics"))
        .willReturn(Stubs.json(stubs.fixture("monitor-metrics.json"))));
  }

  @AfterAll
  static void stop() {
    stubs.stop();
  }

  @Override
  protected MetricsSource createSource() {
    return AzureMetricsSource.create(stubs.config().metricResourceIds(List.of(VM)).build());
  }

  @Override
  protected Instant windowStart() {
    return Instant.parse("2024-05-01T10:00:00Z");
  }

  @Override
  protected Instant windowEnd() {
    return Instant.parse("2024-05-01T10:05:00Z");
  }
}
