package io.stratus.finops.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnomalyObservabilityTest {
  @RegisterExtension
  static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private CostAnomalyMonitor.Builder monitor() {
    return CostAnomalyMonitor.builder("total", CostScope.total())
        .drillDown(List.of(Dimension.SUB_ACCOUNT, Dimension.SERVICE)).historyStart(CostFixtures.START)
        .meterRegistry(registry).openTelemetry(OTEL.getOpenTelemetry());
  }

  @Test
  void evaluate_countsBucketsAndAnomaliesAndTracesTheRun() {
    CostStore store = CostFixtures.store(3, 4, 140, 7, (a, s, d) -> a == 2 && s == 2 && d == 100 ? 900 : 0);

    List<CostAnomaly> raised = monitor().build().evaluate(store, CostFixtures.day(140));

    assertThat(raised).hasSize(1);
    assertThat(registry.get("stratus.finops.anomaly.points").counter().count()).isEqualTo(140);
    assertThat(registry.get("stratus.finops.anomalies").tag("direction", "increase").counter().count()).isEqualTo(1);
    assertThat(registry.get("stratus.finops.anomalies").tag("direction", "decrease").counter().count()).isZero();
    SpanData span = OTEL.getSpans().get(0);
    assertThat(span.getName()).isEqualTo("stratus.finops.anomaly.evaluate");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("stratus.monitor.id"))).isEqualTo("total");
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.buckets"))).isEqualTo(140);
    assertThat(span.getAttributes().get(AttributeKey.longKey("stratus.anomalies"))).isEqualTo(1);
  }

  @Test
  void observe_countsInBatchesNotPerBucket() {
    CostAnomalyMonitor m = monitor().build();
    for (int d = 0; d < AnomalyTelemetry.BATCH + 10; d++) {
      m.observe(CostFixtures.START.plus(Duration.ofDays(d)), BigDecimal.TEN);
    }
    // the first full batch reached the counter; the 10 after it wait for the next batch or evaluate
    assertThat(registry.get("stratus.finops.anomaly.points").counter().count()).isEqualTo(AnomalyTelemetry.BATCH);
  }

  @Test
  void withoutRegistry_registersNothing() {
    CostAnomalyMonitor.builder("m", CostScope.total()).historyStart(CostFixtures.START).build()
        .evaluate(CostFixtures.store(1, 1, 30, 3, (a, s, d) -> 0), CostFixtures.day(30));

    assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.getMeters()).isEmpty();
    assertThat(OTEL.getSpans()).isEmpty();
  }
}
