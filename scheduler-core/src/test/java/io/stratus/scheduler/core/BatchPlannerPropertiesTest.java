package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.model.Offer;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.SchedulerPropertiesTest.World;
import io.stratus.scheduler.core.placement.PlacementProgress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.data.Offset;

/**
 * Batch placement against the per-workload greedy baseline and against the optimum of small worlds: never worse than
 * greedy, the lower bound never above the optimum, the candidate reduction loses nothing.
 */
class BatchPlannerPropertiesTest {
  private final SchedulerPropertiesTest worlds = new SchedulerPropertiesTest();

  @Provide
  Arbitrary<World> offersOnly() {
    return worlds.worlds().map(w -> new World(w.offers(), List.of(), w.workloads()));
  }

  @Provide
  Arbitrary<World> small() {
    return offersOnly().filter(w -> w.workloads().size() <= 6);
  }

  /** The final progress report of a plan, captured with the listener. */
  private static final class Capture {
    PlacementProgress last;
    int reports;
  }

  private static CostAwareScheduler scheduler(World world, long seed, Capture capture) {
    return CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .inventory(Fixtures.inventory(world.vms()))
        .seed(seed)
        .placementListener(p -> {
          capture.last = p;
          capture.reports++;
          return true;
        })
        .build();
  }

  private static double expected(Candidate c) {
    return Estimates.expectedHourlyCost(c.marginalHourlyCost().toDouble(), c.interruptionRate());
  }

  private static double expectedCost(PlacementPlan plan) {
    double sum = 0;
    for (PlacementPlan.NewInstance n : plan.newInstances()) {
      sum += expected(n.candidate());
    }
    return sum;
  }

  @Property(tries = 300)
  void placeAll_anyCatalog_neverWorseThanGreedyAndPlacesAsMany(@ForAll("offersOnly") World world) {
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

    assertThat(plan.placedCount()).isEqualTo(placed);
    assertThat(expectedCost(plan)).isLessThanOrEqualTo(greedy + 1e-9 * Math.max(1, greedy));
    assertThat(capture.last.finished()).isTrue();
    assertThat(capture.last.greedyCost()).isCloseTo(greedy, Offset.offset(1e-9 * (1 + greedy)));
    assertThat(capture.last.bestCost())
        .isCloseTo(expectedCost(plan), Offset.offset(1e-9 * (1 + greedy)));
    assertThat(capture.last.lowerBound()).isLessThanOrEqualTo(capture.last.bestCost());
  }

  @Property(tries = 150)
  void placeAll_smallWorld_boundAtMostOptimumAndPlanAtLeastOptimum(@ForAll("small") World world) {
    Capture capture = new Capture();
    CostAwareScheduler s = scheduler(world, 11, capture);
    PlacementPlan plan = s.placeAll(world.workloads());
    double optimum = optimum(world, plan);

    double tol = 1e-9 * Math.max(1, optimum);
    assertThat(capture.last.lowerBound()).isLessThanOrEqualTo(optimum + tol);
    assertThat(expectedCost(plan)).isGreaterThanOrEqualTo(optimum - tol);
  }

