package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.PlacementPlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;

/** Invariants of single decisions and batch plans over random catalogs, fleets and workloads. */
class SchedulerPropertiesTest {
  private static final List<Region> REGIONS = Fixtures.REGIONS;

  /** A random world: offers, running machines and workloads. */
  record World(List<Offer> offers, List<VirtualMachine> vms, List<Workload> workloads) {}

  private int counter;

  @BeforeTry
  void reset() {
    counter = 0;
  }

  @Provide
  Arbitrary<World> worlds() {
    return Combinators.combine(offers().list().ofMinSize(0).ofMaxSize(25), vms().list().ofMaxSize(4),
            workloads().list().ofMinSize(1).ofMaxSize(12))
        .as((offers, vms, ws) -> {
          Map<String, Offer> unique = new LinkedHashMap<>();
          offers.forEach(o -> unique.putIfAbsent(o.id(), o));
          Map<String, VirtualMachine> uniqueVms = new LinkedHashMap<>();
          vms.forEach(v -> uniqueVms.putIfAbsent(v.id(), v));
          Map<String, Workload> uniqueWs = new LinkedHashMap<>();
          ws.forEach(w -> uniqueWs.putIfAbsent(w.id(), w));
          return new World(List.copyOf(unique.values()), List.copyOf(uniqueVms.values()),
              List.copyOf(uniqueWs.values()));
        });
  }

