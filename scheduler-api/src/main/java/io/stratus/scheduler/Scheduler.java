package io.stratus.scheduler;

import io.stratus.model.Workload;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Decides where workloads run. Implementations are thread-safe; a decision reads a snapshot of prices and running
 * machines and never changes anything (the host acts on the result).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Scheduler {
  /**
   * Places one workload on the best candidate.
   *
   * <p>The workload's {@link io.stratus.model.PlacementGroup} is not applied: a single decision has no other members
   * to keep apart or spread against (running machines do not record which workloads they hold). Use
   * {@link #placeAll} to place a group's members together under its rules.
   *
   * @param workload the workload; never null
   * @return the decision: placed with its candidate, cost and score breakdown, or unschedulable with the reasons;
   *     never null
   * @throws io.stratus.ProviderException if prices or inventory cannot be read
   */
  Decision schedule(Workload workload);

  /**
   * Places many workloads at once onto running machines and new instances at minimum total cost, respecting every
   * capacity dimension and each {@link io.stratus.model.PlacementGroup}'s rules: per-machine caps (anti-affinity) and
   * hard spread always hold; a member a hard rule blocks is unschedulable with the group and rule in its reasons; soft
   * spread is best effort.
   *
   * @param workloads the workloads, ids unique, members of one group carrying equal rules; never null, may be empty
   * @return the plan; never null; every workload appears in it exactly once, placed or unschedulable
   * @throws IllegalArgumentException if two workloads share an id or two members of a group carry different rules
   * @throws io.stratus.ProviderException if prices or inventory cannot be read
   */
  PlacementPlan placeAll(List<Workload> workloads);
}
