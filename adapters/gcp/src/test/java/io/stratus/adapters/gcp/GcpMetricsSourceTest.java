package io.stratus.adapters.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.monitoring.v3.ListTimeSeriesResponse;
import com.google.monitoring.v3.Point;
import com.google.monitoring.v3.TimeInterval;
import com.google.monitoring.v3.TypedValue;
import com.google.api.MetricDescriptor;
import io.grpc.Status;
import io.stratus.ProviderException;
import io.stratus.monitoring.collect.MetricNormalizer;
import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.spi.MetricKind;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpMetricsSourceTest {
  private static TestCloud cloud;
  private final List<GcpAdapter> adapters = new ArrayList<>();

  @BeforeAll
  static void startCloud() {
    cloud = TestCloud.shared();
  }

  @BeforeEach
  void start() {
    cloud.reset();
  }

  @AfterEach
  void stop() {
    adapters.forEach(GcpAdapter::close);
    adapters.clear();
  }

  private GcpMetricsSource source(GcpAdapter.Builder b) {
    GcpAdapter a = b.build();
    adapters.add(a);
    return a.metricsSource();
  }

  @Test
  void fetch_mapsGaugesAndDeltas_andPagesThroughEverySeries() {
    List<RawSample> samples = source(cloud.builder()).fetch(MetricsFixtures.START, MetricsFixtures.END);
    // 2 instances x 2 metrics x 60 points
    assertThat(samples).hasSize(240);
    RawSample cpu = samples.stream().filter(s -> s.name().endsWith("cpu/utilization")
        && s.epochMillis() == Instant.parse("2026-07-31T22:10:00Z").toEpochMilli()
        && s.resource().equals(MetricsFixtures.INSTANCES.get(0))).findFirst().orElseThrow();
    assertThat(cpu.unit()).isEqualTo(Unit.RATIO);
    assertThat(cpu.kind()).isEqualTo(MetricKind.GAUGE);
    assertThat(cpu.value()).isCloseTo(0.20, within(1e-12));
    assertThat(cpu.labels()).containsEntry("instance_name", "vm-0").containsEntry("zone", "us-central1-a")
        .containsEntry("region", "us-central1");
    RawSample net = samples.stream().filter(s -> s.name().endsWith("received_bytes_count")
        && s.epochMillis() == Instant.parse("2026-07-31T22:10:00Z").toEpochMilli()
        && s.resource().equals(MetricsFixtures.INSTANCES.get(0))).findFirst().orElseThrow();
    // DELTA 60,000 x 11 bytes over 60 s -> 11,000 B/s
    assertThat(net.unit()).isEqualTo(Unit.BYTES_PER_SECOND);
    assertThat(net.kind()).isEqualTo(MetricKind.GAUGE);
    assertThat(net.value()).isEqualTo(11_000.0);
    // one request per series page: 2 metric types x 2 series, and one empty page for each of the other 3 types
    assertThat(cloud.monitoring.requests).hasSize(7);
    assertThat(cloud.monitoring.requests.get(0).getFilter())
        .isEqualTo("metric.type = \"compute.googleapis.com/instance/cpu/utilization\"");
    assertThat(cloud.monitoring.requests.get(0).getName()).isEqualTo("projects/" + TestCloud.PROJECT);
  }

  @Test
  void samples_normalizeToTheCanonicalVocabulary() {
    MetricNormalizer n = MetricNormalizer.create(MetricVocabulary.defaults(), MetricNormalizer.UnknownMetricPolicy.REJECT);
    for (RawSample s : source(cloud.builder()).fetch(MetricsFixtures.START, MetricsFixtures.END)) {
      MetricNormalizer.Outcome r = n.normalize("gcp", s);
      assertThat(r.status()).as("%s", s).isEqualTo(MetricNormalizer.Status.ACCEPTED);
    }
  }

  @Test
  void unavailable_isRetried() {
    cloud.monitoring.failNext(Status.UNAVAILABLE, Status.RESOURCE_EXHAUSTED);
    assertThat(source(cloud.builder()).fetch(MetricsFixtures.START, MetricsFixtures.END)).hasSize(240);
    assertThat(cloud.sleeps).hasSize(2);
  }

  @Test
  void aCallPastItsDeadline_isCutAndRetried() {
    source(cloud.builder()).fetch(MetricsFixtures.START, MetricsFixtures.END); // warm up: no cold start near the deadline
    cloud.monitoring.failNext(FakeGrpc.HANG);
    GcpMetricsSource s = source(cloud.builder().callTimeout(Duration.ofSeconds(1)));
    assertThat(s.fetch(MetricsFixtures.START, MetricsFixtures.END)).hasSize(240);
    assertThat(cloud.sleeps).hasSize(1);
  }

  @Test
  void anUnknownUnit_failsNamingSeriesFieldAndValue() {
    cloud.monitoring.handler(req -> ListTimeSeriesResponse.newBuilder()
        .addTimeSeries(MetricsFixtures.series(
                "compute.googleapis.com/instance/cpu/utilization", "42", 0, MetricDescriptor.MetricKind.GAUGE,
                MetricDescriptor.ValueType.DOUBLE, "furlongs")
            .addPoints(Point.newBuilder()
                .setInterval(TimeInterval.newBuilder().setEndTime(MetricsFixtures.ts(MetricsFixtures.START)))
                .setValue(TypedValue.newBuilder().setDoubleValue(1))))
        .build());
    GcpMetricsSource s = source(cloud.builder());
    assertThatThrownBy(() -> s.fetch(MetricsFixtures.START, MetricsFixtures.END))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("series compute.googleapis.com/instance/cpu/utilization of 42")
        .hasMessageContaining("unit = 'furlongs'");
  }

  @Test
  void aDistributionValue_failsRatherThanBeingDropped() {
    cloud.monitoring.handler(req -> ListTimeSeriesResponse.newBuilder()
        .addTimeSeries(MetricsFixtures.series("loadbalancing.googleapis.com/https/total_latencies", "lb", 0,
                MetricDescriptor.MetricKind.DELTA, MetricDescriptor.ValueType.DISTRIBUTION, "ms")
            .addPoints(Point.newBuilder()
                .setInterval(TimeInterval.newBuilder()
                    .setStartTime(MetricsFixtures.ts(MetricsFixtures.START))
                    .setEndTime(MetricsFixtures.ts(MetricsFixtures.START.plusSeconds(60))))
                .setValue(TypedValue.newBuilder().setDistributionValue(
                    com.google.api.Distribution.newBuilder().setCount(3).setMean(12)))))
        .build());
    GcpMetricsSource s = source(cloud.builder());
    assertThatThrownBy(() -> s.fetch(MetricsFixtures.START, MetricsFixtures.END))
        .isInstanceOf(ProviderException.class).hasMessageContaining("point.value = 'DISTRIBUTION_VALUE'");
  }

  @Test
  void executionErrors_failTheFetchAsPartial() {
    cloud.monitoring.handler(req -> ListTimeSeriesResponse.newBuilder()
        .addExecutionErrors(com.google.rpc.Status.newBuilder().setCode(14).setMessage("some data unavailable"))
        .build());
    GcpMetricsSource s = source(cloud.builder());
    assertThatThrownBy(() -> s.fetch(MetricsFixtures.START, MetricsFixtures.END))
        .isInstanceOf(ProviderException.class).hasMessageContaining("partial");
  }

  @Test
  void aRepeatedPageToken_failsTheFetchInsteadOfPagingForever() {
    int[] calls = {0};
    cloud.monitoring.handler(req -> {
      calls[0]++;
      // the server hands out page token "2" twice, then (had the source kept going) would end the listing
      return calls[0] <= 2 ? ListTimeSeriesResponse.newBuilder().setNextPageToken("2").build()
          : ListTimeSeriesResponse.getDefaultInstance();
    });
    GcpMetricsSource s = source(cloud.builder().metricTypes(List.of("compute.googleapis.com/instance/cpu/utilization")));
    assertThatThrownBy(() -> s.fetch(MetricsFixtures.START, MetricsFixtures.END))
        .isInstanceOf(ProviderException.class).hasMessageContaining("timeSeries.list")
        .hasMessageContaining("next-page token repeats");
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void fetch_rejectsAnEmptyWindow() {
    GcpMetricsSource s = source(cloud.builder());
    assertThatThrownBy(() -> s.fetch(MetricsFixtures.END, MetricsFixtures.END))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to must be after from");
  }
}
