package io.stratus.scheduler.core.placement;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The result of {@link PlacementSolver#solve(PlacementProblem)}: for every item either a bin (bin type and instance
 * index within that type) or the reason it was left unassigned, the opened bins, the total cost and a lower bound on
 * the cost. Immutable and thread-safe.
 *
 * <p>Instance indices of a bin type are numbered {@code 0 .. k-1} over its {@code k} opened bins.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlacementSolution {

  /**
   * Why an item was left unassigned.
   *
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public enum UnassignedReason {
    /** The item allows no bin type at all. */
    NO_ALLOWED_BIN_TYPE,
    /** The item's demand exceeds, in some dimension, the capacity of every bin type it allows. */
    EXCEEDS_ALLOWED_CAPACITY,
    /** The item would fit an allowed bin type, but every allowed bin is full or at its maximum count. */
    NO_CAPACITY_LEFT
  }

  /**
   * An item left unassigned, with the reason and a human-readable detail. Immutable.
   *
   * @param item the item index
   * @param reason the reason, never null
   * @param detail a sentence naming the dimension or bin types involved, never null
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Unassigned(int item, UnassignedReason reason, String detail) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code reason} or {@code detail} is null
     */
    public Unassigned {
      Objects.requireNonNull(reason, "reason must not be null");
      Objects.requireNonNull(detail, "detail must not be null");
    }
  }

  /**
   * An opened bin: its bin type, its instance index within the type, its opening cost and the items in it. Immutable.
   *
   * @param binType the bin type index
   * @param instance the instance index within the bin type
   * @param cost the opening cost of the bin
   * @param items the indices of the items in the bin, ascending, never empty
   * @since 0.1
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record OpenedBin(int binType, int instance, double cost, List<Integer> items) {
    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code items} is null
     */
    public OpenedBin {
      items = List.copyOf(items);
    }
  }

  private final PlacementProblem problem;
  private final int[] binTypeOf;
  private final int[] instanceOf;
  private final List<OpenedBin> openedBins;
  private final List<Unassigned> unassigned;
  private final Unassigned[] unassignedByItem;
  private final double totalCost;
  private final double constructionCost;
  private final double lowerBound;
  private final long steps;

  PlacementSolution(
      PlacementProblem problem,
      int[] binTypeOf,
      int[] instanceOf,
      List<OpenedBin> openedBins,
      List<Unassigned> unassigned,
      double constructionCost,
      double lowerBound,
      long steps) {
    this.problem = problem;
    this.binTypeOf = binTypeOf;
    this.instanceOf = instanceOf;
    this.openedBins = List.copyOf(openedBins);
    this.unassigned = List.copyOf(unassigned);
    this.unassignedByItem = new Unassigned[binTypeOf.length];
    for (Unassigned u : unassigned) {
      unassignedByItem[u.item()] = u;
    }
    double sum = 0;
    for (OpenedBin bin : openedBins) {
      sum += bin.cost();
    }
    this.totalCost = sum;
    this.constructionCost = constructionCost;
    this.lowerBound = lowerBound;
    this.steps = steps;
  }

  /**
   * Returns the problem this solution answers.
   *
   * @return the problem, never null
   */
  public PlacementProblem problem() {
    return problem;
  }

  /**
   * Tells whether an item was placed.
   *
   * @param item the item index
   * @return true if the item is in a bin
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public boolean isAssigned(int item) {
    return binTypeOf[Objects.checkIndex(item, binTypeOf.length)] >= 0;
  }

  /**
   * Returns the bin type an item was placed into.
   *
   * @param item the item index
   * @return the bin type index, or -1 if the item is unassigned
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public int binTypeOf(int item) {
    return binTypeOf[Objects.checkIndex(item, binTypeOf.length)];
  }

  /**
   * Returns the instance index (within its bin type) of the bin an item was placed into.
   *
   * @param item the item index
   * @return the instance index, or -1 if the item is unassigned
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public int instanceOf(int item) {
    return instanceOf[Objects.checkIndex(item, instanceOf.length)];
  }

  /**
   * Returns why an item was left unassigned.
   *
   * @param item the item index
   * @return the reason, or empty if the item is assigned
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public Optional<Unassigned> unassignedReason(int item) {
    return Optional.ofNullable(unassignedByItem[Objects.checkIndex(item, unassignedByItem.length)]);
  }

  /**
   * Returns the items left unassigned, by ascending item index.
   *
   * @return an immutable list, never null
   */
  public List<Unassigned> unassigned() {
    return unassigned;
  }

  /**
   * Returns the opened bins, ordered by bin type then instance index.
   *
   * @return an immutable list, never null
   */
  public List<OpenedBin> openedBins() {
    return openedBins;
  }

  /**
   * Returns the total cost: the sum of the opening costs of the opened bins.
   *
   * @return the total cost, at least 0
   */
  public double totalCost() {
    return totalCost;
  }

  /**
   * Returns the cost of the construction heuristic's solution, before local search (the search may raise the cost
   * only to place more items).
   *
   * @return the construction cost, at least 0
   */
  public double constructionCost() {
    return constructionCost;
  }

  /**
   * Returns a lower bound on the cost of any placement of the assigned items (a Lagrangian bound of the fractional
   * covering relaxation over all dimensions, at least the best single-dimension fractional bound).
   *
   * @return the lower bound, at most {@link #totalCost()} up to rounding
   */
  public double lowerBound() {
    return lowerBound;
  }

  /**
   * Returns the relative gap of the total cost above the lower bound, {@code (cost - bound) / cost}.
   *
   * @return the gap in [0, 1]; 0 when the cost is 0
   */
  public double gap() {
    return totalCost <= 0 ? 0 : Math.max(0, (totalCost - lowerBound) / totalCost);
  }

  /**
   * Returns how many local-search steps were run.
   *
   * @return the number of steps, at least 0
   */
  public long steps() {
    return steps;
  }

  /**
   * Tells whether every item was placed.
   *
   * @return true if no item is unassigned
   */
  public boolean allAssigned() {
    return unassigned.isEmpty();
  }

  /**
   * Checks this solution against its problem from scratch: every assigned item is in a bin type it allows, every
   * instance index is below the bin type's maximum count, no bin exceeds its capacity in any dimension (under {@link
   * PlacementProblem#CAPACITY_TOLERANCE}), every item is either assigned or has a reason, and the total cost equals
   * the sum of the opened bins' opening costs.
   *
   * @return the violations found, empty when the solution is feasible; never null
   */
  public List<String> violations() {
    List<String> out = new ArrayList<>();
    int d = problem.dimensions();
    int[] seen = new int[binTypeOf.length];
    double costSum = 0;
    for (OpenedBin bin : openedBins) {
      int type = bin.binType();
      if (bin.instance() < 0 || bin.instance() >= problem.maxCount(type)) {
        out.add("bin " + type + "/" + bin.instance() + ": instance index out of [0, " + problem.maxCount(type) + ")");
      }
      if (bin.cost() != problem.openingCost(type)) {
        out.add("bin " + type + "/" + bin.instance() + ": cost " + bin.cost() + " != " + problem.openingCost(type));
      }
      costSum += problem.openingCost(type);
      double[] load = new double[d];
      for (int item : bin.items()) {
        seen[item]++;
        if (binTypeOf[item] != type || instanceOf[item] != bin.instance()) {
          out.add("item " + item + " listed in bin " + type + "/" + bin.instance() + " but assigned elsewhere");
        }
        if (!problem.isAllowed(item, type)) {
          out.add("item " + item + " is in bin type " + type + " which it does not allow");
        }
        for (int k = 0; k < d; k++) {
          load[k] += problem.demand(item, k);
        }
      }
      for (int k = 0; k < d; k++) {
        if (!PlacementProblem.fits(load[k], problem.capacity(type, k))) {
          out.add(
              "bin "
                  + type
                  + "/"
                  + bin.instance()
                  + ": "
                  + problem.dimensionName(k)
                  + " load "
                  + load[k]
                  + " exceeds capacity "
                  + problem.capacity(type, k));
        }
      }
    }
    for (int i = 0; i < binTypeOf.length; i++) {
      boolean hasReason = unassignedByItem[i] != null;
      if (binTypeOf[i] >= 0 && seen[i] != 1) {
        out.add("item " + i + " is assigned but listed in " + seen[i] + " bins");
      }
      if (binTypeOf[i] < 0 && (seen[i] != 0 || !hasReason)) {
        out.add("item " + i + " is unassigned without a reason or listed in a bin");
      }
      if (binTypeOf[i] >= 0 && hasReason) {
        out.add("item " + i + " is assigned but also has an unassigned reason");
      }
    }
    if (Math.abs(costSum - totalCost) > 1e-9 * Math.max(1, Math.abs(costSum))) {
      out.add("total cost " + totalCost + " != sum of opened bins " + costSum);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Tells whether {@link #violations()} is empty.
   *
   * @return true if the solution respects every capacity, allowed set and count
   */
  public boolean isFeasible() {
    return violations().isEmpty();
  }

  @Override
  public String toString() {
    return "PlacementSolution[cost="
        + totalCost
        + ", lowerBound="
        + lowerBound
        + ", openedBins="
        + openedBins.size()
        + ", unassigned="
        + unassigned.size()
        + ", steps="
        + steps
        + "]";
  }
}
