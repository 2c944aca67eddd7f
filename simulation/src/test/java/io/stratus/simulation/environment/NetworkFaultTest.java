package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Network partitions and latency spikes, scheduled and drawn from rates. */
class NetworkFaultTest {
  private static final BundledCatalog CATALOG = new BundledCatalog();
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final UserLocation BERLIN = new UserLocation("Berlin", new GeoPoint(52.52, 13.405));
  private static final String US_EAST = "aws:us-east-1";
  private static final String EU = "aws:eu-central-1";

  private final SimulationEngine engine = SimulationEngine.create(T0);
  private final List<EnvironmentEvent> events = new ArrayList<>();
  private final EnvironmentSimulator env = EnvironmentSimulator.builder(CATALOG, engine, RandomStreams.of(5))
      .providers(Set.of(CloudProvider.AWS)).regionIds(Set.of(US_EAST, EU)).userLocations(List.of(BERLIN))
      .listener(events::add).build();

  private Region region(String id) {
    return env.regions().get(id);
  }

  private String launch(String regionId, String zone) {
    LaunchResult r = env.launch("aws:m5.large", regionId, zone, PurchaseOption.ON_DEMAND,
        Map.of(EnvironmentSimulator.WORKLOAD_CLASS_LABEL, "web"));
    assertThat(r.accepted()).as(r.message()).isTrue();
    return r.vmId();
  }

  @Test
  void partitionFromInternet_machinesUnreachableAndNoUserLatencyWhileItLasts() {
    String vm = launch(US_EAST, null);
    env.schedulePartition(US_EAST, EnvironmentSimulator.INTERNET, T0.plusSeconds(3600), Duration.ofHours(1));
    engine.runFor(Duration.ofMinutes(30));
    assertThat(env.isReachable(vm)).isTrue();
    double normal = env.userLatencyMillis(region(US_EAST), BERLIN);

    engine.runFor(Duration.ofMinutes(90));
    assertThat(env.isReachable(vm)).isFalse();
    assertThat(env.userLatencyMillis(region(US_EAST), BERLIN)).isInfinite();
    assertThat(env.performanceHistoryProvider().latency(region(US_EAST), BERLIN)).isEmpty();
    assertThat(env.performanceHistoryProvider().latency(region(EU), BERLIN)).isPresent();
    assertThat(env.latencyMillis(region(US_EAST), region(EU))).as("regions still talk").isFinite();

    engine.runFor(Duration.ofMinutes(150));
    assertThat(env.isReachable(vm)).isTrue();
    assertThat(env.userLatencyMillis(region(US_EAST), BERLIN)).isEqualTo(normal);
    assertThat(events).extracting(EnvironmentEvent::type).contains(EnvironmentEvent.Type.PARTITION_STARTED,
        EnvironmentEvent.Type.PARTITION_ENDED);
    assertThat(events).filteredOn(e -> e.type() == EnvironmentEvent.Type.PARTITION_STARTED).singleElement()
        .satisfies(e -> {
          assertThat(e.at()).isEqualTo(T0.plusSeconds(3600));
          assertThat(e.detail()).isEqualTo("aws:us-east-1|internet");
        });
  }

  @Test
  void zonePartition_onlyThatZonesMachinesAreCutOff() {
    List<String> zones = region(US_EAST).zones();
    assertThat(zones.size()).isGreaterThanOrEqualTo(2);
    String a = launch(US_EAST, zones.get(0));
    String b = launch(US_EAST, zones.get(1));
    env.schedulePartition(EnvironmentSimulator.INTERNET, zones.get(0), T0.plusSeconds(600), Duration.ofHours(1));
    engine.runFor(Duration.ofMinutes(20));
    assertThat(env.isReachable(a)).isFalse();
    assertThat(env.isReachable(b)).isTrue();
  }