  static Arbitrary<InstanceType> types(CloudProvider p) {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5),
            Arbitraries.of(1.0, 2.0, 4.0, 8.0, 16.0),
            Arbitraries.of(2.0, 4.0, 8.0, 32.0, 64.0),
            Arbitraries.of(0, 0, 0, 1, 4),
            Arbitraries.of(Architecture.values()))
        .as((k, cpu, mem, gpu, arch) -> new InstanceType(
            p, "t" + k + "-" + cpu.intValue() + "-" + mem.intValue() + "-" + gpu + "-" + arch.ordinal(), "t", cpu,
            mem, gpu, gpu > 0 ? "A10" : "", arch, 10));
  }

  @Provide
  Arbitrary<Offer> offers() {
    return Arbitraries.of(REGIONS).flatMap(r -> Combinators.combine(
            types(r.provider()),
            Arbitraries.of(PurchaseOption.ON_DEMAND, PurchaseOption.SPOT, PurchaseOption.RESERVED_1Y),
            Arbitraries.integers().between(1, 5000),
            Arbitraries.of(0.05, 0.10, 0.20))
        .as((t, po, cents, rate) -> new Offer(t, r, po, new Money(BigDecimal.valueOf(cents, 3), Money.USD),
            po == PurchaseOption.SPOT ? rate : 0, Fixtures.T0)));
  }

  Arbitrary<VirtualMachine> vms() {
    return Arbitraries.of(REGIONS).flatMap(r -> Combinators.combine(
            types(r.provider()),
            Arbitraries.of(PurchaseOption.ON_DEMAND, PurchaseOption.RESERVED_3Y, PurchaseOption.SPOT),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(0, 999))
        .as((t, po, used, id) -> VirtualMachine.builder("vm-" + id)
            .instanceType(t)
            .region(r)
            .purchaseOption(po)
            .hourlyPrice(Money.of("0.2", "USD"))
            .launchedAt(Fixtures.T0)
            .allocated(new ResourceDemand(t.vcpus() * used, t.memoryGib() * used, 0, 0))
            .build()));
  }

  Arbitrary<Workload> workloads() {
    Arbitrary<ComplianceRequirements> compliance = Combinators.combine(
            Arbitraries.of(Set.<Jurisdiction>of(), Set.of(Jurisdiction.EU), Set.of(Jurisdiction.US, Jurisdiction.EU)),
            Arbitraries.of(Set.<CloudProvider>of(), Set.of(CloudProvider.AWS), Set.of(CloudProvider.GCP,
                CloudProvider.AZURE)),
            Arbitraries.of(Set.<CloudProvider>of(), Set.of(CloudProvider.AZURE)))
        .as((j, allowed, denied) -> {
          ComplianceRequirements.Builder b = ComplianceRequirements.builder().allowedJurisdictions(j);
          Set<CloudProvider> deny = allowed.stream().anyMatch(denied::contains) ? Set.of() : denied;
          return b.allowedProviders(allowed).deniedProviders(deny).build();
        });
    Arbitrary<CostConstraints> cost = Combinators.combine(
            Arbitraries.of(true, false), Arbitraries.of(0.05, 0.15, 1.0), Arbitraries.of(true, false))
        .as((spot, risk, commit) -> CostConstraints.builder().spotAllowed(spot).maxInterruptionProbability(risk)
            .commitmentsAllowed(commit).build());
    return Combinators.combine(
            Arbitraries.integers().between(0, 999),
            Arbitraries.of(0.5, 1.0, 2.0, 4.0, 12.0),
            Arbitraries.of(0.5, 2.0, 4.0, 16.0, 48.0),
            Arbitraries.of(0, 0, 0, 1),
            Arbitraries.integers().between(0, 3),
            compliance,
            cost)
        .as((id, cpu, mem, gpu, prio, comp, c) -> Workload.builder("w-" + id)
            .demand(new ResourceDemand(cpu, mem, gpu, 0))
            .priority(prio)
            .compliance(comp)
            .cost(c)
            .build());
  }

  static CostAwareScheduler scheduler(World world, long seed) {
    return CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .inventory(Fixtures.inventory(world.vms()))
        .seed(seed)
        .placementSteps(2_000)
        .build();
  }

  @Property(tries = 100)
  void placeAll_anyWorld_noTargetExceedsAnyCapacityDimension(@ForAll("worlds") World world) {
    PlacementPlan plan = scheduler(world, 1).placeAll(world.workloads());

    Map<String, ResourceDemand> used = new HashMap<>();
    Map<String, Candidate> target = new HashMap<>();
    for (PlacementPlan.Assignment a : plan.assignments()) {
      used.merge(a.targetId(), a.demand(), ResourceDemand::plus);
      target.put(a.targetId(), a.candidate());
    }
    used.forEach((id, u) -> {
      ResourceDemand cap = target.get(id).capacity();
      assertThat(u.vcpus()).as("vCPU on %s", id).isLessThanOrEqualTo(cap.vcpus() + 1e-9);
      assertThat(u.memoryGib()).as("memory on %s", id).isLessThanOrEqualTo(cap.memoryGib() + 1e-9);
      assertThat(u.gpus()).as("GPUs on %s", id).isLessThanOrEqualTo(cap.gpus());
      assertThat(u.networkGbps()).as("network on %s", id).isLessThanOrEqualTo(cap.networkGbps() + 1e-9);
    });
    assertThat(plan.assignments().size() + plan.unschedulable().size()).isEqualTo(world.workloads().size());
  }

  @Property(tries = 100)
  void scheduleAndPlaceAll_anyWorld_residencyProviderAndPurchaseRulesHold(@ForAll("worlds") World world) {
    CostAwareScheduler s = scheduler(world, 7);
    Map<String, Workload> byId = new HashMap<>();
    world.workloads().forEach(w -> byId.put(w.id(), w));

    for (Workload w : world.workloads()) {
      Decision d = s.schedule(w);
      d.candidate().ifPresent(c -> assertRulesHold(w, c));
    }
    for (PlacementPlan.Assignment a : s.placeAll(world.workloads()).assignments()) {
      assertRulesHold(byId.get(a.workloadId()), a.candidate());
    }
  }

  private static void assertRulesHold(Workload w, Candidate c) {
    assertThat(w.compliance().violations(c.region())).as("%s on %s", w.id(), c).isEmpty();
    if (c.purchaseOption() == PurchaseOption.SPOT) {
      assertThat(w.cost().spotAllowed()).isTrue();
      assertThat(c.interruptionRate()).isLessThanOrEqualTo(w.cost().maxInterruptionProbability());
    }
    if (!w.cost().commitmentsAllowed() && !c.isRunning()) {
      assertThat(c.purchaseOption().isCommitment()).isFalse();
    }
  }

  @Property(tries = 100)
  void placeAll_anyWorld_totalIsExactSumOfNewInstancePrices(@ForAll("worlds") World world) {
    PlacementPlan plan = scheduler(world, 3).placeAll(world.workloads());

    Money sum = Money.zero(Money.USD);
    for (PlacementPlan.NewInstance n : plan.newInstances()) {
      sum = sum.plus(n.candidate().hourlyPrice());
    }
    assertThat(plan.totalHourlyCost().isSameAs(sum)).as("%s vs %s", plan.totalHourlyCost(), sum).isTrue();
    for (PlacementPlan.Assignment a : plan.assignments()) {
      if (a.candidate().isRunning()) {
        assertThat(a.targetId()).isEqualTo(a.candidate().id());
      }
    }
  }

  @Property(tries = 40)
  void placeAll_sameSeed_samePlan(@ForAll("worlds") World world) {
    PlacementPlan a = scheduler(world, 42).placeAll(world.workloads());
    PlacementPlan b = scheduler(world, 42).placeAll(world.workloads());

    assertThat(a).isEqualTo(b);
  }

  @Property(tries = 200)
  void schedule_addingAnOffer_neverRaisesTheExpectedCost(
      @ForAll("worlds") World world, @ForAll("offers") Offer extra) {
    Workload w = world.workloads().get(0);
    Decision before = scheduler(world, 0).schedule(w);
    List<Offer> more = new ArrayList<>(world.offers());
    more.removeIf(o -> o.id().equals(extra.id()));
    more.add(extra);
    List<Offer> withExtra = List.copyOf(more);
    boolean replaced = withExtra.size() == world.offers().size();

    Decision after = scheduler(new World(withExtra, world.vms(), world.workloads()), 0).schedule(w);

    if (before.isPlaced() && !replaced) {
      assertThat(after.isPlaced()).isTrue();
      assertThat(after.prediction().orElseThrow().expectedHourlyCost())
          .isLessThanOrEqualTo(before.prediction().orElseThrow().expectedHourlyCost());
    }
  }

  @Property(tries = 200)
  void schedule_anyWorld_everyCandidateIsFeasibleOrCountedOnce(@ForAll("worlds") World world) {
    CostAwareScheduler s = scheduler(world, 0);
    for (Workload w : world.workloads()) {
      Explanation e = s.schedule(w).explanation();
      int rejected = e.rejections().stream().mapToInt(Explanation.Rejection::count).sum();
      assertThat(e.feasible() + rejected).isEqualTo(e.considered());
      assertThat(e.considered()).isEqualTo(world.offers().size() + world.vms().size());
    }
  }

  @Property(tries = 200)
  void filter_groupedFastPath_agreesWithPerCandidateCheck(@ForAll("worlds") World world) {
    List<Candidate> candidates = new ArrayList<>();
    world.offers().forEach(o -> candidates.add(Candidate.newInstance(o)));
    world.vms().forEach(v -> candidates.add(Candidate.onRunningVm(v, v.purchaseOption().isInterruptible() ? 0.1 : 0)));
    Snapshot s = Snapshot.of(Fixtures.T0, candidates, null);
    Engine engine = new Engine(() -> s, List.of(), Scoring.costOnly(),
        BatchSettings.defaults(0));
    for (Workload w : world.workloads()) {
      Query q = new Query(s, w);
      Engine.Filtered f = engine.filter(q);
      java.util.Set<Integer> fast = new java.util.TreeSet<>();
      for (int j = 0; j < f.count; j++) {
        fast.add(f.feasible[j]);
      }
      java.util.Set<Integer> slow = new java.util.TreeSet<>();
      int[] codes = new int[Query.CODES];
      for (int i = 0; i < s.n; i++) {
        if (engine.feasible(q, i)) {
          slow.add(i);
        } else if (q.regionAllowed(s.regionOf[i])) {
          codes[q.check(i)]++;
        }
      }
      assertThat(fast).isEqualTo(slow);
      for (int code = 1; code < Query.CODES; code++) {
        assertThat(f.codeCounts[code]).as("code %d", code).isEqualTo(codes[code]);
      }
    }
  }
}
