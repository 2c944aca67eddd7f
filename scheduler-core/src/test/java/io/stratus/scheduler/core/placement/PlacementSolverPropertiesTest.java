package io.stratus.scheduler.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.scheduler.core.placement.PlacementSolution.OpenedBin;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PlacementSolverPropertiesTest {

  private static PlacementSolver solver(long seed) {
    return PlacementSolver.builder().seed(seed).maxSteps(300).build();
  }

  /** A random problem of up to 40 items with fractional demands, some restricted and some oversized. */
  private static PlacementProblem medium(long seed) {
    Random r = new Random(seed);
    int d = 1 + r.nextInt(4);
    PlacementProblem.Builder b = PlacementProblem.builder(d);
    int types = 1 + r.nextInt(6);
    for (int t = 0; t < types; t++) {
      double[] cap = new double[d];
      for (int k = 0; k < d; k++) {
        cap[k] = r.nextInt(5) == 0 ? 0 : 1 + r.nextDouble() * 20;
      }
      b.addBinType(cap, r.nextInt(4) == 0 ? 0 : r.nextDouble() * 10, 1 + r.nextInt(r.nextBoolean() ? 2 : 50));
    }
    int items = r.nextInt(41);
    for (int i = 0; i < items; i++) {
      double[] dem = new double[d];
      for (int k = 0; k < d; k++) {
        dem[k] = r.nextInt(6) == 0 ? 0 : r.nextDouble() * 12;
      }
      int[] allowed = r.nextInt(3) == 0 ? r.ints(r.nextInt(types + 1), 0, types).toArray() : null;
      b.addItem(dem, r.nextInt(3), allowed);
    }
    return b.build();
  }

  @Property(tries = 300)
  void solve_anyProblem_respectsCapacitiesAllowedSetsAndAccountsForEveryItem(
      @ForAll long problemSeed, @ForAll long solverSeed) {
    PlacementProblem problem = medium(problemSeed);

    PlacementSolution solution = solver(solverSeed).solve(problem);

    assertThat(solution.violations()).isEmpty();
    for (int i = 0; i < problem.itemCount(); i++) {
      assertThat(solution.isAssigned(i) ^ solution.unassignedReason(i).isPresent())
          .as("item %d is assigned xor has a reason", i)
          .isTrue();
    }
    int listed = solution.unassigned().size();
    for (OpenedBin bin : solution.openedBins()) {
      listed += bin.items().size();
    }
    assertThat(listed).isEqualTo(problem.itemCount());
  }

  @Property(tries = 300)
  void solve_anyProblem_costIsSumOfOpenedBinsAndAtLeastLowerBound(@ForAll long problemSeed) {
    PlacementProblem problem = medium(problemSeed);

    PlacementSolution solution = solver(problemSeed).solve(problem);

    double sum = 0;
    for (OpenedBin bin : solution.openedBins()) {
      assertThat(bin.cost()).isEqualTo(problem.openingCost(bin.binType()));
      sum += bin.cost();
    }
    assertThat(solution.totalCost()).isEqualTo(sum);
    assertThat(solution.lowerBound()).isLessThanOrEqualTo(solution.totalCost() * (1 + 1e-12)).isNotNegative();
  }

  @Property(tries = 100)
  void solve_sameSeedAndSteps_givesIdenticalSolution(@ForAll long problemSeed, @ForAll long solverSeed) {
    PlacementProblem problem = medium(problemSeed);

    PlacementSolution first = solver(solverSeed).solve(problem);
    PlacementSolution second = solver(solverSeed).solve(problem);

    assertThat(PlacementSolverTest.assignments(second)).isEqualTo(PlacementSolverTest.assignments(first));
    assertThat(second.totalCost()).isEqualTo(first.totalCost());
    assertThat(second.unassigned()).isEqualTo(first.unassigned());
  }

  // The solver is a heuristic with a step budget, so this is an empirical check, not a guarantee. It was pinned to one
  // sample while problem seed 16285 gave 46 against an optimum of 45 (no move re-typed a bin; see PlacementSolverTest);
  // with re-typing, 20,000 consecutive problem seeds (0-19,999) all reach the optimum within 1,000 steps.
  @Property(tries = 1_000)
  void solve_tinyProblem_reachesBruteForceOptimumOfItsPlacedItems(@ForAll long problemSeed) {
    PlacementProblem problem = TinyProblems.random(problemSeed, 6);

    PlacementSolution solution = PlacementSolver.builder().seed(problemSeed).maxSteps(2_000).build().solve(problem);

    boolean[] placed = new boolean[problem.itemCount()];
    boolean[] placeable = new boolean[problem.itemCount()];
    for (int i = 0; i < placed.length; i++) {
      placed[i] = solution.isAssigned(i);
      placeable[i] =
          solution.isAssigned(i)
              || solution.unassignedReason(i).orElseThrow().reason()
                  == PlacementSolution.UnassignedReason.NO_CAPACITY_LEFT;
    }
    assertThat(solution.totalCost()).isEqualTo(TinyProblems.optimum(problem, placed));
    if (solution.allAssigned()) {
      assertThat(solution.lowerBound()).isLessThanOrEqualTo(TinyProblems.optimum(problem, placeable));
    }
  }

  @Property(tries = 300)
  void solve_anyProblem_leavesNoBinThatACheaperTypeWithAFreeSlotCouldHold(
      @ForAll long problemSeed, @ForAll @IntRange(min = 0, max = 300) int steps) {
    PlacementProblem problem = medium(problemSeed);

    PlacementSolution solution = PlacementSolver.builder().seed(problemSeed).maxSteps(steps).build().solve(problem);

    assertThat(cheaperTypeWithAFreeSlot(solution)).isEmpty();
  }

  /**
   * The opened bins whose items, all together, a strictly cheaper bin type with an unused instance would allow and
   * hold, as "bin type:instance -> cheaper type".
   */
  static List<String> cheaperTypeWithAFreeSlot(PlacementSolution solution) {
    PlacementProblem p = solution.problem();
    int[] used = new int[p.binTypeCount()];
    for (OpenedBin bin : solution.openedBins()) {
      used[bin.binType()]++;
    }
    List<String> found = new ArrayList<>();
    for (OpenedBin bin : solution.openedBins()) {
      for (int t = 0; t < p.binTypeCount(); t++) {
        if (p.openingCost(t) >= bin.cost() || used[t] >= p.maxCount(t)) {
          continue;
        }
        boolean holds = true;
        for (int k = 0; k < p.dimensions() && holds; k++) {
          double load = 0;
          for (int i : bin.items()) {
            load += p.demand(i, k);
            holds &= p.isAllowed(i, t);
          }
          holds &= PlacementProblem.fits(load, p.capacity(t, k));
        }
        if (holds) {
          found.add(bin.binType() + ":" + bin.instance() + " -> " + t);
        }
      }
    }
    return found;
  }

  @Property(tries = 200)
  void solve_addingCheaperFeasibleType_neverRaisesTheCost(
      @ForAll long problemSeed, @ForAll @IntRange(min = 1, max = 3) int maxCount) {
    PlacementProblem problem = TinyProblems.random(problemSeed, 5);
    PlacementSolver solver = PlacementSolver.builder().seed(problemSeed).maxSteps(2_000).build();
    PlacementSolution before = solver.solve(problem);
    // The new type is as large as the largest existing type and cheaper than the cheapest one.
    double[] capacity = new double[problem.dimensions()];
    double cheapest = Double.POSITIVE_INFINITY;
    for (int t = 0; t < problem.binTypeCount(); t++) {
      cheapest = Math.min(cheapest, problem.openingCost(t));
      for (int k = 0; k < capacity.length; k++) {
        capacity[k] = Math.max(capacity[k], problem.capacity(t, k));
      }
    }
    PlacementProblem extended = TinyProblems.withExtraType(problem, capacity, cheapest * 0.5, maxCount);

    PlacementSolution after = solver.solve(extended);

    assertThat(after.unassigned().size()).isLessThanOrEqualTo(before.unassigned().size());
    if (after.unassigned().size() == before.unassigned().size()) {
      assertThat(after.totalCost()).isLessThanOrEqualTo(before.totalCost());
    }
    boolean[] all = new boolean[extended.itemCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = after.isAssigned(i);
    }
    assertThat(after.totalCost()).isEqualTo(TinyProblems.optimum(extended, all));
  }
}
