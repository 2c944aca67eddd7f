package io.stratus.scheduler.core;

import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.core.placement.PlacementProblem;
import io.stratus.scheduler.core.placement.PlacementSolution;
import io.stratus.scheduler.core.placement.PlacementSolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Places many workloads at once. Runs the same filters as a single decision for every workload (so compliance,
 * capacity, cost and performance rules hold in plans too) and turns the result into a neutral
 * {@link PlacementProblem}: items are workloads with a demand in four dimensions (vCPU, memory GiB, GPUs, network
 * Gbps); bin types are the candidates some workload may use, a running machine with its free capacity at cost 0 and
 * at most one instance, an offer with its full shape at its expected hourly cost and up to one instance per workload;
 * each item's allowed bin types are its feasible candidates. The {@link PlacementSolver} (construction, then local
 * search) minimizes the total expected hourly cost; its solution is mapped back to a {@link PlacementPlan} whose
 * total is the exact sum of the new instances' prices. Stateless and thread-safe.
 */
final class BatchPlanner {
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

  static PlacementPlan plan(Engine engine, Snapshot s, List<Workload> input, PlacementSolver solver) {
    List<Workload> workloads = checkUnique(input);
    int total = workloads.size();
    Decision[] unschedulable = new Decision[total];
    int[] itemOf = new int[total];
    Arrays.fill(itemOf, -1);
    int[] binTypeOf = new int[s.n];
    Arrays.fill(binTypeOf, -1);
    List<Integer> candidateOf = new ArrayList<>();
    List<int[]> allowedOf = new ArrayList<>();
    List<Workload> items = new ArrayList<>();
    for (int k = 0; k < total; k++) {
      Workload w = workloads.get(k);
      Engine.Filtered f = engine.filter(new Query(s, w));
      if (f.count == 0) {
        unschedulable[k] = engine.unschedulable(f, List.of());
        continue;
      }
      int[] allowed = new int[f.count];
      for (int j = 0; j < f.count; j++) {
        int i = f.feasible[j];
        if (binTypeOf[i] < 0) {
          binTypeOf[i] = candidateOf.size();
          candidateOf.add(i);
        }
        allowed[j] = binTypeOf[i];
      }
      itemOf[k] = items.size();
      items.add(w);
      allowedOf.add(allowed);
    }

    PlacementProblem.Builder pb =
        PlacementProblem.builder(4).dimensionNames("vCPU", "memory GiB", "GPUs", "network Gbps");
    for (int i : candidateOf) {
      boolean running = s.kind[i] == Snapshot.KIND_RUNNING;
      pb.addBinType(
          new double[] {s.vcpus[i], s.memory[i], s.gpus[i], s.network[i]},
          running ? 0 : s.expectedCost[i],
          running ? 1 : Math.max(1, items.size()));
    }
    for (int t = 0; t < items.size(); t++) {
      Workload w = items.get(t);
      pb.addItem(
          new double[] {w.demand().vcpus(), w.demand().memoryGib(), w.demand().gpus(), w.demand().networkGbps()},
          w.priority(),
          allowedOf.get(t));
    }
    PlacementSolution solution = solver.solve(pb.build());

    String[] targetOfItem = new String[items.size()];
    int[] candidateOfItem = new int[items.size()];
    List<PlacementPlan.NewInstance> newInstances = new ArrayList<>();
    for (PlacementSolution.OpenedBin bin : solution.openedBins()) {
      int i = candidateOf.get(bin.binType());
      String key;
      if (s.kind[i] == Snapshot.KIND_RUNNING) {
        key = s.candidates[i].id();
      } else {
        key = "new-" + (newInstances.size() + 1);
        List<String> ids = new ArrayList<>(bin.items().size());
        for (int item : bin.items()) {
          ids.add(items.get(item).id());
        }
        newInstances.add(new PlacementPlan.NewInstance(key, s.candidates[i], ids));
      }
      for (int item : bin.items()) {
        targetOfItem[item] = key;
        candidateOfItem[item] = i;
      }
    }

    List<PlacementPlan.Assignment> assignments = new ArrayList<>();
    List<Decision> notPlaced = new ArrayList<>();
    for (int k = 0; k < total; k++) {
      if (unschedulable[k] != null) {
        notPlaced.add(unschedulable[k]);
        continue;
      }
      int item = itemOf[k];
      Workload w = workloads.get(k);
      if (targetOfItem[item] == null) {
        Optional<PlacementSolution.Unassigned> why = solution.unassignedReason(item);
        String detail = why.map(PlacementSolution.Unassigned::detail)
            .orElse("the solver left it unassigned");
        // Re-run the filters: the scratch array of the earlier pass has been reused since.
        notPlaced.add(engine.unschedulable(
            engine.filter(new Query(s, w)),
            List.of("no capacity left in this plan: " + detail)));
        continue;
      }
      Candidate target = s.candidates[candidateOfItem[item]];
      assignments.add(new PlacementPlan.Assignment(w.id(), targetOfItem[item], target, w.demand()));
    }
    String method = String.format(Locale.ROOT,
        "construction + local search (%d steps): expected cost %.4f/h, lower bound %.4f/h",
        solution.steps(), solution.totalCost(), solution.lowerBound());
    return PlacementPlan.of(assignments, newInstances, notPlaced, s.currency, solver.seed(), method);
  }
}
