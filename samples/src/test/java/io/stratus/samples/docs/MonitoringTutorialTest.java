package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.alerting.Alert;
import io.stratus.monitoring.alerting.AlertConfig;
import io.stratus.monitoring.alerting.AlertEngine;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.store.InMemoryMetricStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/tutorials/monitoring.md, run. */
class MonitoringTutorialTest {

  @Test
  void storeMetrics_andFireAnAlert() {
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-06-03T09:00:00Z"));
    // tag::store[]
    InMemoryMetricStore store = InMemoryMetricStore.create();
    SeriesId cpu = SeriesId.of("cpu.utilization", "resource", "vm-1", "region", "eu-west-1");
    long t0 = clock.millis();
    for (int minute = 0; minute < 10; minute++) {
      store.append(cpu, t0 + minute * 60_000L, 40 + 6 * minute);
    }
    List<SeriesData> eu = store.query(SeriesSelector.parse("cpu.utilization{region=\"eu-west-1\"}"),
        t0, t0 + 600_000L);
    // end::store[]
    assertThat(eu).hasSize(1);
    assertThat(eu.get(0).size()).isEqualTo(10);

    // tag::alert[]
    AlertEngine alerts = AlertEngine.builder()
        .clock(clock)
        .config(AlertConfig.fromYaml("""
            rules:
              - name: HighCpu
                select: 'cpu.utilization'
                condition: {above: 90, clear: 80}
                severity: critical
            """))
        .build();
    alerts.accept(new MetricSample(cpu, clock.millis(), 96));
    alerts.tick();
    List<Alert> firing = alerts.alerts().stream().filter(a -> a.state() == AlertState.FIRING).toList();
    // end::alert[]
    assertThat(firing).extracting(Alert::name).containsExactly("HighCpu");
  }
}