  @Test
  void latencySpikesAndInterRegionPartition_changeInterRegionLatency() {
    double base = env.latencyMillis(region(US_EAST), region(EU));
    env.scheduleLatencySpike(US_EAST, EU, T0.plusSeconds(60), Duration.ofMinutes(30), 80);
    env.scheduleLatencySpike(EU, US_EAST, T0.plusSeconds(120), Duration.ofMinutes(10), 20);
    env.schedulePartition(EU, US_EAST, T0.plusSeconds(3600), Duration.ofMinutes(10));
    engine.runFor(Duration.ofSeconds(90));
    assertThat(env.latencyMillis(region(US_EAST), region(EU))).isCloseTo(base + 80, within(1e-9));
    engine.runFor(Duration.ofSeconds(180));
    assertThat(env.latencyMillis(region(EU), region(US_EAST))).isCloseTo(base + 100, within(1e-9));
    engine.runFor(Duration.ofMinutes(40));
    assertThat(env.latencyMillis(region(US_EAST), region(EU))).isEqualTo(base);
    engine.runFor(Duration.ofMinutes(65));
    assertThat(env.latencyMillis(region(US_EAST), region(EU))).isInfinite();
    assertThat(env.latencyMillis(region(US_EAST), region(US_EAST))).isEqualTo(2);
    engine.runFor(Duration.ofMinutes(80));
    assertThat(env.latencyMillis(region(US_EAST), region(EU))).isEqualTo(base);
  }

  @Test
  void userLatencySpike_raisesObservedLatency() {
    double before = env.performanceHistoryProvider().latency(region(EU), BERLIN).orElseThrow().p95Millis();
    env.scheduleLatencySpike(EU, EnvironmentSimulator.INTERNET, T0, Duration.ofHours(1), 40);
    engine.runFor(Duration.ofMinutes(1));
    double during = env.performanceHistoryProvider().latency(region(EU), BERLIN).orElseThrow().p95Millis();
    assertThat(during - before).isCloseTo(40 * 1.5, within(1e-9));
  }

  private List<String> drawn(long seed) {
    SimulationEngine e = SimulationEngine.create(T0);
    List<String> out = new ArrayList<>();
    EnvironmentSimulator s = EnvironmentSimulator.builder(CATALOG, e, RandomStreams.of(seed))
        .providers(Set.of(CloudProvider.AWS)).regionIds(Set.of(US_EAST, EU))
        .networkFaultRates(2, 1, 3, 25, Duration.ofMinutes(20))
        .listener(ev -> out.add(ev.type() + "@" + ev.at() + ":" + ev.detail())).build();
    int n = s.drawOutages(Duration.ofDays(2));
    assertThat(n).isPositive();
    e.runFor(Duration.ofDays(3));
    return out;
  }

  @Test
  void drawnFromRates_deterministicPerSeedAndAllKinds() {
    List<String> a = drawn(3);
    assertThat(a).isEqualTo(drawn(3)).isNotEqualTo(drawn(4));
    assertThat(a).anyMatch(x -> x.startsWith("PARTITION_STARTED") && x.endsWith("|internet"));
    assertThat(a).anyMatch(x -> x.startsWith("PARTITION_STARTED") && x.endsWith(":aws:eu-central-1|aws:us-east-1"));
    assertThat(a).anyMatch(x -> x.startsWith("LATENCY_SPIKE_STARTED") && x.endsWith("|internet|25.0"));
    assertThat(a.stream().filter(x -> x.startsWith("PARTITION_STARTED")).count())
        .isEqualTo(a.stream().filter(x -> x.startsWith("PARTITION_ENDED")).count());
  }

  @Test
  void badFaults_areRejectedNamingTheProblem() {
    assertThatIllegalArgumentException().isThrownBy(() -> env.schedulePartition("mars", EnvironmentSimulator.INTERNET,
        T0, Duration.ofHours(1))).withMessageContaining("'mars'");
    assertThatIllegalArgumentException().isThrownBy(() -> env.schedulePartition(EU, EU, T0, Duration.ofHours(1)))
        .withMessageContaining("must differ");
    assertThatIllegalArgumentException().isThrownBy(() -> env.scheduleLatencySpike(EU, US_EAST, T0,
        Duration.ofHours(1), 0)).withMessageContaining("extraMillis");
    engine.runFor(Duration.ofHours(1));
    assertThatIllegalArgumentException().isThrownBy(() -> env.schedulePartition(EU, US_EAST, T0,
        Duration.ofHours(1))).withMessageContaining("before the current time");
    assertThatIllegalArgumentException().isThrownBy(() -> EnvironmentSimulator.builder(CATALOG, engine,
        RandomStreams.of(1)).networkFaultRates(0, 0, 1, 0, Duration.ofMinutes(5)))
        .withMessageContaining("spikeExtraMillis");
  }
}
