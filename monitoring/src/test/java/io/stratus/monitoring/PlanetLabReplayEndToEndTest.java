package io.stratus.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.alerting.AlertEngine;
import io.stratus.monitoring.alerting.AlertRule;
import io.stratus.monitoring.alerting.Condition;
import io.stratus.monitoring.alerting.GroupingPolicy;
import io.stratus.monitoring.collect.CollectionReport;
import io.stratus.monitoring.collect.MetricsCollector;
import io.stratus.monitoring.collect.ReplayMetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.spi.Unit;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Metrics in, alert out: six real PlanetLab traces replayed through collector, store and alert engine. */
class PlanetLabReplayEndToEndTest {
  private static final Instant DAY = Instant.parse("2011-03-03T00:00:00Z");
  private static final int FAULT_VM = 4;
  private static final int FAULT_FROM = 100;
  private static final int FAULT_TO = 124;

  private static List<Integer> trace(int vm) throws IOException {
    List<Integer> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        PlanetLabReplayEndToEndTest.class.getResourceAsStream("/planetlab/vm" + vm + ".txt"),
        StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(Integer.parseInt(line.strip()));
        }
      }
    }
    return out;
  }

  private static List<RawSample> samplesWithFault() throws IOException {
    List<RawSample> samples = new ArrayList<>();
    for (int vm = 0; vm < 6; vm++) {
      List<Integer> t = trace(vm);
      assertThat(t).hasSize(288);
      for (int i = 0; i < t.size(); i++) {
        double v = vm == FAULT_VM && i >= FAULT_FROM && i < FAULT_TO ? 99 : t.get(i);
        samples.add(RawSample.gauge("CPUUtilization", Unit.PERCENT, "vm" + vm,
            Map.of("region", vm < 3 ? "eu-west-1" : "us-east-1", "provider", "aws"),
            DAY.plus(Duration.ofMinutes(5L * i)).toEpochMilli(), v));
      }
    }
    return samples;
  }

  @Test
  void replay_injectedCpuFault_firesOneAlertForThatVmAndResolvesIt() throws IOException {
    List<RawSample> samples = samplesWithFault();
    AtomicReference<Instant> now = new AtomicReference<>(DAY);
    List<Notification> sent = new ArrayList<>();
    NotificationChannel outbox = new NotificationChannel() {
      @Override
      public String id() {
        return "outbox";
      }

      @Override
      public void send(Notification n) {
        sent.add(n);
      }
    };
    InMemoryMetricStore store = InMemoryMetricStore.create();
    AlertEngine engine = AlertEngine.builder().clock(now::get).channel(outbox).grouping(GroupingPolicy.none())
        .rule(AlertRule.builder("HighCpu", SeriesSelector.of("cpu.utilization")).condition(Condition.above(90, 70))
            .forDuration(Duration.ofMinutes(15)).build())
        .build();
    MetricsCollector collector = MetricsCollector.builder().clock(now::get)
        .source(ReplayMetricsSource.of("planetlab", "aws", samples)).bufferCapacity(4)
        .initialLookback(Duration.ZERO).build();
    int deferred = 0;
    for (int step = 1; step <= 300; step++) {
      now.set(DAY.plus(Duration.ofMinutes(5L * step)));
      CollectionReport report;
      do {
        report = collector.poll();
        assertThat(report.failures()).isEmpty();
        assertThat(report.sources().get(0).rejected()).isZero();
        deferred += report.deferred();
        collector.drainTo(s -> {
          store.accept(s);
          engine.accept(s);
        }, Integer.MAX_VALUE);
      } while (report.deferred() > 0);
      engine.tick();
    }
    assertThat(deferred).as("the small buffer forced back-pressure").isPositive();
    assertThat(store.stats().points()).isEqualTo(6 * 288);
    assertThat(store.stats().outOfOrder() + store.stats().conflicts() + store.stats().duplicates()).isZero();
    List<SeriesData> vm4 = store.query(SeriesSelector.parse("cpu.utilization{resource=\"vm4\"}"),
        DAY.toEpochMilli(), DAY.plus(Duration.ofDays(1)).toEpochMilli());
    assertThat(vm4.get(0).value(FAULT_FROM)).isEqualTo(99);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).title()).startsWith("[FIRING:1] HighCpu");
    assertThat(sent.get(0).labels()).containsEntry("resource", "vm4").containsEntry("region", "us-east-1");
    assertThat(sent.get(0).at()).isEqualTo(DAY.plus(Duration.ofMinutes(5L * (FAULT_FROM + 1) + 15)));
    assertThat(sent.get(1).title()).startsWith("[RESOLVED:1]");
  }

  @Test
  void replay_anomalyRuleWithDynamicBaseline_flagsTheFaultyVmDuringTheFault() throws IOException {
    List<RawSample> samples = samplesWithFault();
    AtomicReference<Instant> now = new AtomicReference<>(DAY);
    List<io.stratus.monitoring.alerting.AlertTransition> fired = new ArrayList<>();
    AlertEngine engine = AlertEngine.builder().clock(now::get).grouping(GroupingPolicy.none())
        .rule(AlertRule.builder("CpuAnomaly", SeriesSelector.of("cpu.utilization"))
            .condition(Condition.anomalous(io.stratus.timeseries.anomaly.Detectors::robustZScore)).build())
        .build();
    Map<String, String> byFingerprint = new java.util.HashMap<>();
    engine.addTransitionListener(t -> {
      if (t.to().filter(s -> s == io.stratus.monitoring.spi.AlertState.FIRING).isPresent()) {
        fired.add(t);
      }
    });
    MetricsCollector collector = MetricsCollector.builder().clock(now::get)
        .source(ReplayMetricsSource.of("planetlab", "aws", samples)).initialLookback(Duration.ZERO).build();
    for (int step = 1; step <= 290; step++) {
      now.set(DAY.plus(Duration.ofMinutes(5L * step)));
      collector.poll();
      collector.drainTo(s -> {
        engine.accept(s);
        byFingerprint.put(io.stratus.monitoring.alerting.Alert.fingerprint(withAlertName(s)),
            s.series().labels().get("resource"));
      }, Integer.MAX_VALUE);
      engine.tick();
    }
    Instant faultStart = DAY.plus(Duration.ofMinutes(5L * FAULT_FROM));
    assertThat(fired).anySatisfy(t -> {
      assertThat(byFingerprint.get(t.fingerprint())).isEqualTo("vm" + FAULT_VM);
      assertThat(t.at()).isBetween(faultStart, faultStart.plus(Duration.ofMinutes(10)));
    });
  }

  private static Map<String, String> withAlertName(io.stratus.monitoring.spi.MetricSample s) {
    Map<String, String> labels = new java.util.TreeMap<>(s.series().labels());
    labels.put("alertname", "CpuAnomaly");
    return labels;
  }
}
