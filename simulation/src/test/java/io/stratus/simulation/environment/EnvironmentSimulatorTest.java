package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.model.CloudProvider;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import io.stratus.spi.OfferQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnvironmentSimulatorTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final BundledCatalog CATALOG = new BundledCatalog();

  static Offer anOffer(CloudProvider p, PurchaseOption option) {
    return CATALOG.offers(OfferQuery.all().withProviders(List.of(p)).withPurchaseOptions(List.of(option))).stream()
        .filter(o -> o.instanceType().vcpus() <= 8)
        .filter(o -> option != PurchaseOption.SPOT || !CATALOG.offers(OfferQuery.all()
            .withRegionIds(List.of(o.region().id())).withInstanceTypeIds(List.of(o.instanceType().id()))
            .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND))).isEmpty())
        .findFirst().orElseThrow();
  }

  static EnvironmentSimulator.Builder env(SimulationEngine engine, long seed) {
    return EnvironmentSimulator.builder(CATALOG, engine, RandomStreams.of(seed)).apiRateLimit(0, 1);
  }

  @Test
  void launch_runsAfterProvisioningLatency_andBillsPerSecondWithMinimum() {
    SimulationEngine engine = SimulationEngine.create(T0);
    EnvironmentSimulator env = env(engine, 1).build();
    Offer o = anOffer(CloudProvider.AWS, PurchaseOption.ON_DEMAND);
    LaunchResult r = env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.ON_DEMAND, Map.of());
    assertThat(r.accepted()).isTrue();
    engine.runFor(Duration.ofSeconds(39));
    assertThat(env.inventoryProvider().runningVms()).isEmpty();
    engine.runFor(Duration.ofSeconds(40)); // AWS provisioning latency: 40 s
    assertThat(env.inventoryProvider().runningVms()).hasSize(1);
    engine.runFor(Duration.ofSeconds(70)); // 30 s running
    env.terminate(r.vmId());
    UsageRecord u = env.usage().get(0);
    assertThat(u.billedSeconds()).isEqualTo(60.0); // one-minute minimum
    double price = o.hourlyPrice().amount().doubleValue();
    assertThat(u.cost().doubleValue()).isCloseTo(price * 60 / 3600, within(1e-9));
    assertThat(u.endReason()).isEqualTo("terminated by owner");
  }

  @Test
  void billing_azurePerMinute_roundsUp() {
    SimulationEngine engine = SimulationEngine.create(T0);
    EnvironmentSimulator env = env(engine, 1).provisioningLatency(CloudProvider.AZURE, Duration.ZERO).build();
    Offer o = anOffer(CloudProvider.AZURE, PurchaseOption.ON_DEMAND);
    LaunchResult r = env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.ON_DEMAND, Map.of());
    engine.runFor(Duration.ofSeconds(61));
    env.terminate(r.vmId());
    assertThat(env.usage().get(0).billedSeconds()).isEqualTo(120.0);
  }

  @Test
  void spotCost_equalsSumOfHourlySpotPriceTimesTime() {
    SimulationEngine engine = SimulationEngine.create(T0);
    EnvironmentSimulator env = env(engine, 3).spotInterruptionMultiplier(0).build();
    Offer o = anOffer(CloudProvider.AWS, PurchaseOption.SPOT);
    LaunchResult r = env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.SPOT, Map.of());
    engine.runFor(Duration.ofSeconds(40));
    String zone = env.usage().get(0).zone();
    double expected = 0;
    // running from 40 s; step hour by hour reading the spot price
    for (int h = 0; h < 30; h++) {
      double p = env.spotPrice(o.instanceType().id(), o.region().id(), zone).orElseThrow();
      long from = h == 0 ? 40 : 0;
      expected += p * (3600 - from) / 3600;
      engine.runFor(Duration.ofHours(h + 1));
    }
    double p = env.spotPrice(o.instanceType().id(), o.region().id(), zone).orElseThrow();
    engine.runFor(Duration.ofHours(30).plusSeconds(1800));
    expected += p * 0.5;
    env.terminate(r.vmId());
    assertThat(env.usage().get(0).cost().doubleValue()).isCloseTo(expected, within(1e-9));
    double od = CATALOG.offers(OfferQuery.all().withRegionIds(List.of(o.region().id()))
        .withInstanceTypeIds(List.of(o.instanceType().id())).withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)))
        .get(0).hourlyPrice().amount().doubleValue();
    assertThat(p).isPositive().isLessThanOrEqualTo(od);
  }

  @Test
  void zoneOutage_failsOnlyMachinesInZone_andRejectsLaunchesUntilItEnds() {
    SimulationEngine engine = SimulationEngine.create(T0);
    List<EnvironmentEvent> events = new ArrayList<>();
    EnvironmentSimulator env = env(engine, 1).listener(events::add).build();
    Offer o = anOffer(CloudProvider.AWS, PurchaseOption.ON_DEMAND);
    Region region = o.region();
    assertThat(region.zones()).hasSizeGreaterThan(1);
    String z0 = region.zones().get(0);
    String z1 = region.zones().get(1);
    String a = env.launch(o.instanceType().id(), region.id(), z0, PurchaseOption.ON_DEMAND, Map.of()).vmId();
    String b = env.launch(o.instanceType().id(), region.id(), z1, PurchaseOption.ON_DEMAND, Map.of()).vmId();
    engine.runFor(Duration.ofMinutes(5));
    env.scheduleOutage(OutageScope.ZONE, z0, T0.plus(Duration.ofMinutes(10)), Duration.ofMinutes(30));
    engine.runFor(Duration.ofMinutes(15));
    assertThat(env.launch(o.instanceType().id(), region.id(), z0, PurchaseOption.ON_DEMAND, Map.of()).rejection())
        .isEqualTo(LaunchResult.Rejection.UNAVAILABLE);
    assertThat(env.launch(o.instanceType().id(), region.id(), z1, PurchaseOption.ON_DEMAND, Map.of()).accepted())
        .isTrue();
    engine.runFor(Duration.ofMinutes(41));
    assertThat(env.launch(o.instanceType().id(), region.id(), z0, PurchaseOption.ON_DEMAND, Map.of()).accepted())
        .isTrue();
    Map<String, String> reasons = env.usage().stream()
        .collect(Collectors.toMap(UsageRecord::vmId, UsageRecord::endReason));
    assertThat(reasons.get(a)).isEqualTo("outage ZONE/" + z0);
    assertThat(reasons.get(b)).isEqualTo("running");
    assertThat(events).extracting(EnvironmentEvent::type).containsSubsequence(
        EnvironmentEvent.Type.OUTAGE_STARTED, EnvironmentEvent.Type.VM_FAILED, EnvironmentEvent.Type.OUTAGE_ENDED);
  }

  @Test
  void providerOutage_failsEveryMachineOfProvider_only() {
    SimulationEngine engine = SimulationEngine.create(T0);
    EnvironmentSimulator env = env(engine, 1).build();
    Offer aws = anOffer(CloudProvider.AWS, PurchaseOption.ON_DEMAND);
    Offer gcp = anOffer(CloudProvider.GCP, PurchaseOption.ON_DEMAND);
    env.launch(aws.instanceType().id(), aws.region().id(), null, PurchaseOption.ON_DEMAND, Map.of());
    env.launch(gcp.instanceType().id(), gcp.region().id(), null, PurchaseOption.ON_DEMAND, Map.of());
    env.scheduleOutage(OutageScope.PROVIDER, "aws", T0.plusSeconds(600), Duration.ofHours(1));
    engine.runFor(Duration.ofMinutes(20));
    assertThat(env.vmCounts()).containsEntry("failed", 1).containsEntry("running", 1);
    assertThat(env.inventoryProvider().runningVms()).allSatisfy(vm ->
        assertThat(vm.region().provider()).isEqualTo(CloudProvider.GCP));
  }

  @Test
  void spotInterruption_noticeComesNoticePeriodBeforeReclaim() {
    SimulationEngine engine = SimulationEngine.create(T0);
    List<EnvironmentEvent> events = new ArrayList<>();
    EnvironmentSimulator env = env(engine, 5).spotInterruptionMultiplier(1000).listener(events::add).build();
    Offer o = anOffer(CloudProvider.AWS, PurchaseOption.SPOT);
    assertThat(o.interruptionRate()).isPositive();
    env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.SPOT, Map.of());
    engine.runFor(Duration.ofDays(60));
    EnvironmentEvent notice = events.stream()
        .filter(e -> e.type() == EnvironmentEvent.Type.SPOT_INTERRUPTION_NOTICE).findFirst().orElseThrow();
    EnvironmentEvent reclaim = events.stream()
        .filter(e -> e.type() == EnvironmentEvent.Type.SPOT_INTERRUPTED).findFirst().orElseThrow();
    assertThat(Duration.between(notice.at(), reclaim.at())).isEqualTo(Duration.ofMinutes(2));
    assertThat(env.vmCounts()).containsEntry("interrupted", 1);
  }

  @Test
  void launch_overQuota_rejectedWithReason() {
    SimulationEngine engine = SimulationEngine.create(T0);
    Offer o = anOffer(CloudProvider.GCP, PurchaseOption.ON_DEMAND);
    int vcpus = (int) Math.ceil(o.instanceType().vcpus());
    EnvironmentSimulator env = env(engine, 1).vcpuQuota(o.region().id(), vcpus).build();
    assertThat(env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.ON_DEMAND, Map.of())
        .accepted()).isTrue();
    LaunchResult second = env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.ON_DEMAND,
        Map.of());
    assertThat(second.rejection()).isEqualTo(LaunchResult.Rejection.QUOTA_EXCEEDED);
    assertThat(second.message()).contains(o.region().id()).contains("quota");
  }

  @Test
  void launch_burstAboveRateLimit_throttledThenRefills() {
    SimulationEngine engine = SimulationEngine.create(T0);
    EnvironmentSimulator env = EnvironmentSimulator.builder(CATALOG, engine, RandomStreams.of(1))
        .apiRateLimit(1, 3).build();
    Offer o = anOffer(CloudProvider.AWS, PurchaseOption.ON_DEMAND);
    List<LaunchResult> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      results.add(env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.ON_DEMAND, Map.of()));
    }
    assertThat(results).extracting(LaunchResult::accepted).containsExactly(true, true, true, false);
    assertThat(results.get(3).rejection()).isEqualTo(LaunchResult.Rejection.THROTTLED);
    engine.runFor(Duration.ofSeconds(2));
    assertThat(env.launch(o.instanceType().id(), o.region().id(), null, PurchaseOption.ON_DEMAND, Map.of())
        .accepted()).isTrue();
  }

  @Test
  void launch_unknownOffer_rejected() {
    EnvironmentSimulator env = env(SimulationEngine.create(T0), 1).build();
    assertThat(env.launch("aws:nope.large", "aws:us-east-1", null, PurchaseOption.ON_DEMAND, Map.of()).rejection())
        .isEqualTo(LaunchResult.Rejection.UNKNOWN_OFFER);
  }

  @Test
  void scheduleOutage_unknownTarget_rejected() {
    EnvironmentSimulator env = env(SimulationEngine.create(T0), 1).build();
    assertThatThrownBy(() -> env.scheduleOutage(OutageScope.ZONE, "mars-1a", T0, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mars-1a");
  }

  @Test
  void sameSeed_identicalUsage() {
    assertThat(runFleet(11)).isEqualTo(runFleet(11));
    assertThat(runFleet(11)).isNotEqualTo(runFleet(12));
  }

  static List<UsageRecord> runFleet(long seed) {
    SimulationEngine engine = SimulationEngine.create(T0);
    EnvironmentSimulator env = env(engine, seed).instanceFailuresPerHour(0.01).spotInterruptionMultiplier(20)
        .outageRates(0.05, 0.01, 0.002, Duration.ofHours(2)).build();
    env.drawOutages(Duration.ofDays(7));
    Offer a = anOffer(CloudProvider.AWS, PurchaseOption.SPOT);
    Offer b = anOffer(CloudProvider.AZURE, PurchaseOption.ON_DEMAND);
    for (int i = 0; i < 20; i++) {
      Offer o = i % 2 == 0 ? a : b;
      env.launch(o.instanceType().id(), o.region().id(), null, o.purchaseOption(), Map.of("team", "t" + i % 3));
    }
    engine.runFor(Duration.ofDays(7));
    return env.usage();
  }
}