  /**
   * The cheapest plan placing the plan's placed workloads, by brute force over the full catalog: every partition of
   * the workloads into bins, each bin on the cheapest offer that every workload in it may use and that holds them
   * all.
   */
  private static double optimum(World world, PlacementPlan plan) {
    List<Workload> placed = new ArrayList<>();
    for (Workload w : world.workloads()) {
      if (plan.assignments().stream().anyMatch(a -> a.workloadId().equals(w.id()))) {
        placed.add(w);
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Offer o : world.offers()) {
      candidates.add(Candidate.newInstance(o));
    }
    Snapshot snap = Snapshot.of(Fixtures.T0, candidates, null);
    Engine engine = new Engine(() -> snap, List.of(), Scoring.costOnly(), BatchSettings.defaults(0));
    boolean[][] feasible = new boolean[placed.size()][snap.n];
    for (int k = 0; k < placed.size(); k++) {
      Query q = new Query(snap, placed.get(k));
      for (int i = 0; i < snap.n; i++) {
        feasible[k][i] = engine.feasible(q, i);
      }
    }
    return partitions(placed, feasible, snap, new int[placed.size()], 0, 0);
  }

  private static double partitions(
      List<Workload> ws, boolean[][] feasible, Snapshot snap, int[] block, int k, int blocks) {
    if (k == ws.size()) {
      double total = 0;
      for (int b = 0; b < blocks; b++) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < snap.n; i++) {
          double v = 0;
          double m = 0;
          int g = 0;
          boolean ok = true;
          for (int j = 0; j < ws.size() && ok; j++) {
            if (block[j] == b) {
              ok = feasible[j][i];
              v += ws.get(j).demand().vcpus();
              m += ws.get(j).demand().memoryGib();
              g += ws.get(j).demand().gpus();
            }
          }
          if (ok && v <= snap.vcpus[i] + 1e-9 && m <= snap.memory[i] + 1e-9 && g <= snap.gpus[i]) {
            best = Math.min(best, snap.expectedCost[i]);
          }
        }
        total += best;
      }
      return total;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int b = 0; b <= blocks; b++) {
      block[k] = b;
      best = Math.min(best, partitions(ws, feasible, snap, block, k + 1, Math.max(blocks, b + 1)));
    }
    return best;
  }

  @Property(tries = 100)
  void placeAll_withRunningMachines_neverWorseThanItsGreedyStart(
      @ForAll("worlds") World world) {
    Capture capture = new Capture();
    PlacementPlan plan = scheduler(world, 3, capture).placeAll(world.workloads());

    PlacementProgress last = capture.last;
    assertThat(plan.placedCount()).isEqualTo(last.placed());
    assertThat(last.placed()).isGreaterThanOrEqualTo(last.greedyPlaced());
    if (last.placed() == last.greedyPlaced()) {
      assertThat(last.bestCost()).isLessThanOrEqualTo(last.greedyCost() + 1e-9 * Math.max(1, last.greedyCost()));
    }
    assertThat(expectedCost(plan)).isCloseTo(capture.last.bestCost(), Offset.offset(1e-6));
  }

  @Provide
  Arbitrary<World> worlds() {
    return worlds.worlds();
  }

  @Property(tries = 60)
  void placeAll_listenerStopsAtOnce_returnsTheStartingPlan(@ForAll("offersOnly") World world) {
    List<PlacementProgress> seen = new ArrayList<>();
    CostAwareScheduler s = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .placementListener(p -> {
          seen.add(p);
          return false;
        })
        .build();

    PlacementPlan plan = s.placeAll(world.workloads());

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).finished()).isFalse();
    assertThat(seen.get(1).finished()).isTrue();
    assertThat(seen.get(1).steps()).isZero();
    assertThat(expectedCost(plan)).isCloseTo(seen.get(0).bestCost(), Offset.offset(1e-6));
  }

  @Property(tries = 60)
  void placeAll_throwingListener_isIgnored(@ForAll("offersOnly") World world) {
    CostAwareScheduler quiet = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers())).seed(2).build();
    CostAwareScheduler noisy = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers())).seed(2)
        .placementListener(p -> {
          throw new IllegalStateException("host bug");
        })
        .build();

    assertThat(noisy.placeAll(world.workloads())).isEqualTo(quiet.placeAll(world.workloads()));
  }

  @org.junit.jupiter.api.Test
  void placeAll_classesThatCannotShare_boundRespectsEligibility() {
    // One workload may only run in the EU (dear), the other anywhere (cheap in the US). A bound from pooled
    // resources prices both at the US rate; the optimum pays a whole EU machine for the first.
    io.stratus.model.InstanceType aws = new io.stratus.model.InstanceType(io.stratus.model.CloudProvider.AWS,
        "m-2-8", "m", 2, 8, 0, "", io.stratus.model.Architecture.X86_64, 10);
    List<Offer> offers = List.of(
        new Offer(aws, Fixtures.AWS_FRANKFURT, io.stratus.model.PurchaseOption.ON_DEMAND, io.stratus.model.Money.of(
            "1.00", "USD"), 0, Fixtures.T0),
        new Offer(aws, Fixtures.AWS_VIRGINIA, io.stratus.model.PurchaseOption.ON_DEMAND, io.stratus.model.Money.of(
            "0.10", "USD"), 0, Fixtures.T0));
    Workload eu = Workload.builder("eu").demand(io.stratus.model.ResourceDemand.of(1, 4))
        .compliance(io.stratus.model.ComplianceRequirements.builder()
            .allowedJurisdictions(java.util.Set.of(io.stratus.model.Jurisdiction.EU)).build())
        .build();
    Workload any = Workload.builder("any").demand(io.stratus.model.ResourceDemand.of(1, 4)).build();
    Capture capture = new Capture();

    PlacementPlan plan = scheduler(new World(offers, List.of(), List.of(eu, any)), 1, capture)
        .placeAll(List.of(eu, any));

    assertThat(expectedCost(plan)).isCloseTo(1.0, Offset.offset(1e-9));
    assertThat(capture.last.lowerBound()).isCloseTo(1.0, Offset.offset(1e-6));
    assertThat(plan.method()).contains("gap 0.00%");
  }

  @Property(tries = 100)
  void placeAll_withHostFilter_respectsItAndNeverWorseThanGreedy(@ForAll("offersOnly") World world) {
    // A host rule that depends on the workload's id: each workload is its own eligibility class.
    io.stratus.scheduler.FilterPlugin oddOnGcp = (w, c) ->
        (w.id().hashCode() & 1) == 1 && c.region().provider() == io.stratus.model.CloudProvider.GCP
            ? java.util.Optional.of("odd workloads stay off GCP") : java.util.Optional.empty();
    Capture capture = new Capture();
    CostAwareScheduler s = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .filter(oddOnGcp)
        .placementListener(p -> {
          capture.last = p;
          return true;
        })
        .build();
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

    assertThat(plan.placedCount()).isEqualTo(placed);
    assertThat(expectedCost(plan)).isLessThanOrEqualTo(greedy + 1e-9 * Math.max(1, greedy));
    for (PlacementPlan.Assignment a : plan.assignments()) {
      Workload w = world.workloads().stream().filter(x -> x.id().equals(a.workloadId())).findFirst().orElseThrow();
      assertThat(oddOnGcp.filter(w, a.candidate())).isEmpty();
    }
  }

  /** A host filter that audits each refusal, as the residency policy does: it counts what it was asked. */
  private static final class AuditingFilter implements io.stratus.scheduler.FilterPlugin {
    final java.util.Map<String, Integer> asked = new java.util.HashMap<>();
    int refusals;

    @Override
    public java.util.Optional<String> filter(Workload w, Candidate c) {
      asked.merge(w.id() + "@" + c.id(), 1, Integer::sum);
      // A rule that depends on the workload, so that one workload's allowed candidate is another's refused one.
      if (((w.id().hashCode() ^ c.region().id().hashCode()) & 3) == 0) {
        refusals++;
        return java.util.Optional.of("refused by the host");
      }
      return java.util.Optional.empty();
    }

    @Override
    public String name() {
      return "auditing";
    }
  }

  @Property(tries = 150)
  void placeAll_withAnAuditingHostFilter_asksEachPairOnce_andAuditsEveryRejectionExactlyOnce(
      @ForAll("worlds") World world) {
    AuditingFilter filter = new AuditingFilter();
    CostAwareScheduler s = CostAwareScheduler.builder()
        .pricing(new Fixtures.StaticPricing(world.offers()))
        .inventory(Fixtures.inventory(world.vms()))
        .filter(filter)
        .build();

    PlacementPlan plan = s.placeAll(world.workloads());

    assertThat(filter.asked).allSatisfy((pair, times) -> assertThat(times).as(pair).isEqualTo(1));
    long rejected = 0;
    for (Workload w : world.workloads()) {
      rejected += plan.decision(w.id()).orElseThrow().explanation().rejections().stream()
          .filter(r -> r.reason().equals("auditing: refused by the host"))
          .mapToLong(io.stratus.scheduler.Explanation.Rejection::count).sum();
    }
    assertThat(filter.refusals).isEqualTo(rejected);
  }

  @Property(tries = 100)
  void placeAll_everyAssignment_hasAnExplainedDecisionOnItsTarget(@ForAll("worlds") World world) {
    PlacementPlan plan = scheduler(world, 7, new Capture()).placeAll(world.workloads());

    for (PlacementPlan.Assignment a : plan.assignments()) {
      Decision d = plan.decision(a.workloadId()).orElseThrow();
      assertThat(d.isPlaced()).isTrue();
      assertThat(d.workloadId()).isEqualTo(a.workloadId());
      assertThat(d.candidate()).contains(a.candidate());
      assertThat(plan.explanation(a.workloadId())).contains(d.explanation());
      assertThat(d.explanation().notes()).first().asString().startsWith("batch placement: ");
      assertThat(d.explanation().feasible()).isPositive();
    }
    for (PlacementPlan.NewInstance n : plan.newInstances()) {
      double shares = 0;
      for (String id : n.workloadIds()) {
        shares += plan.decision(id).orElseThrow().hourlyCost().orElseThrow().toDouble();
      }
      assertThat(shares).isCloseTo(n.hourlyCost().toDouble(), Offset.offset(1e-6 * n.workloadIds().size()));
    }
    for (Decision u : plan.unschedulable()) {
      assertThat(plan.explanation(u.workloadId())).contains(u.explanation());
    }
    assertThat(plan.decision("not-in-the-batch")).isEmpty();
  }
}
