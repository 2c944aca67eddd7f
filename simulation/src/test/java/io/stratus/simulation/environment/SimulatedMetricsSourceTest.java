package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.monitoring.collect.MetricVocabulary;
import io.stratus.monitoring.spi.MetricsSource;
import io.stratus.monitoring.spi.RawSample;
import io.stratus.testkit.monitoring.MetricsSourceCompatibilityKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedMetricsSourceTest {
  private static final SimulatedMetricsSource.UtilizationModel MODEL =
      SimulatedMetricsSource.UtilizationModel.diurnal(0.3);

  @Test
  void fetch_window_samplesEveryRunningMachineOnTheGrid() {
    SimFleet fleet = new SimFleet(2);
    List<UsageRecord> usage = fleet.env.usage();
    SimulatedMetricsSource source = SimulatedMetricsSource.of("sim", fleet.env::usage, Duration.ofMinutes(5), MODEL);
    Instant from = SimFleet.ORIGIN.plus(Duration.ofHours(2));

    List<RawSample> samples = source.fetch(from, from.plus(Duration.ofHours(1)));

    // every machine runs in that hour: 12 grid points x 2 metrics each
    assertThat(samples).hasSize(usage.size() * 12 * 2);
    assertThat(samples).allSatisfy(s -> {
      assertThat(s.epochMillis() % Duration.ofMinutes(5).toMillis()).isZero();
      assertThat(s.value()).isBetween(0.0, 100.0);
      assertThat(s.labels()).containsKeys("team", "provider", "region", "instance_type");
    });
    Set<String> names = samples.stream().map(RawSample::name).collect(Collectors.toSet());
    assertThat(names).containsExactlyInAnyOrder(MetricVocabulary.CPU_UTILIZATION,
        MetricVocabulary.MEMORY_UTILIZATION);
  }

  @Test
  void fetch_afterMachineTerminated_hasNoSamplesOfIt() {
    SimFleet fleet = new SimFleet(2);
    SimulatedMetricsSource source = SimulatedMetricsSource.of("sim", fleet.env::usage, Duration.ofMinutes(5), MODEL);
    Set<String> stopped = fleet.env.usage().stream().filter(u -> !u.running()).map(UsageRecord::vmId)
        .collect(Collectors.toSet());
    assertThat(stopped).isNotEmpty();
    Instant late = fleet.now().minus(Duration.ofHours(2));

    List<RawSample> samples = source.fetch(late, fleet.now());

    assertThat(samples).isNotEmpty().noneMatch(s -> stopped.contains(s.resource()));
  }

  @Test
  void diurnal_peakAfternoon_isBusierThanNight() {
    SimFleet fleet = new SimFleet(2);
    UsageRecord m = fleet.env.usage().get(0);
    double day = MODEL.cpu(m, Instant.parse("2026-02-01T14:00:00Z"));
    double night = MODEL.cpu(m, Instant.parse("2026-02-01T02:00:00Z"));
    assertThat(day).isGreaterThan(night);
  }

  @Test
  void of_badArguments_throwNamingTheField() {
    assertThatThrownBy(() -> SimulatedMetricsSource.of("s", List::of, Duration.ofMillis(10), MODEL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
    assertThatThrownBy(() -> SimulatedMetricsSource.UtilizationModel.diurnal(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amplitude");
    assertThatThrownBy(() -> SimulatedMetricsSource.of("s", List::of, Duration.ofMinutes(1), MODEL)
        .fetch(Instant.EPOCH, Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to");
  }

  @Nested
  class Compatibility extends MetricsSourceCompatibilityKit {
    private final SimFleet fleet = new SimFleet(4);

    @Override
    protected MetricsSource createSource() {
      return SimulatedMetricsSource.of("sim", fleet.env::usage, Duration.ofMinutes(5), MODEL);
    }

    @Override
    protected Instant windowStart() {
      return SimFleet.ORIGIN.plus(Duration.ofHours(1));
    }

    @Override
    protected Instant windowEnd() {
      return SimFleet.ORIGIN.plus(Duration.ofHours(7));
    }
  }
}
