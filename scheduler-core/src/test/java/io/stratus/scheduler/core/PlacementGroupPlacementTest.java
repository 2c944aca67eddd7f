package io.stratus.scheduler.core;

import static io.stratus.scheduler.core.Fixtures.AWS_FRANKFURT;
import static io.stratus.scheduler.core.Fixtures.AWS_VIRGINIA;
import static io.stratus.scheduler.core.Fixtures.GCP_BELGIUM;
import static io.stratus.scheduler.core.Fixtures.offer;
import static io.stratus.scheduler.core.Fixtures.type;
import static io.stratus.scheduler.core.Fixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.stratus.model.CloudProvider;
import io.stratus.model.CostConstraints;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PlacementGroup;
import io.stratus.model.PlacementGroup.Topology;
import io.stratus.model.PlacementGroup.WhenUnsatisfiable;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each placement-group rule in batch placement, and each message it gives. */
class PlacementGroupPlacementTest {
  private static final InstanceType SMALL = type(CloudProvider.AWS, "m5.large", 2, 8);
  private static final InstanceType LARGE = type(CloudProvider.AWS, "m5.4xlarge", 16, 64);
  private static final InstanceType GCP_SMALL = type(CloudProvider.GCP, "n2-standard-2", 2, 8);

  /** Frankfurt is cheapest and has the only large type; Virginia and Belgium have small types only. */
  private static List<Offer> offers() {
    return List.of(
        offer(SMALL, AWS_FRANKFURT, PurchaseOption.ON_DEMAND, "0.100"),
        offer(LARGE, AWS_FRANKFURT, PurchaseOption.ON_DEMAND, "0.150"),
        offer(SMALL, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, "0.120"),
        offer(GCP_SMALL, GCP_BELGIUM, PurchaseOption.ON_DEMAND, "0.300"));
  }

