package io.stratus.monitoring.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.monitoring.collect.MetricNormalizer.Status;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.Unit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricNormalizerTest {
  private final MetricNormalizer normalizer = MetricNormalizer.create();

  @Test
  void normalize_cpuFromThreeProviders_givesOneCanonicalPercentMetric() {
    MetricSample aws = normalizer.normalize("aws",
        RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", Map.of("InstanceId", "i-1"), 0, 42)).sample()
        .orElseThrow();
    MetricSample gcp = normalizer.normalize("gcp", RawSample.gauge(
        "compute.googleapis.com/instance/cpu/utilization", Unit.RATIO, "123", Map.of("zone", "europe-west1-b"), 0,
        0.42)).sample().orElseThrow();
    MetricSample azure = normalizer.normalize("azure",
        RawSample.gauge("Percentage CPU", Unit.PERCENT, "/subscriptions/x/vm1", Map.of(), 0, 42)).sample()
        .orElseThrow();
    assertThat(aws.series().metric()).isEqualTo("cpu.utilization");
    assertThat(gcp.series().metric()).isEqualTo("cpu.utilization");
    assertThat(azure.series().metric()).isEqualTo("cpu.utilization");
    assertThat(gcp.value()).isCloseTo(42, within(1e-9));
    assertThat(aws.series().labels()).containsEntry("instance_id", "i-1").containsEntry("resource", "i-1");
    assertThat(gcp.series().labels()).containsEntry("zone", "europe-west1-b");
  }

  @Test
  void defaults_azureAvailableMemoryPercentage_isNotMemoryUtilization() {
    // Azure's "Available Memory Percentage" is the free share of memory, the opposite of memory.utilization.
    assertThat(MetricVocabulary.defaults().resolve("azure", "Available Memory Percentage")).isEmpty();
    assertThat(MetricVocabulary.defaults().resolve("aws", "mem_used_percent"))
        .hasValueSatisfying(d -> assertThat(d.name()).isEqualTo("memory.utilization"));
  }

  @Test
  void normalize_bitsPerSecond_convertedToBytes() {
    MetricSample s = normalizer.normalize("stratus",
        RawSample.gauge("network.in.throughput", Unit.BITS_PER_SECOND, "vm", Map.of(), 0, 800)).sample()
        .orElseThrow();
    assertThat(s.value()).isEqualTo(100);
  }

  @Test
  void normalize_unitOfOtherDimension_rejectedAsMismatch() {
    MetricNormalizer.Outcome o = normalizer.normalize("aws",
        RawSample.gauge("CPUUtilization", Unit.BYTES, "i-1", Map.of(), 0, 42));
    assertThat(o.status()).isEqualTo(Status.REJECTED_UNIT_MISMATCH);
    assertThat(o.reason()).contains("BYTES").contains("PERCENT").contains("i-1");
  }

  @Test
  void normalize_unknownName_rejectedByDefaultAndKeptUnderDialectWithPassThrough() {
    RawSample raw = RawSample.gauge("QueueDepth", Unit.COUNT, "q-1", Map.of(), 0, 3);
    assertThat(normalizer.normalize("aws", raw).status()).isEqualTo(Status.REJECTED_UNKNOWN_METRIC);
    MetricNormalizer pass =
        MetricNormalizer.create(MetricVocabulary.defaults(), MetricNormalizer.UnknownMetricPolicy.PASS_THROUGH);
    assertThat(pass.normalize("aws", raw).sample().orElseThrow().series().metric()).isEqualTo("aws.queue_depth");
  }

  @Test
  void normalize_counter_primesThenGivesRatePerSecond() {
    RawSample first = RawSample.counter("node_network_receive_bytes_total", Unit.BYTES, "n1", Map.of(), 0, 1000);
    RawSample second =
        RawSample.counter("node_network_receive_bytes_total", Unit.BYTES, "n1", Map.of(), 10_000, 6000);
    assertThat(normalizer.normalize("prometheus", first).status()).isEqualTo(Status.COUNTER_PRIMED);
    MetricNormalizer.Outcome o = normalizer.normalize("prometheus", second);
    assertThat(o.status()).isEqualTo(Status.ACCEPTED);
    assertThat(o.sample().orElseThrow().value()).isEqualTo(500);
    assertThat(o.sample().orElseThrow().series().metric()).isEqualTo("network.in.throughput");
  }

  @Test
  void normalize_counterReset_assumesRestartFromZero() {
    normalizer.normalize("prometheus", counter(0, 5000));
    MetricNormalizer.Outcome o = normalizer.normalize("prometheus", counter(10_000, 200));
    assertThat(o.status()).isEqualTo(Status.COUNTER_RESET);
    assertThat(o.sample().orElseThrow().value()).isEqualTo(20);
    assertThat(o.reason()).contains("5000").contains("200");
  }

  @Test
  void normalize_counterDuplicateAndOutOfOrder_doNotDisturbState() {
    normalizer.normalize("prometheus", counter(10_000, 100));
    assertThat(normalizer.normalize("prometheus", counter(10_000, 100)).status()).isEqualTo(Status.DUPLICATE);
    assertThat(normalizer.normalize("prometheus", counter(5_000, 50)).status())
        .isEqualTo(Status.REJECTED_OUT_OF_ORDER);
    assertThat(normalizer.normalize("prometheus", counter(20_000, 200)).sample().orElseThrow().value())
        .isEqualTo(10);
  }

  @Test
  void normalize_invalidValues_rejected() {
    assertThat(normalizer.normalize("prometheus", counter(0, -1)).status())
        .isEqualTo(Status.REJECTED_INVALID_VALUE);
    assertThat(normalizer.normalize("aws",
        RawSample.gauge("CPUUtilization", Unit.PERCENT, "i", Map.of(), 0, Double.POSITIVE_INFINITY)).status())
        .isEqualTo(Status.REJECTED_INVALID_VALUE);
    assertThat(normalizer.normalize("aws",
        RawSample.gauge("CPUUtilization", Unit.PERCENT, "i", Map.of(), 0, Double.NaN)).status())
        .isEqualTo(Status.ACCEPTED);
  }

  @Test
  void labelName_unmappedProviderLabels_becomeSnakeCase() {
    MetricVocabulary v = MetricVocabulary.defaults();
    assertThat(v.labelName("aws", "AutoScalingGroupName")).isEqualTo("group");
    assertThat(v.labelName("azure", "Instance Type")).isEqualTo("instance_type");
    assertThat(v.labelName("gcp", "9lives")).isEqualTo("_9lives");
  }

  private static RawSample counter(long t, double v) {
    return RawSample.counter("http_requests_total", Unit.COUNT, "svc", Map.of("code", "200"), t, v);
  }

  @Test
  void normalize_cpuUtilizationOutsideZeroToHundredPercent_rejectedNamingMetricValueAndRange() {
    MetricNormalizer.Outcome negative = normalizer.normalize("aws",
        RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", Map.of(), 0, -50));
    assertThat(negative.status()).isEqualTo(Status.REJECTED_INVALID_VALUE);
    assertThat(negative.sample()).isEmpty();
    assertThat(negative.reason()).contains("cpu.utilization").contains("[0.0, 100.0]").contains("-50.0");
    MetricNormalizer.Outcome huge = normalizer.normalize("aws",
        RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", Map.of(), 0, 1e12));
    assertThat(huge.status()).isEqualTo(Status.REJECTED_INVALID_VALUE);
    assertThat(huge.reason()).contains("1.0E12");
    MetricNormalizer.Outcome ratio = normalizer.normalize("gcp", RawSample.gauge(
        "compute.googleapis.com/instance/cpu/utilization", Unit.RATIO, "123", Map.of(), 0, 1.5));
    assertThat(ratio.status()).isEqualTo(Status.REJECTED_INVALID_VALUE);
    assertThat(ratio.reason()).contains("150.0").contains("RATIO");
  }

  @Test
  void normalize_boundsAndGaps_areKept() {
    assertThat(normalizer.normalize("aws", RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", Map.of(), 0, 0))
        .status()).isEqualTo(Status.ACCEPTED);
    assertThat(normalizer.normalize("aws", RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", Map.of(), 1, 100))
        .status()).isEqualTo(Status.ACCEPTED);
    assertThat(normalizer.normalize("aws",
        RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", Map.of(), 2, Double.NaN)).status())
        .isEqualTo(Status.ACCEPTED);
  }

  @Test
  void normalize_negativeThroughput_rejected() {
    MetricNormalizer.Outcome o = normalizer.normalize("stratus",
        RawSample.gauge("network.in.throughput", Unit.BYTES_PER_SECOND, "vm", Map.of(), 0, -1));
    assertThat(o.status()).isEqualTo(Status.REJECTED_INVALID_VALUE);
    assertThat(o.reason()).contains("network.in.throughput").contains(">= 0").doesNotContain("Infinity]");
  }

  @Test
  void vocabulary_customRange_isEnforced() {
    MetricVocabulary v = MetricVocabulary.builder()
        .define("temperature", Unit.COUNT, "degrees Celsius", -273.15, Double.POSITIVE_INFINITY).build();
    MetricNormalizer n = MetricNormalizer.create(v, MetricNormalizer.UnknownMetricPolicy.REJECT);
    assertThat(n.normalize("stratus", RawSample.gauge("temperature", Unit.COUNT, "r", Map.of(), 0, -20)).status())
        .isEqualTo(Status.ACCEPTED);
    assertThat(n.normalize("stratus", RawSample.gauge("temperature", Unit.COUNT, "r", Map.of(), 0, -300)).status())
        .isEqualTo(Status.REJECTED_INVALID_VALUE);
    assertThatThrownBy(() -> MetricVocabulary.builder().define("x", Unit.COUNT, "x", 5, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min <= max");
  }

  @Test
  void rawSample_nullLabelValue_failsNamingTheLabel() {
    Map<String, String> labels = new java.util.HashMap<>();
    labels.put("zone", null);
    assertThatThrownBy(() -> RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", labels, 0, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("rawSample.labels['zone']");
    Map<String, String> nullName = new java.util.HashMap<>();
    nullName.put(null, "x");
    assertThatThrownBy(() -> RawSample.gauge("CPUUtilization", Unit.PERCENT, "i-1", nullName, 0, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("rawSample.labels name");
  }

  @Test
  void seriesId_nullLabelValue_failsNamingTheLabel() {
    assertThatThrownBy(() -> SeriesId.of("cpu.utilization", "region", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("seriesId.labels['region']");
    assertThatThrownBy(() -> SeriesId.of("cpu.utilization").withLabel("zone", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("seriesId.labels['zone']");
  }
}
