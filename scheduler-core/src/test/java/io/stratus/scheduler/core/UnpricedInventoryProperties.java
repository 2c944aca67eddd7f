package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.SchedulerPropertiesTest.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the fleet, a running machine the inventory could not price is never chosen, every decision counts it once
 * as "unknown price", and the decisions are those made on the priced machines alone.
 */
class UnpricedInventoryProperties {

  @Provide
  Arbitrary<World> worlds() {
    return new SchedulerPropertiesTest().worlds();
  }

  /** The world's machines whose bit in {@code mask} is set have no price; the inventory says so, as adapters do. */
  private static Map<String, String> unpriced(World world, int mask) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < world.vms().size(); i++) {
      if ((mask & (1 << i)) != 0) {
        VirtualMachine vm = world.vms().get(i);
        out.put(vm.id(), "no " + vm.purchaseOption() + " price for " + vm.instanceType().id() + " in "
            + vm.region().id());
      }
    }
    return out;
  }

  private static List<VirtualMachine> priced(World world, Map<String, String> unpriced) {
    List<VirtualMachine> out = new ArrayList<>();
    for (VirtualMachine vm : world.vms()) {
      if (!unpriced.containsKey(vm.id())) {
        out.add(vm);
      }
    }
    return out;
  }

  private static CostAwareScheduler scheduler(World world, List<VirtualMachine> priced, Map<String, String> unpriced) {
    return CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .inventory(UnpricedInventoryTest.partlyPriced(priced, unpriced))
        .seed(5)
        .placementSteps(2_000)
        .build();
  }

  @Property(tries = 150)
  void schedule_anyFleet_anUnpricedMachineIsNeverChosenAndAlwaysCountedOnce(
      @ForAll("worlds") World world, @ForAll int mask) {
    Map<String, String> unpriced = unpriced(world, mask);
    List<VirtualMachine> priced = priced(world, unpriced);
    CostAwareScheduler partly = scheduler(world, priced, unpriced);
    CostAwareScheduler pricedOnly = scheduler(world, priced, Map.of());

    for (Workload w : world.workloads()) {
      Decision d = partly.schedule(w);
      Decision alone = pricedOnly.schedule(w);

      d.candidate().ifPresent(c -> assertThat(unpriced).doesNotContainKey(c.id()));
      assertThat(d.candidate()).isEqualTo(alone.candidate());
      assertThat(d.hourlyCost()).isEqualTo(alone.hourlyCost());
      Explanation e = d.explanation();
      assertThat(e.considered()).isEqualTo(world.offers().size() + world.vms().size());
      assertThat(e.feasible()).isEqualTo(alone.explanation().feasible());
      int unknown = e.rejections().stream().filter(r -> r.reason().startsWith(UnpricedMachines.REASON))
          .mapToInt(Explanation.Rejection::count).sum();
      assertThat(unknown).isEqualTo(unpriced.size());
      int rejected = e.rejections().stream().mapToInt(Explanation.Rejection::count).sum();
      assertThat(e.feasible() + rejected).isEqualTo(e.considered());
      for (String id : unpriced.keySet()) {
        assertThat(e.notes()).anySatisfy(n -> assertThat(n).contains(id));
      }
    }
  }

  @Property(tries = 100)
  void unpricedMachines_anyFleet_everyUnpricedMachineWithItsReasonAndNoOther(
      @ForAll("worlds") World world, @ForAll int mask) {
    Map<String, String> unpriced = unpriced(world, mask);

    Map<String, String> reported = scheduler(world, priced(world, unpriced), unpriced).unpricedMachines();

    assertThat(reported).containsExactlyEntriesOf(unpriced);
  }

  @Property(tries = 60)
  void placeAll_anyFleet_noWorkloadGoesToAnUnpricedMachine_andThePlanIsThePricedFleets(
      @ForAll("worlds") World world, @ForAll int mask) {
    Map<String, String> unpriced = unpriced(world, mask);
    List<VirtualMachine> priced = priced(world, unpriced);

    PlacementPlan plan = scheduler(world, priced, unpriced).placeAll(world.workloads());
    PlacementPlan alone = scheduler(world, priced, Map.of()).placeAll(world.workloads());

    for (PlacementPlan.Assignment a : plan.assignments()) {
      assertThat(unpriced).doesNotContainKey(a.targetId());
      assertThat(unpriced).doesNotContainKey(a.candidate().id());
    }
    assertThat(plan.assignments()).isEqualTo(alone.assignments());
    assertThat(plan.newInstances()).isEqualTo(alone.newInstances());
    assertThat(plan.totalHourlyCost()).isEqualTo(alone.totalHourlyCost());
    assertThat(plan.unschedulable()).extracting(Decision::workloadId)
        .isEqualTo(alone.unschedulable().stream().map(Decision::workloadId).toList());
    for (Decision d : plan.unschedulable()) {
      if (!unpriced.isEmpty()) {
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains(UnpricedMachines.REASON));
      }
    }
  }
}