  private static CostAwareScheduler scheduler(List<VirtualMachine> vms) {
    return CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(offers()))
        .inventory(Fixtures.inventory(vms))
        .seed(1)
        .build();
  }

  private static List<Workload> members(int count, ResourceDemand demand, PlacementGroup g) {
    List<Workload> ws = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      ws.add(Workload.builder(g.name() + "-" + k).demand(demand).placementGroup(g).build());
    }
    return ws;
  }

  private static Map<String, Integer> perRegion(PlacementPlan plan) {
    Map<String, Integer> counts = new HashMap<>();
    plan.assignments().forEach(a -> counts.merge(a.candidate().region().id(), 1, Integer::sum));
    return counts;
  }

  @Test
  void placeAll_withoutGroup_packsFourSmallWorkloadsOntoOneLargeInstance() {
    List<Workload> ws = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      ws.add(Workload.builder("w" + k).demand(ResourceDemand.of(2, 8)).build());
    }
    PlacementPlan plan = scheduler(List.of()).placeAll(ws);
    assertThat(plan.newInstances()).singleElement()
        .satisfies(n -> assertThat(n.candidate().instanceType()).isEqualTo(LARGE));
  }

  @Test
  void placeAll_antiAffinity_everyMemberOnItsOwnMachine() {
    PlacementPlan plan =
        scheduler(List.of()).placeAll(members(4, ResourceDemand.of(2, 8), PlacementGroup.antiAffinity("db")));

    assertThat(plan.placedCount()).isEqualTo(4);
    assertThat(new HashSet<>(plan.assignments().stream().map(PlacementPlan.Assignment::targetId).toList()))
        .hasSize(4);
  }

  @Test
  void placeAll_maxPerMachineTwo_noMachineHoldsMoreThanTwo_nonMembersStillPack() {
    List<Workload> ws = new ArrayList<>(
        members(4, ResourceDemand.of(1, 4), PlacementGroup.builder("web").maxPerMachine(2).build()));
    ws.add(Workload.builder("other-1").demand(ResourceDemand.of(1, 4)).build());
    ws.add(Workload.builder("other-2").demand(ResourceDemand.of(1, 4)).build());

    PlacementPlan plan = scheduler(List.of()).placeAll(ws);

    assertThat(plan.placedCount()).isEqualTo(6);
    Map<String, Integer> members = new HashMap<>();
    plan.assignments().stream().filter(a -> a.workloadId().startsWith("web-"))
        .forEach(a -> members.merge(a.targetId(), 1, Integer::sum));
    assertThat(members.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(2));
  }

  @Test
  void placeAll_antiAffinity_runningMachineHoldsOneMemberOnly() {
    VirtualMachine running = vm("i-1", LARGE, AWS_FRANKFURT, PurchaseOption.ON_DEMAND, ResourceDemand.of(0, 0));
    PlacementPlan plan = scheduler(List.of(running))
        .placeAll(members(3, ResourceDemand.of(2, 8), PlacementGroup.antiAffinity("db")));

    assertThat(plan.assignments()).filteredOn(a -> a.targetId().equals("i-1")).hasSize(1);
    assertThat(plan.newInstances()).hasSize(2);
  }

  @Test
  void placeAll_hardRegionSpread_membersSpreadWithinMaxSkew() {
    PlacementGroup g = PlacementGroup.builder("web")
        .spread(Topology.REGION, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE).build();
    PlacementPlan plan = scheduler(List.of()).placeAll(members(4, ResourceDemand.of(1, 4), g));

    assertThat(plan.placedCount()).isEqualTo(4);
    Map<String, Integer> counts = perRegion(plan);
    assertThat(counts).containsOnlyKeys("aws:eu-central-1", "aws:us-east-1", "gcp:europe-west1");
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(1, 2));
  }

  /**
   * A running spot machine in Frankfurt with room for both members, an offer in Virginia only: whether Frankfurt is an
   * eligible region depends on whether the members tolerate the machine's interruption rate (no spot offer prices it,
   * so the scheduler's estimate applies, 10% a month).
   */
  private static SchedulerPropertiesTest.World spotMachineWorld(double maxInterruption) {
    List<Offer> offers = List.of(offer(SMALL, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, "0.100"));
    VirtualMachine spot = vm("vm-0", SMALL, AWS_FRANKFURT, PurchaseOption.SPOT, ResourceDemand.of(0, 0));
    PlacementGroup g = PlacementGroup.builder("g0")
        .spread(Topology.REGION, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE).build();
    CostConstraints cost = CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(maxInterruption)
        .build();
    List<Workload> ws = members(2, ResourceDemand.of(0.5, 0.5), g).stream()
        .map(w -> w.toBuilder().cost(cost).build()).toList();
    return new SchedulerPropertiesTest.World(offers, List.of(spot), ws);
  }

  private static PlacementPlan placeAll(SchedulerPropertiesTest.World world) {
    return CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .inventory(Fixtures.inventory(world.vms()))
        .seed(3)
        .build()
        .placeAll(world.workloads());
  }

  @Test
  void placeAll_hardSpread_spotMachineAboveMembersRiskLimit_isNotAnEligibleRegion() {
    SchedulerPropertiesTest.World world = spotMachineWorld(0.05);

    PlacementPlan plan = placeAll(world);

    assertThat(plan.placedCount()).isEqualTo(2);
    assertThat(perRegion(plan)).containsExactly(Map.entry("aws:us-east-1", 2));
    // the property test's checker must take the same view of the running machine (it once priced it at 0% risk)
    PlacementGroupPropertiesTest.assertHardRulesHold(world, plan);
  }

  @Test
  void placeAll_hardSpread_spotMachineWithinMembersRiskLimit_takesOneMember() {
    SchedulerPropertiesTest.World world = spotMachineWorld(0.5);

    PlacementPlan plan = placeAll(world);

    assertThat(plan.placedCount()).isEqualTo(2);
    assertThat(perRegion(plan)).containsOnly(Map.entry("aws:eu-central-1", 1), Map.entry("aws:us-east-1", 1));
    assertThat(plan.assignments()).filteredOn(a -> a.targetId().equals("vm-0")).hasSize(1);
    PlacementGroupPropertiesTest.assertHardRulesHold(world, plan);
  }

  @Test
  void placeAll_hardProviderSpreadWithAntiAffinity_maxSkewDecidesHowManyMoreOnTheCheaperProvider() {
    PlacementGroup two = PlacementGroup.builder("web").antiAffinity()
        .spread(Topology.PROVIDER, 2, WhenUnsatisfiable.DO_NOT_SCHEDULE).build();
    PlacementGroup one = two.toBuilder().spread(List.of(
        new PlacementGroup.Spread(Topology.PROVIDER, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE))).build();

    assertThat(perProvider(scheduler(List.of()).placeAll(members(4, ResourceDemand.of(1, 4), two))))
        .containsOnly(Map.entry("aws", 3), Map.entry("gcp", 1));
    assertThat(perProvider(scheduler(List.of()).placeAll(members(4, ResourceDemand.of(1, 4), one))))
        .containsOnly(Map.entry("aws", 2), Map.entry("gcp", 2));
  }

  private static Map<String, Integer> perProvider(PlacementPlan plan) {
    Map<String, Integer> counts = new HashMap<>();
    plan.assignments().forEach(a -> counts.merge(a.candidate().region().provider().id(), 1, Integer::sum));
    return counts;
  }

  /** Three members only the large Frankfurt type holds, one that fits anywhere: two of the three cannot go. */
  private static List<Workload> lopsided(PlacementGroup g) {
    List<Workload> ws = new ArrayList<>(members(3, ResourceDemand.of(8, 32), g));
    ws.add(Workload.builder("db-small").demand(ResourceDemand.of(1, 4)).placementGroup(g).build());
    return ws;
  }

  @Test
  void placeAll_hardSpreadUnsatisfiable_leavesMembersUnscheduledNamingGroupAndRule() {
    PlacementGroup g = PlacementGroup.builder("db")
        .spread(Topology.REGION, 1, WhenUnsatisfiable.DO_NOT_SCHEDULE).build();
    PlacementPlan plan = scheduler(List.of()).placeAll(lopsided(g));

    assertThat(plan.placedCount()).isEqualTo(2);
    assertThat(plan.unschedulable()).hasSize(2).allSatisfy(d -> assertThat(d.reasons()).first().asString()
        .startsWith("placement group 'db': spread over region with maxSkew 1 (DO_NOT_SCHEDULE) — every region that"
            + " could hold it already has 1 more member than the least-used eligible region (0); members per"
            + " region: "));
    Decision d = plan.unschedulable().get(0);
    assertThat(d.reasons().get(0)).contains("aws:eu-central-1=1").contains("gcp:europe-west1=");
  }

  @Test
  void placeAll_softSpread_placesEveryMemberAndPricesTheExcessSkew() {
    PlacementGroup g = PlacementGroup.builder("db")
        .spread(Topology.REGION, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY).build();
    PlacementPlan plan = scheduler(List.of()).placeAll(lopsided(g));

    assertThat(plan.placedCount()).isEqualTo(4);
    assertThat(plan.method()).contains("soft spread penalties");
  }

  @Test
  void placeAll_softSpread_spreadsOnlyWhereItCostsLessThanThePenalty() {
    PlacementGroup g = PlacementGroup.builder("web")
        .spread(Topology.REGION, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY).build();
    PlacementPlan plan = scheduler(List.of()).placeAll(members(2, ResourceDemand.of(1, 4), g));

    // Together on one small Frankfurt instance the skew is 2 (penalty: a member's own instance, 0.10/h); spread over
    // Frankfurt and Virginia it is 1 for 0.12/h more, which costs more than the penalty: they stay together.
    assertThat(plan.newInstances()).hasSize(1);
    // Two larger members: together on the large instance 0.15/h + 0.10/h penalty; Frankfurt + Virginia 0.22/h.
    PlacementPlan spread = scheduler(List.of()).placeAll(members(2, ResourceDemand.of(2, 8), g));
    assertThat(perRegion(spread)).containsOnly(Map.entry("aws:eu-central-1", 1), Map.entry("aws:us-east-1", 1));
    PlacementPlan three = scheduler(List.of()).placeAll(members(3, ResourceDemand.of(2, 8), g));
    // Three members: Frankfurt, Virginia and Belgium cost 0.52/h; all in Frankfurt on one large instance 0.15/h plus
    // a skew of 3 (2 x the mean member's own instance, 0.10/h, as penalty) 0.35/h: they stay together, counted.
    assertThat(three.placedCount()).isEqualTo(3);
    assertThat(three.method()).contains("soft spread penalties of 0.2000/h");
  }

  @Test
  void placeAll_groupRulesDifferBetweenMembers_rejectedNamingBoth() {
    Workload a = Workload.builder("a").placementGroup(PlacementGroup.antiAffinity("db")).build();
    Workload b = Workload.builder("b").placementGroup(PlacementGroup.builder("db").maxPerMachine(2).build()).build();

    assertThatIllegalArgumentException().isThrownBy(() -> scheduler(List.of()).placeAll(List.of(a, b)))
        .withMessage("workloads of one placement group must carry equal rules: 'b' has placementGroup"
            + " PlacementGroup{db, maxPerMachine=2} but 'a' has PlacementGroup{db, maxPerMachine=1}");
  }

  @Test
  void schedule_groupedWorkload_decidesAsWithoutGroup() {
    Workload plain = Workload.builder("w").demand(ResourceDemand.of(2, 8)).build();
    Workload grouped = plain.toBuilder().placementGroup(PlacementGroup.antiAffinity("db")).build();
    CostAwareScheduler s = scheduler(List.of());

    assertThat(s.schedule(grouped).candidate()).isEqualTo(s.schedule(plain).candidate());
  }
}
