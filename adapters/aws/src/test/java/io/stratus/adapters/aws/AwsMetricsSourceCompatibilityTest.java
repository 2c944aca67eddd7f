package io.stratus.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;

import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.testkit.monitoring.MetricsSourceCompatibilityKit;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The metrics compatibility kit against GetMetricData stubs: the default queries of the discovered instances (CPU and
 * network of three instances), answered with twelve five-minute points each, whatever window is asked (the adapter
 * keeps the window's points).
 */
class AwsMetricsSourceCompatibilityTest extends MetricsSourceCompatibilityKit {
  static final Instant START = Instant.parse("2021-02-09T10:00:00Z");
  private static AwsStubs stubs;
  private final List<AwsAdapter> adapters = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    stubs = new AwsStubs();
    stubs.stubInstances();
    List<String> stamps = AwsStubs.fiveMinuteStamps(START, 12);
    List<Double> values = List.of(10.0, 12.5, 30.0, 45.5, 50.0, 20.0, 15.0, 14.0, 80.0, 60.0, 33.0, 25.0);
    StringBuilder results = new StringBuilder();
    for (int q = 0; q < 9; q++) {
      results.append(AwsStubs.metricResult("q" + q, "m" + q, stamps, values));
    }
    stubs.server.stubFor(AwsStubs.ec2("GetMetricData").withRequestBody(containing("NextToken=cw-2"))
        .willReturn(AwsStubs.xml(AwsStubs.metricResponse(List.of(), null))));
    stubs.server.stubFor(AwsStubs.ec2("GetMetricData").withRequestBody(
            com.github.tomakehurst.wiremock.client.WireMock.notContaining("NextToken"))
        .willReturn(AwsStubs.xml(AwsStubs.metricResponse(List.of(results.toString()), "cw-2"))));
  }

  @AfterAll
  static void stop() {
    stubs.stop();
  }

  @AfterEach
  void closeAdapters() {
    adapters.forEach(AwsAdapter::close);
  }

  @Override
  protected MetricsSource createSource() {
    AwsAdapter a = stubs.adapter().build();
    adapters.add(a);
    return a.metricsSource();
  }

  @Override
  protected Instant windowStart() {
    return START;
  }

  @Override
  protected Instant windowEnd() {
    return START.plusSeconds(3600);
  }
}
