package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.PlacementGroup;
import io.stratus.model.PlacementGroup.Topology;
import io.stratus.model.PlacementGroup.WhenUnsatisfiable;
import io.stratus.model.Region;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.SchedulerPropertiesTest.World;
import io.stratus.scheduler.core.placement.PlacementProgress;
import io.stratus.spi.OfferQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of batch placement with placement groups over random catalogs, fleets, workloads and groups: hard
 * anti-affinity, per-machine caps and hard spread always hold; the plan is never worse than the greedy plan that
 * respects the same rules; soft spread never leaves a workload unscheduled; the same seed gives the same plan.
 */
class PlacementGroupPropertiesTest {
  private final SchedulerPropertiesTest worlds = new SchedulerPropertiesTest();

  /** The kinds of rules a random batch's groups carry. */
  enum Rules {
    ANTI_AFFINITY,
    CAP_TWO,
    REGION_HARD,
    PROVIDER_HARD,
    REGION_SOFT,
    CAP_TWO_REGION_HARD_PROVIDER_SOFT
  }

  /** A world whose workloads are put into two groups at random. */
  record Grouped(World world, Rules rules) {}

  @Provide
  Arbitrary<Grouped> grouped() {
    return Combinators.combine(worlds.worlds(), Arbitraries.longs(), Arbitraries.of(Rules.values()),
            Arbitraries.integers().between(1, 2))
        .as((w, seed, rules, skew) -> {
          Random rnd = new Random(seed);
          PlacementGroup[] groups = {group("g0", rules, skew), group("g1", rules, 1)};
          List<Workload> ws = new ArrayList<>();
          for (Workload x : w.workloads()) {
            int r = rnd.nextInt(5);
            ws.add(r < 2 ? x.toBuilder().placementGroup(groups[r]).build() : x);
          }
          return new Grouped(new World(w.offers(), w.vms(), ws), rules);
        });
  }

  @Provide
  Arbitrary<Grouped> groupedOffersOnly() {
    return grouped().map(g -> new Grouped(new World(g.world().offers(), List.of(), g.world().workloads()), g.rules()));
  }

  private static PlacementGroup group(String name, Rules rules, int skew) {
    PlacementGroup.Builder b = PlacementGroup.builder(name);
    switch (rules) {
      case ANTI_AFFINITY -> b.antiAffinity();
      case CAP_TWO -> b.maxPerMachine(2);
      case REGION_HARD -> b.spread(Topology.REGION, skew, WhenUnsatisfiable.DO_NOT_SCHEDULE);
      case PROVIDER_HARD -> b.spread(Topology.PROVIDER, skew, WhenUnsatisfiable.DO_NOT_SCHEDULE);
      case REGION_SOFT -> b.spread(Topology.REGION, skew, WhenUnsatisfiable.SCHEDULE_ANYWAY);
      case CAP_TWO_REGION_HARD_PROVIDER_SOFT -> b.maxPerMachine(2)
          .spread(Topology.REGION, skew, WhenUnsatisfiable.DO_NOT_SCHEDULE)
          .spread(Topology.PROVIDER, 1, WhenUnsatisfiable.SCHEDULE_ANYWAY);
    }
    return b.build();
  }

  private static final class Capture {
    PlacementProgress last;
  }

  private static CostAwareScheduler scheduler(World world, long seed, Capture capture) {
    return CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .inventory(Fixtures.inventory(world.vms()))
        .seed(seed)
        .placementSteps(2_000)
        .placementListener(p -> {
          capture.last = p;
          return true;
        })
        .build();
  }

  @Property(tries = 300)
  void placeAll_anyGroups_hardRulesHoldAndNeverWorseThanConstrainedGreedy(@ForAll("grouped") Grouped g) {
    World world = g.world();
    Capture capture = new Capture();
    PlacementPlan plan = scheduler(world, 3, capture).placeAll(world.workloads());

    assertHardRulesHold(world, plan);
    assertThat(plan.assignments().size() + plan.unschedulable().size()).isEqualTo(world.workloads().size());
    PlacementProgress last = capture.last;
    assertThat(last.placed()).isGreaterThanOrEqualTo(last.greedyPlaced());
    if (last.placed() == last.greedyPlaced()) {
      assertThat(last.bestCost()).isLessThanOrEqualTo(last.greedyCost() + 1e-9 * Math.max(1, last.greedyCost()));
    }
    assertThat(plan.placedCount()).isEqualTo(last.placed());
  }

  @Property(tries = 150)
  void placeAll_sameSeed_samePlan(@ForAll("grouped") Grouped g) {
    World world = g.world();
    PlacementPlan a = scheduler(world, 17, new Capture()).placeAll(world.workloads());
    PlacementPlan b = scheduler(world, 17, new Capture()).placeAll(world.workloads());

    assertThat(b.assignments()).isEqualTo(a.assignments());
    assertThat(b.newInstances()).isEqualTo(a.newInstances());
    assertThat(b.unschedulable()).isEqualTo(a.unschedulable());
  }

