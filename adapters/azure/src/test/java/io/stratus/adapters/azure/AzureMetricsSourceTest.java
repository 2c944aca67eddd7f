package io.stratus.adapters.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.collect.MetricNormalizer;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureMetricsSourceTest {
  private final Stubs stubs = new Stubs();

  @AfterEach
  void stop() {
    stubs.stop();
  }

  @Test
  void grain_isAzuresIsoForm() {
    assertThat(AzureMetricsSource.grain(java.time.Duration.ofDays(1))).isEqualTo("P1D");
    assertThat(AzureMetricsSource.grain(java.time.Duration.ofMinutes(5))).isEqualTo("PT5M");
  }

  @Test
  void fetch_mapsUnitsSkipsGapsAndKeepsTheWindow() {
    String vm = AzureMetricsSourceCompatibilityTest.VM;
    stubs.server.stubFor(get(urlPathEqualTo(vm + "/providers/Microsoft.Insights/metrics"))
        .willReturn(Stubs.json(stubs.fixture("monitor-metrics.json"))));
    AzureMetricsSource source = AzureMetricsSource.create(stubs.config().metricResourceIds(List.of(vm)).build());
    List<RawSample> samples = source.fetch(Instant.parse("2024-05-01T10:00:00Z"),
        Instant.parse("2024-05-01T10:05:00Z"));
    // CPU: 4 points (10:02 is a gap, 10:05 lies outside the window); network: 5 points
    assertThat(samples.stream().filter(s -> s.name().equals("Percentage CPU"))).hasSize(4)
        .allSatisfy(s -> assertThat(s.unit()).isEqualTo(Unit.PERCENT));
    RawSample net = samples.stream().filter(s -> s.name().equals("Network In Total")
        && s.epochMillis() == Instant.parse("2024-05-01T10:01:00Z").toEpochMilli()).findFirst().orElseThrow();
    assertThat(net.unit()).isEqualTo(Unit.BYTES_PER_SECOND);
    assertThat(net.value()).isEqualTo(1_200_000 / 60.0);
    assertThat(net.labels()).containsEntry("microsoft.resourceid", vm);
    MetricNormalizer normalizer = MetricNormalizer.create();
    assertThat(normalizer.normalize("azure", net).sample().orElseThrow().series().metric())
        .isEqualTo("network.in.throughput");
  }
}
