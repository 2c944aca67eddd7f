package io.stratus.scheduler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.stratus.model.Money;
import io.stratus.model.ResourceDemand;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where many workloads go at once: assignments to running machines and to new instances to buy, the workloads that
 * cannot be placed (with their reasons), and the total hourly cost.
 *
 * <p>The plan checks its own consistency when built: every workload appears once; every assignment targets a running
 * machine or one of the plan's new instances; the demands on each target fit its capacity in every dimension; and
 * {@code totalHourlyCost} is exactly the sum of the new instances' hourly prices (running machines are already paid
 * for, so they add nothing); and the per-workload decisions, when present, cover every assignment and name its
 * target.
 *
 * <p>Each placed workload of a plan from the batch planner carries the same kind of {@link Decision} a single
 * {@code schedule()} call gives: its chosen candidate, its hourly cost, the prediction and an {@link Explanation} with
 * the rejected candidates counted by reason and a note on why batch placement chose that target (packed with other
 * workloads, alone on its cheapest feasible offer, or on a running machine with spare capacity). See
 * {@link #decision(String)} and {@link #explanation(String)}.
 *
 * <p>Immutable and thread-safe. Build with {@link #of}.
 *
 * @param assignments where each placed workload goes, in placement order
 * @param newInstances instances to buy, each with the workloads it hosts
 * @param unschedulable the workloads that could not be placed, each with its reasons
 * @param totalHourlyCost sum of the new instances' hourly prices, exact
 * @param seed the seed the planner used
 * @param method how the plan was found, e.g. {@code "construction + local search"}
 * @param decisions the placed decision of each assigned workload, keyed by workload id; either empty (a plan built
 *     without explanations) or one per assignment; left out of JSON when empty, and read as empty when absent
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PlacementPlan(
    List<Assignment> assignments,
    List<NewInstance> newInstances,
    List<Decision> unschedulable,
    Money totalHourlyCost,
    long seed,
    String method,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSetter(nulls = Nulls.AS_EMPTY)
        Map<String, Decision> decisions) {

  /**
   * One placed workload.
   *
   * @param workloadId the workload
   * @param targetId the running machine's id, or the key of one of the plan's {@link NewInstance new instances}
   * @param candidate the target: the running machine's candidate, or the new instance's
   * @param demand what the workload uses on the target
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Assignment(String workloadId, String targetId, Candidate candidate, ResourceDemand demand) {
    /**
     * Validates.
     *
     * @throws NullPointerException if a component is null
     */
    public Assignment {
      Objects.requireNonNull(workloadId, "assignment.workloadId must not be null");
      Objects.requireNonNull(targetId, "assignment.targetId must not be null");
      Objects.requireNonNull(candidate, "assignment.candidate must not be null");
      Objects.requireNonNull(demand, "assignment.demand must not be null");
    }
  }

  /**
   * A new instance to buy.
   *
   * @param key the plan-local key that assignments use as {@code targetId}, e.g. {@code new-1}
   * @param candidate the offer's candidate ({@link Candidate.Kind#NEW_INSTANCE})
   * @param workloadIds the workloads it hosts, at least one
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record NewInstance(String key, Candidate candidate, List<String> workloadIds) {
    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the candidate is not a new instance or hosts nothing
     */
    public NewInstance {
      Objects.requireNonNull(key, "newInstance.key must not be null");
      Objects.requireNonNull(candidate, "newInstance.candidate must not be null");
      workloadIds = List.copyOf(Objects.requireNonNull(workloadIds, "newInstance.workloadIds must not be null"));
      if (candidate.kind() != Candidate.Kind.NEW_INSTANCE) {
        throw new IllegalArgumentException(
            "newInstance.candidate must be a NEW_INSTANCE candidate, got " + candidate.kind() + " for '" + key + "'");
      }
      if (workloadIds.isEmpty()) {
        throw new IllegalArgumentException("newInstance.workloadIds must not be empty for '" + key + "'");
      }
    }

    /**
     * What this instance costs per hour.
     *
     * @return the candidate's marginal hourly cost; never null
     */
    public Money hourlyCost() {
      return candidate.marginalHourlyCost();
    }
  }

  /**
   * Validates the plan's consistency (see the type's documentation).
   *
   * @throws IllegalArgumentException if a workload appears twice, a target is unknown, a target's capacity is exceeded,
   *     the total is not the sum of the new instances' prices, or the decisions are neither empty nor exactly one
   *     placed decision per assignment on the assignment's candidate
   */
  public PlacementPlan {
    assignments = List.copyOf(Objects.requireNonNull(assignments, "plan.assignments must not be null"));
    newInstances = List.copyOf(Objects.requireNonNull(newInstances, "plan.newInstances must not be null"));
    unschedulable = List.copyOf(Objects.requireNonNull(unschedulable, "plan.unschedulable must not be null"));
    Objects.requireNonNull(totalHourlyCost, "plan.totalHourlyCost must not be null");
    Objects.requireNonNull(method, "plan.method must not be null");
    decisions = Map.copyOf(Objects.requireNonNull(decisions, "plan.decisions must not be null"));

    Set<String> seen = new HashSet<>();
    for (Assignment a : assignments) {
      if (!seen.add(a.workloadId())) {
        throw new IllegalArgumentException("plan lists workload '" + a.workloadId() + "' more than once");
      }
    }
    for (Decision d : unschedulable) {
      if (d.isPlaced()) {
        throw new IllegalArgumentException("plan.unschedulable holds a placed decision for '" + d.workloadId() + "'");
      }
      if (!seen.add(d.workloadId())) {
        throw new IllegalArgumentException("plan lists workload '" + d.workloadId() + "' more than once");
      }
    }

    Map<String, NewInstance> byKey = new HashMap<>();
    Money sum = Money.zero(totalHourlyCost.currency());
    for (NewInstance n : newInstances) {
      if (byKey.put(n.key(), n) != null) {
        throw new IllegalArgumentException("plan.newInstances repeats key '" + n.key() + "'");
      }
      sum = sum.plus(n.hourlyCost());
    }
    if (!sum.isSameAs(totalHourlyCost)) {
      throw new IllegalArgumentException(
          "plan.totalHourlyCost must equal the sum of the new instances' prices " + sum + ", got " + totalHourlyCost);
    }

    Map<String, ResourceDemand> used = new HashMap<>();
    Map<String, Candidate> targets = new HashMap<>();
    Map<String, Integer> hostedCount = new HashMap<>();
    for (Assignment a : assignments) {
      NewInstance n = byKey.get(a.targetId());
      Candidate target;
      if (n != null) {
        target = n.candidate();
        if (!n.workloadIds().contains(a.workloadId())) {
          throw new IllegalArgumentException(
              "plan assigns '" + a.workloadId() + "' to new instance '" + n.key() + "' which does not list it");
        }
        hostedCount.merge(n.key(), 1, Integer::sum);
      } else if (a.candidate().isRunning() && a.candidate().id().equals(a.targetId())) {
        target = a.candidate();
      } else {
        throw new IllegalArgumentException(
            "plan assigns '" + a.workloadId() + "' to unknown target '" + a.targetId() + "'");
      }
      Candidate previous = targets.putIfAbsent(a.targetId(), target);
      if (previous != null && !previous.equals(target)) {
        throw new IllegalArgumentException(
            "plan describes target '" + a.targetId() + "' in two different ways");
      }
      ResourceDemand total = used.merge(a.targetId(), a.demand(), ResourceDemand::plus);
      if (!fits(total, target.capacity())) {
        throw new IllegalArgumentException(
            "plan exceeds the capacity " + target.capacity() + " of '" + a.targetId() + "' with " + total);
      }
    }
    for (NewInstance n : newInstances) {
      if (hostedCount.getOrDefault(n.key(), 0) != n.workloadIds().size()) {
        throw new IllegalArgumentException(
            "plan.newInstances '" + n.key() + "' lists workloads that are not assigned to it: " + n.workloadIds());
      }
    }
    checkDecisions(assignments, decisions);
  }

  /**
   * A plan without per-workload decisions (the constructor before they existed).
   *
   * @param assignments where each placed workload goes; never null
   * @param newInstances instances to buy; never null
   * @param unschedulable workloads that could not be placed; never null
   * @param totalHourlyCost sum of the new instances' hourly prices; never null
   * @param seed the planner's seed
   * @param method how the plan was found; never null
   * @throws IllegalArgumentException if the plan is inconsistent (see the type's documentation)
   */
  public PlacementPlan(
      List<Assignment> assignments,
      List<NewInstance> newInstances,
      List<Decision> unschedulable,
      Money totalHourlyCost,
      long seed,
      String method) {
    this(assignments, newInstances, unschedulable, totalHourlyCost, seed, method, Map.of());
  }

  private static void checkDecisions(List<Assignment> assignments, Map<String, Decision> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    Set<String> assigned = new HashSet<>();
    for (Assignment a : assignments) {
      assigned.add(a.workloadId());
      Decision d = decisions.get(a.workloadId());
      if (d == null) {
        throw new IllegalArgumentException("plan.decisions has no decision for assigned workload '" + a.workloadId()
            + "' (decisions must be empty or cover every assignment)");
      }
      if (!d.isPlaced() || !d.workloadId().equals(a.workloadId())) {
        throw new IllegalArgumentException("plan.decisions['" + a.workloadId() + "'] must be a placed decision for '"
            + a.workloadId() + "', got " + d);
      }
      if (!d.candidate().orElseThrow().equals(a.candidate())) {
        throw new IllegalArgumentException("plan.decisions['" + a.workloadId() + "'] names candidate "
            + d.candidate().orElseThrow().id() + " but the assignment targets " + a.candidate().id());
      }
    }
    for (String id : decisions.keySet()) {
      if (!assigned.contains(id)) {
        throw new IllegalArgumentException("plan.decisions has a decision for '" + id + "', which is not assigned");
      }
    }
  }

  /** Tolerates the rounding of sums of doubles (1e-9 relative) so that a plan built from exact fits validates. */
  private static boolean fits(ResourceDemand used, ResourceDemand capacity) {
    return le(used.vcpus(), capacity.vcpus())
        && le(used.memoryGib(), capacity.memoryGib())
        && used.gpus() <= capacity.gpus()
        && le(used.networkGbps(), capacity.networkGbps());
  }

  private static boolean le(double used, double capacity) {
    return used <= capacity + 1e-9 * Math.max(1, capacity);
  }

  /**
   * Builds a plan and computes its total.
   *
   * @param assignments where each placed workload goes; never null
   * @param newInstances instances to buy; never null
   * @param unschedulable workloads that could not be placed; never null
   * @param currency the currency of the total (and of every new instance's price); never null
   * @param seed the planner's seed
   * @param method how the plan was found; never null
   * @return the plan; never null
   * @throws IllegalArgumentException if the plan is inconsistent (see the type's documentation)
   */
  public static PlacementPlan of(
      List<Assignment> assignments,
      List<NewInstance> newInstances,
      List<Decision> unschedulable,
      Currency currency,
      long seed,
      String method) {
    return new PlacementPlan(
        assignments, newInstances, unschedulable, total(newInstances, currency), seed, method, Map.of());
  }

  /**
   * Builds a plan with a placed decision per assignment and computes its total.
   *
   * @param assignments where each placed workload goes; never null
   * @param newInstances instances to buy; never null
   * @param unschedulable workloads that could not be placed; never null
   * @param decisions the placed decision of each assigned workload, keyed by workload id; never null
   * @param currency the currency of the total (and of every new instance's price); never null
   * @param seed the planner's seed
   * @param method how the plan was found; never null
   * @return the plan; never null
   * @throws IllegalArgumentException if the plan is inconsistent (see the type's documentation)
   */
  public static PlacementPlan of(
      List<Assignment> assignments,
      List<NewInstance> newInstances,
      List<Decision> unschedulable,
      Map<String, Decision> decisions,
      Currency currency,
      long seed,
      String method) {
    return new PlacementPlan(
        assignments, newInstances, unschedulable, total(newInstances, currency), seed, method, decisions);
  }

  private static Money total(List<NewInstance> newInstances, Currency currency) {
    Money total = Money.zero(Objects.requireNonNull(currency, "currency must not be null"));
    for (NewInstance n : Objects.requireNonNull(newInstances, "plan.newInstances must not be null")) {
      total = total.plus(n.hourlyCost());
    }
    return total;
  }

  /**
   * The decision for one workload of the plan: for a placed workload, its placed decision (the assignment's candidate,
   * its share of the target's hourly price, the prediction and the explanation); for an unschedulable one, its
   * unschedulable decision. The batch planner splits a new instance's price among the workloads it hosts in proportion
   * to what each would cost alone on its cheapest feasible offer (rounded to six decimals); on a running machine the
   * cost is zero.
   *
   * @param workloadId the workload's id; never null
   * @return the decision; empty if the workload is not in the plan, or is placed in a plan built without decisions
   */
  public Optional<Decision> decision(String workloadId) {
    Objects.requireNonNull(workloadId, "workloadId must not be null");
    Decision d = decisions.get(workloadId);
    if (d != null) {
      return Optional.of(d);
    }
    for (Decision u : unschedulable) {
      if (u.workloadId().equals(workloadId)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  /**
   * Why the plan places (or cannot place) one workload, as a single decision explains it.
   *
   * @param workloadId the workload's id; never null
   * @return the explanation; empty if the workload is not in the plan, or is placed in a plan built without decisions
   */
  public Optional<Explanation> explanation(String workloadId) {
    return decision(workloadId).map(Decision::explanation);
  }

  /**
   * How many workloads were placed.
   *
   * @return the number of assignments
   */
  public int placedCount() {
    return assignments.size();
  }
}