  @Property(tries = 200)
  void placeAll_softSpreadOrCapsOnly_placesEveryWorkloadGreedyPlacesAndCostsNoMore(
      @ForAll("groupedOffersOnly") Grouped g) {
    World world = g.world();
    boolean hardSpread = world.workloads().stream().anyMatch(w -> w.placementGroup()
        .map(x -> x.spread().stream().anyMatch(PlacementGroup.Spread::isHard)).orElse(false));
    boolean soft = world.workloads().stream().anyMatch(w -> w.placementGroup()
        .map(x -> x.spread().stream().anyMatch(s -> !s.isHard())).orElse(false));
    Capture capture = new Capture();
    CostAwareScheduler s = scheduler(world, 5, capture);
    double greedy = 0;
    int placed = 0;
    for (Workload w : world.workloads()) {
      Decision d = s.schedule(w);
      if (d.isPlaced()) {
        placed++;
        greedy += d.prediction().orElseThrow().expectedHourlyCost();
      }
    }

    PlacementPlan plan = s.placeAll(world.workloads());

    if (!hardSpread) {
      // Caps and anti-affinity never block a workload an offer holds alone; soft spread never blocks any.
      assertThat(plan.placedCount()).isEqualTo(placed);
    }
    if (!hardSpread && !soft) {
      // Each workload alone on its cheapest offer respects every cap: that greedy plan bounds the result.
      assertThat(expectedCost(plan)).isLessThanOrEqualTo(greedy + 1e-9 * Math.max(1, greedy));
    }
  }

  @Property(tries = 200)
  void placeAll_hardSpread_unscheduledMemberNamesItsGroupAndRule(@ForAll("groupedOffersOnly") Grouped g) {
    World world = g.world();
    CostAwareScheduler s = scheduler(world, 7, new Capture());
    PlacementPlan plan = s.placeAll(world.workloads());
    for (Decision d : plan.unschedulable()) {
      Workload w = world.workloads().stream().filter(x -> x.id().equals(d.workloadId())).findFirst().orElseThrow();
      boolean aloneOk = s.schedule(w).isPlaced();
      if (aloneOk) {
        PlacementGroup group = w.placementGroup().orElseThrow();
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r)
            .contains("placement group '" + group.name() + "'").contains("maxSkew"));
      }
    }
  }

  private static double expectedCost(PlacementPlan plan) {
    double sum = 0;
    for (PlacementPlan.NewInstance n : plan.newInstances()) {
      Candidate c = n.candidate();
      sum += Estimates.expectedHourlyCost(c.marginalHourlyCost().toDouble(), c.interruptionRate());
    }
    return sum;
  }

  /** Checks caps per machine and hard spread (over the regions or providers where some member is feasible alone). */
  static void assertHardRulesHold(World world, PlacementPlan plan) {
    Map<String, Workload> byId = new HashMap<>();
    world.workloads().forEach(w -> byId.put(w.id(), w));
    Map<String, Map<String, Integer>> perMachine = new HashMap<>();
    Map<String, List<Candidate>> placedOf = new HashMap<>();
    for (PlacementPlan.Assignment a : plan.assignments()) {
      PlacementGroup g = byId.get(a.workloadId()).placementGroup().orElse(null);
      if (g == null) {
        continue;
      }
      int count = perMachine.computeIfAbsent(g.name(), x -> new HashMap<>()).merge(a.targetId(), 1, Integer::sum);
      assertThat(count).as("members of %s on %s", g.name(), a.targetId()).isLessThanOrEqualTo(g.maxPerMachine());
      placedOf.computeIfAbsent(g.name(), x -> new ArrayList<>()).add(a.candidate());
    }
    // The scheduler's own view of the world (a running spot machine carries its estimated interruption rate, so a
    // member that does not tolerate that rate cannot run there and does not make its domain eligible).
    Snapshot snap = Snapshot.build(Fixtures.T0, List.of(new Fixtures.StaticPricing(world.offers())), OfferQuery.all(),
        Fixtures.inventory(world.vms()), null);
    Engine engine = new Engine(() -> snap, List.of(), Scoring.costOnly(), BatchSettings.defaults(0));
    Map<String, PlacementGroup> groups = new HashMap<>();
    Map<String, List<Workload>> members = new HashMap<>();
    for (Workload w : world.workloads()) {
      w.placementGroup().ifPresent(g -> {
        groups.put(g.name(), g);
        members.computeIfAbsent(g.name(), x -> new ArrayList<>()).add(w);
      });
    }
    for (Map.Entry<String, PlacementGroup> e : groups.entrySet()) {
      for (PlacementGroup.Spread spread : e.getValue().spread()) {
        if (!spread.isHard()) {
          continue;
        }
        Set<String> eligible = new HashSet<>();
        for (Workload w : members.get(e.getKey())) {
          Query q = new Query(snap, w);
          for (int i = 0; i < snap.n; i++) {
            if (engine.feasible(q, i)) {
              eligible.add(domain(snap.candidates[i].region(), spread.topology()));
            }
          }
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Candidate c : placedOf.getOrDefault(e.getKey(), List.of())) {
          counts.merge(domain(c.region(), spread.topology()), 1, Integer::sum);
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = eligible.stream().mapToInt(d -> counts.getOrDefault(d, 0)).min().orElse(0);
        assertThat(max - min).as("skew of %s over %s: %s, eligible %s", e.getKey(), spread.topology(), counts,
            eligible).isLessThanOrEqualTo(spread.maxSkew());
      }
    }
  }

  private static String domain(Region r, Topology t) {
    return t == Topology.REGION ? r.id() : r.provider().id();
  }
}
