package io.stratus.scheduler.core;

import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Places many workloads at once. Builds, per workload, the set of candidates that pass every filter (the same filters
 * as a single decision, so compliance holds in plans too), then assigns workloads in priority order, best-fit onto
 * capacity that is already paid for or already opened by the plan, and otherwise opens the cheapest allowed new
 * instance. Deterministic: the same snapshot and workloads give the same plan. Stateless and thread-safe.
 */
final class BatchPlanner {
  static final String METHOD = "greedy: priority order, best fit on open capacity, else cheapest new instance";

  private BatchPlanner() {}

  static List<Workload> checkUnique(List<Workload> workloads) {
    Objects.requireNonNull(workloads, "workloads must not be null");
    Set<String> ids = new HashSet<>();
    for (Workload w : workloads) {
      Objects.requireNonNull(w, "workloads must not contain null elements");
      if (!ids.add(w.id())) {
        throw new IllegalArgumentException(
            "workloads must have unique ids: '" + w.id() + "' appears more than once");
      }
    }
    return List.copyOf(workloads);
  }

  /** One machine the plan fills: a running one or a new one it opens. */
  private static final class Bin {
    final int candidate;
    final String key;
    double vcpus;
    double memory;
    double network;
    int gpus;
    final List<String> workloads = new ArrayList<>();

    Bin(Snapshot s, int candidate, String key) {
      this.candidate = candidate;
      this.key = key;
      vcpus = s.vcpus[candidate];
      memory = s.memory[candidate];
      network = s.network[candidate];
      gpus = s.gpus[candidate];
    }

    boolean fits(ResourceDemand d) {
      return d.gpus() <= gpus && le(d.vcpus(), vcpus) && le(d.memoryGib(), memory) && le(d.networkGbps(), network);
    }

    void take(ResourceDemand d, String workloadId) {
      vcpus -= d.vcpus();
      memory -= d.memoryGib();
      network -= d.networkGbps();
      gpus -= d.gpus();
      workloads.add(workloadId);
    }

    /** Leftover after placing d, summed in relative terms: smaller means tighter fit. */
    double slack(Snapshot s, ResourceDemand d) {
      return rel(vcpus - d.vcpus(), s.vcpus[candidate]) + rel(memory - d.memoryGib(), s.memory[candidate]);
    }

    private static double rel(double left, double cap) {
      return cap > 0 ? left / cap : 0;
    }

    private static boolean le(double demand, double free) {
      return demand <= free + 1e-9;
    }
  }

  static PlacementPlan plan(Engine engine, Snapshot s, List<Workload> input, long seed) {
    List<Workload> workloads = checkUnique(input);
    List<Workload> order = new ArrayList<>(workloads);
    order.sort(
        Comparator.comparingInt(Workload::priority)
            .reversed()
            .thenComparing(w -> -(w.demand().vcpus() + w.demand().memoryGib() / 4 + 8.0 * w.demand().gpus()))
            .thenComparing(Workload::id));
    List<Bin> open = new ArrayList<>();
    for (int i = 0; i < s.n; i++) {
      if (s.kind[i] == Snapshot.KIND_RUNNING) {
        open.add(new Bin(s, i, s.candidates[i].id()));
      }
    }
    List<PlacementPlan.Assignment> assignments = new ArrayList<>();
    List<Bin> opened = new ArrayList<>();
    List<Decision> unschedulable = new ArrayList<>();
    for (Workload w : order) {
      Query q = new Query(s, w);
      BitSet allowed = new BitSet(s.n);
      for (int i = 0; i < s.n; i++) {
        if (engine.feasible(q, i)) {
          allowed.set(i);
        }
      }
      if (allowed.isEmpty()) {
        unschedulable.add(engine.unschedulable(engine.filter(q), List.of()));
        continue;
      }
      ResourceDemand d = w.demand();
      Bin best = null;
      double bestSlack = Double.POSITIVE_INFINITY;
      for (Bin b : open) {
        if (allowed.get(b.candidate) && b.fits(d)) {
          double slack = b.slack(s, d);
          if (best == null
              || s.preference[b.candidate] < s.preference[best.candidate]
              || (s.preference[b.candidate] == s.preference[best.candidate] && slack < bestSlack)) {
            bestSlack = slack;
            best = b;
          }
        }
      }
      if (best == null) {
        int cheapest = -1;
        for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
          if (s.kind[i] == Snapshot.KIND_NEW
              && (cheapest < 0
                  || s.expectedCost[i] < s.expectedCost[cheapest])) {
            cheapest = i;
          }
        }
        if (cheapest >= 0) {
          best = new Bin(s, cheapest, "new-" + (opened.size() + 1));
          open.add(best);
          opened.add(best);
        }
      }
      if (best == null) {
        unschedulable.add(
            engine.unschedulable(
                engine.filter(q),
                List.of("every running machine that could host it is filled by higher-priority workloads of this plan,"
                    + " and no new-instance offer is allowed")));
        continue;
      }
      best.take(d, w.id());
      Candidate target = s.candidates[best.candidate];
      assignments.add(new PlacementPlan.Assignment(w.id(), best.key, target, d));
    }
    List<PlacementPlan.NewInstance> newInstances = new ArrayList<>();
    for (Bin b : opened) {
      newInstances.add(new PlacementPlan.NewInstance(b.key, s.candidates[b.candidate], b.workloads));
    }
    return PlacementPlan.of(assignments, newInstances, unschedulable, s.currency, seed, METHOD);
  }
}
