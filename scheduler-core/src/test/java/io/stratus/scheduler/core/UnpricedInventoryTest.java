package io.stratus.scheduler.core;

import static io.stratus.scheduler.core.Fixtures.AWS_FRANKFURT;
import static io.stratus.scheduler.core.Fixtures.GCP_BELGIUM;
import static io.stratus.scheduler.core.Fixtures.offer;
import static io.stratus.scheduler.core.Fixtures.type;
import static io.stratus.scheduler.core.Fixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stratus.ProviderException;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.ParetoFront;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PriceUnavailableException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An inventory that read its fleet but could not price some machines ({@link PriceUnavailableException}, e.g. a
 * custom GCP machine type) must not fail every decision: the schedulers decide on the priced machines and report the
 * unpriced ones as "unknown price", unless the host asked for {@link SchedulerBuilder#failOnUnpricedMachines strict}
 * reads.
 */
class UnpricedInventoryTest {
  static final InstanceType AWS_SMALL = type(CloudProvider.AWS, "m5.large", 2, 8);
  static final InstanceType GCP_CUSTOM = type(CloudProvider.GCP, "n2-custom-6-20480", 6, 20);
  static final String CUSTOM_REASON = "no ON_DEMAND price for n2-custom-6-20480 in gcp:europe-west1 (the Cloud Billing"
      + " Catalog has no SKU rate for this machine family, custom or GPU shape)";

  static final List<Offer> OFFERS = List.of(offer(AWS_SMALL, AWS_FRANKFURT, PurchaseOption.ON_DEMAND, "0.115"));
  /** A running machine with 2 vCPUs and 8 GiB free. */
  static final VirtualMachine PRICED = vm("vm-priced", AWS_SMALL, AWS_FRANKFURT, PurchaseOption.ON_DEMAND,
      ResourceDemand.of(0, 0));
  /** Would hold any small workload, and nearly empty: the most attractive machine, if it had a price. */
  static final VirtualMachine CUSTOM = vm("gce-4711", GCP_CUSTOM, GCP_BELGIUM, PurchaseOption.ON_DEMAND,
      ResourceDemand.of(0, 0));

  /** An inventory that prices {@code priced} and throws for the machines in {@code unpriced}, as the adapters do. */
  static InventoryProvider partlyPriced(List<VirtualMachine> priced, Map<String, String> unpriced) {
    return new InventoryProvider() {
      @Override
      public String id() {
        return "gcp";
      }

      @Override
      public List<VirtualMachine> runningVms() {
        if (unpriced.isEmpty()) {
          return List.copyOf(priced);
        }
        throw new PriceUnavailableException("gcp", priced, unpriced);
      }
    };
  }

  static InventoryProvider customMachineUnpriced() {
    return partlyPriced(List.of(PRICED), Map.of(CUSTOM.id(), CUSTOM_REASON));
  }

  static Workload small(String id) {
    return Workload.builder(id).demand(ResourceDemand.of(2, 4)).build();
  }

  private static int unknownPrice(Explanation e) {
    return e.rejections().stream().filter(r -> r.reason().startsWith(UnpricedMachines.REASON))
        .mapToInt(Explanation.Rejection::count).sum();
  }

  private static void assertCountsAddUp(Explanation e) {
    int rejected = e.rejections().stream().mapToInt(Explanation.Rejection::count).sum();
    assertThat(e.feasible() + rejected).isEqualTo(e.considered());
  }

  @Test
  void schedule_inventoryWithAnUnpricedMachine_decidesOnThePricedOnesAndReportsItWithTheReason() {
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(customMachineUnpriced()).build();

    Decision d = s.schedule(small("web"));

    assertThat(d.isPlaced()).isTrue();
    assertThat(d.candidate().orElseThrow().id()).isEqualTo("vm-priced");
    Explanation e = d.explanation();
    // one offer, one priced machine, one unpriced machine
    assertThat(e.considered()).isEqualTo(3);
    assertThat(e.rejections()).contains(new Explanation.Rejection("unknown price: " + CUSTOM_REASON, 1));
    assertThat(e.notes()).anySatisfy(n -> assertThat(n).contains("gce-4711").contains("price unknown")
        .contains("inventory 'gcp'"));
    assertCountsAddUp(e);
  }

  @Test
  void schedule_onlyAnUnpricedMachineAndNoOffer_isUnschedulableSayingWhy() {
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(List.of()))
        .inventory(partlyPriced(List.of(), Map.of(CUSTOM.id(), CUSTOM_REASON))).build();

    Decision d = s.schedule(small("web"));

    assertThat(d.isPlaced()).isFalse();
    assertThat(d.reasons()).contains("1 unknown price: " + CUSTOM_REASON, "no candidates: the pricing providers"
        + " returned no offers for the query and no running machine is priced");
    assertThat(d.explanation().considered()).isEqualTo(1);
    assertThat(d.explanation().notes()).anySatisfy(n -> assertThat(n).contains("gce-4711"));
    assertCountsAddUp(d.explanation());
  }

  @Test
  void placeAll_inventoryWithAnUnpricedMachine_plansOnThePricedOnesAndEveryDecisionReportsIt() {
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(customMachineUnpriced()).build();
    Workload huge = Workload.builder("huge").demand(ResourceDemand.of(64, 512)).build();

    PlacementPlan plan = s.placeAll(List.of(small("a"), small("b"), huge));

    assertThat(plan.assignments()).extracting(PlacementPlan.Assignment::targetId).doesNotContain("gce-4711")
        .contains("vm-priced");
    assertThat(plan.assignments()).hasSize(2);
    for (Decision d : plan.decisions().values()) {
      assertThat(unknownPrice(d.explanation())).isEqualTo(1);
      assertCountsAddUp(d.explanation());
    }
    Decision notPlaced = plan.unschedulable().get(0);
    assertThat(notPlaced.workloadId()).isEqualTo("huge");
    assertThat(notPlaced.reasons()).contains("1 unknown price: " + CUSTOM_REASON);
  }

  @Test
  void paretoFront_inventoryWithAnUnpricedMachine_listsOnlyPricedCandidatesAndReportsIt() {
    EnhancedScheduler s = EnhancedScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(customMachineUnpriced()).build();

    ParetoFront front = s.paretoFront(small("web"));

    assertThat(front.points()).extracting(p -> p.candidate().id()).doesNotContain("gce-4711");
    assertThat(front.explanation().rejections())
        .contains(new Explanation.Rejection("unknown price: " + CUSTOM_REASON, 1));
    assertCountsAddUp(front.explanation());
  }

  @Test
  void failOnUnpricedMachines_true_everyReadThrowsTheInventorysException() {
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(customMachineUnpriced()).failOnUnpricedMachines(true).build();

    assertThatThrownBy(() -> s.schedule(small("web")))
        .isInstanceOfSatisfying(PriceUnavailableException.class, e -> {
          assertThat(e.providerId()).isEqualTo("gcp");
          assertThat(e.unpriced()).containsEntry("gce-4711", CUSTOM_REASON);
        });
    assertThatThrownBy(() -> s.placeAll(List.of(small("web")))).isInstanceOf(PriceUnavailableException.class);
  }

  @Test
  void failOnUnpricedMachines_falseOrFullyPricedFleet_decides() {
    CostAwareScheduler lenient = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(customMachineUnpriced()).failOnUnpricedMachines(true).failOnUnpricedMachines(false).build();
    CostAwareScheduler strictAllPriced = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(partlyPriced(List.of(PRICED), Map.of())).failOnUnpricedMachines(true).build();

    assertThat(lenient.schedule(small("web")).isPlaced()).isTrue();
    Decision d = strictAllPriced.schedule(small("web"));
    assertThat(d.isPlaced()).isTrue();
    assertThat(unknownPrice(d.explanation())).isZero();
    assertThat(d.explanation().notes()).noneSatisfy(n -> assertThat(n).contains("price unknown"));
  }

  @Test
  void schedule_unpricedMachines_countedByTheFilteredMeterUnderUnknownPrice() {
    MeterRegistry registry = new SimpleMeterRegistry();
    Map<String, String> unpriced = Map.of("gce-1", CUSTOM_REASON, "gce-2", CUSTOM_REASON, "gce-3", "other");
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(partlyPriced(List.of(PRICED), unpriced)).meterRegistry(registry).build();

    Decision d = s.schedule(small("a"));
    s.schedule(small("b"));

    assertThat(registry.get("stratus.scheduler.candidates.filtered").tags("reason", "unknown_price").counter()
        .count()).isEqualTo(6);
    // machines with the same reason are counted together
    assertThat(d.explanation().rejections()).contains(
        new Explanation.Rejection("unknown price: " + CUSTOM_REASON, 2), new Explanation.Rejection(
            "unknown price: other", 1));
  }

  @Test
  void schedule_manyUnpricedMachines_noteNamesTheFirstTenAndCountsTheRest() {
    Map<String, String> unpriced = new LinkedHashMap<>();
    for (int i = 0; i < 25; i++) {
      unpriced.put(String.format("gce-%02d", i), CUSTOM_REASON);
    }
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(partlyPriced(List.of(PRICED), unpriced)).build();

    Explanation e = s.schedule(small("web")).explanation();

    assertThat(e.rejections()).contains(new Explanation.Rejection("unknown price: " + CUSTOM_REASON, 25));
    String note = e.notes().stream().filter(n -> n.contains("price unknown")).findFirst().orElseThrow();
    assertThat(note).startsWith("25 running machines of inventory 'gcp'").contains("gce-00", "gce-09")
        .doesNotContain("gce-10").contains("and 15 more");
  }

  @Test
  void unpricedMachines_moreThanTheNoteNames_returnsEveryMachineWithItsReasonSortedById() {
    Map<String, String> unpriced = new LinkedHashMap<>();
    for (int i = 24; i >= 0; i--) {
      unpriced.put(String.format("gce-%02d", i), i % 2 == 0 ? CUSTOM_REASON : "no SPOT price for a2-ultragpu-" + i);
    }
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(partlyPriced(List.of(PRICED), unpriced)).build();

    Map<String, String> all = s.unpricedMachines();

    assertThat(all).hasSize(25).containsExactlyEntriesOf(new TreeMap<>(unpriced));
    String note = s.schedule(small("web")).explanation().notes().stream().filter(n -> n.contains("price unknown"))
        .findFirst().orElseThrow();
    assertThat(note).doesNotContain("gce-10");
    assertThat(all).containsKey("gce-10");
    assertThatThrownBy(() -> all.put("gce-99", "x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unpricedMachines_everyScheduler_sameMapAndEmptyWhenAllPricedOrNoInventory() {
    Map<String, String> expected = Map.of(CUSTOM.id(), CUSTOM_REASON);

    assertThat(EnhancedScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(customMachineUnpriced()).build().unpricedMachines()).isEqualTo(expected);
    assertThat(PerformanceScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(customMachineUnpriced()).build().unpricedMachines()).isEqualTo(expected);
    assertThat(CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(partlyPriced(List.of(PRICED), Map.of())).build().unpricedMachines()).isEmpty();
    assertThat(CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS)).build().unpricedMachines())
        .isEmpty();
  }

  @Test
  void unpricedMachines_strictReads_throwsTheInventorysExceptionWithTheSameMap() {
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(customMachineUnpriced()).failOnUnpricedMachines(true).build();

    assertThatThrownBy(s::unpricedMachines).isInstanceOfSatisfying(PriceUnavailableException.class,
        e -> assertThat(e.unpriced()).isEqualTo(Map.of(CUSTOM.id(), CUSTOM_REASON)));
  }

  @Test
  void schedule_machineBothPricedAndUnpriced_failsNamingTheMachine() {
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(OFFERS))
        .inventory(partlyPriced(List.of(PRICED), Map.of("vm-priced", CUSTOM_REASON))).build();

    assertThatThrownBy(() -> s.schedule(small("web")))
        .isInstanceOf(ProviderException.class)
        .isNotInstanceOf(PriceUnavailableException.class)
        .hasMessageContaining("provider 'gcp'")
        .hasMessageContaining("'vm-priced' both in pricedVms() and in unpriced()");
  }

  @Test
  void build_fromPrevious_samePricedFleet_reportsTheNewUnpricedSet() {
    AtomicReference<Map<String, String>> unpriced = new AtomicReference<>(Map.of(CUSTOM.id(), CUSTOM_REASON));
    InventoryProvider inventory = new InventoryProvider() {
      @Override
      public String id() {
        return "gcp";
      }

      @Override
      public List<VirtualMachine> runningVms() {
        if (unpriced.get().isEmpty()) {
          return List.of(PRICED);
        }
        throw new PriceUnavailableException("gcp", List.of(PRICED), unpriced.get());
      }
    };
    Fixtures.StaticPricing pricing = new Fixtures.StaticPricing(OFFERS);
    Instant t1 = Fixtures.T0.plusSeconds(600);

    Snapshot first = Snapshot.build(null, Fixtures.T0, List.of(pricing), OfferQuery.all(), inventory, null);
    unpriced.set(Map.of("gce-1", "a", "gce-2", "b"));
    Snapshot second = Snapshot.build(first, t1, List.of(pricing), OfferQuery.all(), inventory, null);
    unpriced.set(Map.of());
    Snapshot third = Snapshot.build(second, t1, List.of(pricing), OfferQuery.all(), inventory, null);

    assertThat(first.unpriced.reasons).containsOnlyKeys("gce-4711");
    // the priced fleet did not change, so the layout is shared; the unpriced machines are those of the new read
    assertThat(second.regions).isSameAs(first.regions);
    assertThat(second.unpriced.reasons).containsOnlyKeys("gce-1", "gce-2");
    assertThat(third.unpriced.count).isZero();
    assertThat(third.unpriced.note).isNull();
  }
}
