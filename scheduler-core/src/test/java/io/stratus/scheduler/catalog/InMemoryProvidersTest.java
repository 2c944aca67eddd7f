package io.stratus.scheduler.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.UserLocation;
import io.stratus.model.VirtualMachine;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import io.stratus.testkit.InventoryProviderCompatibilityKit;
import io.stratus.testkit.PerformanceHistoryProviderCompatibilityKit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryProvidersTest {
  static final Instant T = Instant.parse("2026-07-21T00:00:00Z");
  static final Offer M5 =
      BundledCatalog.load()
          .offers(
              OfferQuery.all()
                  .withRegionIds(List.of("aws:eu-central-1"))
                  .withInstanceTypeIds(List.of("aws:m5.large"))
                  .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)))
          .get(0);
  static final InstanceType TYPE = M5.instanceType();
  static final Region REGION = M5.region();
  static final UserLocation BERLIN = new UserLocation("berlin", new GeoPoint(52.52, 13.405));

  static VirtualMachine vm(String id, double vcpus) {
    return VirtualMachine.builder(id)
        .instanceType(TYPE)
        .region(REGION)
        .hourlyPrice(M5.hourlyPrice())
        .launchedAt(T)
        .allocated(ResourceDemand.of(vcpus, 1))
        .build();
  }

  static PerformanceObservation perf(double score, Instant at) {
    return new PerformanceObservation(TYPE.id(), REGION.id(), "web", score, 0.01, 10, at);
  }

  @Nested
  class InventoryKit extends InventoryProviderCompatibilityKit {
    @Override
    protected InventoryProvider createProvider() {
      return InMemoryInventory.of(List.of(vm("vm-b", 1), vm("vm-a", 2)));
    }
  }

  @Nested
  class HistoryKit extends PerformanceHistoryProviderCompatibilityKit {
    @Override
    protected PerformanceHistoryProvider createProvider() {
      return new InMemoryPerformanceHistory()
          .record(perf(1.2, T))
          .record(new LatencyObservation(REGION.id(), BERLIN.name(), 11.5, 50, T));
    }

    @Override
    protected List<PerformanceProbe> knownPerformance() {
      return List.of(new PerformanceProbe(TYPE, REGION, "web"));
    }

    @Override
    protected List<LatencyProbe> knownLatencies() {
      return List.of(new LatencyProbe(REGION, BERLIN));
    }
  }

  @Test
  void inventory_putReplaceRemove_snapshotsOrderedById() {
    InMemoryInventory inventory = new InMemoryInventory();
    assertThat(inventory.runningVms()).isEmpty();
    assertThat(inventory.put(vm("vm-b", 1))).isEmpty();
    assertThat(inventory.put(vm("vm-a", 1))).isEmpty();
    List<VirtualMachine> before = inventory.runningVms();

    assertThat(inventory.put(vm("vm-b", 2))).contains(vm("vm-b", 1));
    assertThat(inventory.remove("vm-a")).contains(vm("vm-a", 1));
    assertThat(inventory.remove("vm-a")).isEmpty();

    assertThat(before).extracting(VirtualMachine::id).containsExactly("vm-a", "vm-b");
    assertThat(inventory.runningVms()).containsExactly(vm("vm-b", 2));
    assertThat(inventory.find("vm-b")).contains(vm("vm-b", 2));
    assertThat(inventory.description()).contains("1 machines");
  }

  @Test
  void inventory_update_isAtomicAndKeepsId() throws InterruptedException {
    InMemoryInventory inventory = InMemoryInventory.of(List.of(vm("vm-1", 0)));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        for (int j = 0; j < 25; j++) {
          inventory.update("vm-1", v -> v.toBuilder().allocated(v.allocated().plus(ResourceDemand.of(0.01, 0))).build());
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(inventory.find("vm-1").orElseThrow().allocated().vcpus()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(inventory.update("missing", v -> v)).isEmpty();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> inventory.update("vm-1", v -> vm("vm-2", 0)))
        .withMessageContaining("must keep the machine id 'vm-1'");
  }

  @Test
  void inventory_duplicateIdsOrBlankId_areRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InMemoryInventory.of(List.of(vm("vm-1", 0), vm("vm-1", 1))))
        .withMessageContaining("'vm-1' appears twice");
    assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryInventory(" ")).withMessageContaining("id");
  }

  @Test
  void history_keepsNewestObservationPerKey() {
    InMemoryPerformanceHistory history = new InMemoryPerformanceHistory("bench");
    history.record(perf(1.0, T));
    history.record(perf(1.5, T.plusSeconds(60)));
    history.record(perf(0.5, T.minusSeconds(60))); // late, older: ignored

    assertThat(history.performance(TYPE, REGION, "web")).contains(perf(1.5, T.plusSeconds(60)));
    assertThat(history.performance(TYPE, REGION, "batch")).isEmpty();
    assertThat(history.id()).isEqualTo("bench");
  }

  @Test
  void history_latencyKeyedByRegionAndLocationName() {
    InMemoryPerformanceHistory history = new InMemoryPerformanceHistory();
    history.record(new LatencyObservation(REGION.id(), "berlin", 12, 5, T));
    history.record(new LatencyObservation(REGION.id(), "paris", 9, 5, T));

    assertThat(history.latency(REGION, BERLIN).orElseThrow().p95Millis()).isEqualTo(12);
    assertThat(history.latency(REGION, new UserLocation("tokyo", new GeoPoint(35.7, 139.7)))).isEmpty();
    assertThat(history.description()).contains("2 latency");
  }
}
