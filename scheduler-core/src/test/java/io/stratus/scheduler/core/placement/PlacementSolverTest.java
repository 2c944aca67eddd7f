package io.stratus.scheduler.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.scheduler.core.placement.PlacementSolution.OpenedBin;
import io.stratus.scheduler.core.placement.PlacementSolution.UnassignedReason;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class PlacementSolverTest {

  private static PlacementSolver steps(long seed, long steps) {
    return PlacementSolver.builder().seed(seed).maxSteps(steps).build();
  }

  static PlacementProblem cloudBalancing(String resource) throws IOException {
    try (InputStream in = PlacementSolverTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("fixture %s", resource).isNotNull();
      JsonNode root = new ObjectMapper().readTree(in);
      PlacementProblem.Builder b = PlacementProblem.builder(3).dimensionNames("cpu", "memory", "network");
      for (JsonNode c : root.get("computers")) {
        b.addBinType(
            new double[] {c.get("cpu").asDouble(), c.get("memory").asDouble(), c.get("network").asDouble()},
            c.get("cost").asDouble(),
            1);
      }
      for (JsonNode p : root.get("processes")) {
        b.addItem(new double[] {p.get("cpu").asDouble(), p.get("memory").asDouble(), p.get("network").asDouble()});
      }
      return b.build();
    }
  }

  @Test
  void solve_cloudBalancing4x12_findsBruteForceOptimum() throws IOException {
    PlacementProblem problem = cloudBalancing("4computers-12processes.json");
    boolean[] all = new boolean[problem.itemCount()];
    Arrays.fill(all, true);
    double optimum = TinyProblems.optimum(problem, all);

    PlacementSolution solution = steps(1, 5_000).solve(problem);

    // Hand check: the processes need 40 cpu and the computers have 24 + 6 + 6 + 8 = 44, so every computer must be
    // open: 4,800 + 660 + 680 + 1,270 = 7,410.
    assertThat(optimum).isEqualTo(7410);
    assertThat(solution.violations()).isEmpty();
    assertThat(solution.allAssigned()).isTrue();
    assertThat(solution.totalCost()).isEqualTo(optimum);
    assertThat(solution.lowerBound()).isLessThanOrEqualTo(optimum).isGreaterThan(0);
  }

  @Test
  void solve_zeroSteps_returnsConstructionSolution() throws IOException {
    PlacementProblem problem = cloudBalancing("4computers-12processes.json");

    PlacementSolution solution = steps(1, 0).solve(problem);

    assertThat(solution.steps()).isZero();
    assertThat(solution.totalCost()).isEqualTo(solution.constructionCost());
    assertThat(solution.violations()).isEmpty();
    assertThat(solution.allAssigned()).isTrue();
  }

  @Test
  void solve_freeRunningMachine_isFilledBeforeBuying() {
    PlacementProblem.Builder b = PlacementProblem.builder(2);
    int running = b.addBinType(new double[] {4, 16}, 0, 1);
    int offer = b.addBinType(new double[] {8, 32}, 0.4, 10);
    b.addItem(new double[] {2, 8});
    b.addItem(new double[] {2, 8});
    b.addItem(new double[] {3, 4});

    PlacementSolution solution = steps(7, 1_000).solve(b.build());

    // Two items fill the running machine exactly; the third needs one purchased instance.
    assertThat(solution.totalCost()).isEqualTo(0.4);
    assertThat(solution.openedBins()).extracting(OpenedBin::binType).containsExactly(running, offer);
    assertThat(solution.openedBins().get(0).items()).hasSize(2);
    assertThat(solution.violations()).isEmpty();
  }

  @Test
  void solve_purchasableType_numbersInstancesFromZero() {
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    b.addBinType(new double[] {10}, 1, 100);
    for (int i = 0; i < 5; i++) {
      b.addItem(new double[] {6});
    }

    PlacementSolution solution = steps(3, 500).solve(b.build());

    assertThat(solution.openedBins()).extracting(OpenedBin::instance).containsExactly(0, 1, 2, 3, 4);
    assertThat(solution.totalCost()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(solution.binTypeOf(i)).isZero();
      assertThat(solution.instanceOf(i)).isBetween(0, 4);
    }
    // Fractional cover: 30 units of demand over bins of 10 at cost 1 = 3 (the optimum is 5: no two items share).
    assertThat(solution.lowerBound()).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void solve_cheaperLargerTypeAvailable_replacesTwoBinsByOne() {
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    b.addBinType(new double[] {5}, 3, 10);
    b.addBinType(new double[] {10}, 5, 10);
    b.addItem(new double[] {5});
    b.addItem(new double[] {5});

    PlacementSolution solution = steps(3, 500).solve(b.build());

    assertThat(solution.totalCost()).isEqualTo(5);
    assertThat(solution.openedBins()).singleElement().extracting(OpenedBin::binType).isEqualTo(1);
  }

  @Test
  void solve_tinyProblemSeed16285_reachesItsOptimumOf45() {
    // Found by jqwik: demands 6, 4, 9 and 10 over bins of 14 units at 19, 11 at 15 and 14 at 16 (at most 2, 3, 3).
    // The optimum is three 11-unit bins, {6, 4}, {9} and {10}: 45. The search used to stay at 46, with {4, 9} or
    // {4, 6} in a 14-unit bin: no move re-typed a bin, and a recreate opened the larger type for the pending items.
    PlacementProblem problem = TinyProblems.random(16285, 6);

    PlacementSolution solution = steps(16285, 2_000).solve(problem);

    assertThat(solution.allAssigned()).isTrue();
    assertThat(solution.totalCost()).isEqualTo(45);
    assertThat(solution.openedBins()).extracting(OpenedBin::binType).containsOnly(1);
  }

  @Test
  void solve_tinyProblemSeed1318_reachesItsOptimumWithinTwentySteps() {
    // Demands 4, 0, 5 and 8 (one dimension); bins of 2 units at 16, 11 at 14 (at most 3) and 12 at 17 (at most 1).
    // The zero-demand item allows only the 12-unit type and the 8-unit one only the 11-unit type: optimum 31 =
    // {0, 4, 5}@12 + {8}@11. The construction gives 45 ({4, 5}@11, {8}@11, {0}@12). The ruin's tournament took the
    // least filled bin, and the zero-demand item's bin (fill 0) won whenever it was sampled; emptying it only rebuilt
    // it, since its item may go nowhere else. The optimum took 130 steps (now 1): such a bin loses to any other.
    PlacementProblem problem = TinyProblems.random(1318, 6);

    PlacementSolution solution = steps(1318, 20).solve(problem);

    assertThat(solution.allAssigned()).isTrue();
    assertThat(solution.totalCost()).isEqualTo(31);
  }

  @Test
  void solve_binOpenedLargeForItemsThatWentElsewhere_isRetypedToTheCheapestTypeHoldingIt() {
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    int large = b.addBinType(new double[] {14}, 16, 3);
    int small = b.addBinType(new double[] {11}, 15, 3);
    b.addItem(new double[] {6});
    b.addItem(new double[] {4});
    b.addItem(new double[] {9});
    b.addItem(new double[] {10});

    PlacementSolution construction = steps(1, 0).solve(b.build());

    // Item by item, 9 opens a 14-unit bin (it covers more of the 15 units still pending than an 11-unit one), but 6
    // and 4 go elsewhere: 9 used to stay alone at 16. Every bin must end on the cheapest type with a free slot that
    // holds it.
    assertThat(PlacementSolverPropertiesTest.cheaperTypeWithAFreeSlot(construction)).isEmpty();
    for (OpenedBin bin : construction.openedBins()) {
      double load = bin.items().stream().mapToDouble(i -> construction.problem().demand(i, 0)).sum();
      assertThat(bin.binType()).as("bin holding %s", load).isEqualTo(load > 11 ? large : small);
    }
  }

  @Test
  void solve_itemLargerThanEveryAllowedType_isUnassignedNamingTheDimension() {
    PlacementProblem.Builder b = PlacementProblem.builder(2).dimensionNames("cpu", "memory");
    b.addBinType(new double[] {8, 32}, 1, 5);
    b.addBinType(new double[] {16, 64}, 2, 5);
    int big = b.addItem(new double[] {4, 128});
    int ok = b.addItem(new double[] {4, 16});
    int restricted = b.addItem(new double[] {12, 16}, 0, new int[] {0});

    PlacementSolution solution = steps(1, 100).solve(b.build());

    assertThat(solution.isAssigned(ok)).isTrue();
    assertThat(solution.unassignedReason(big)).hasValueSatisfying(
        u -> {
          assertThat(u.reason()).isEqualTo(UnassignedReason.EXCEEDS_ALLOWED_CAPACITY);
          assertThat(u.detail()).contains("insufficient memory").contains("128").doesNotContain("cpu");
        });
    assertThat(solution.unassignedReason(restricted)).hasValueSatisfying(
        u -> assertThat(u.detail()).contains("insufficient cpu").contains("1 allowed bin types"));
    assertThat(solution.binTypeOf(big)).isEqualTo(-1);
    assertThat(solution.instanceOf(big)).isEqualTo(-1);
    assertThat(solution.violations()).isEmpty();
  }

  @Test
  void solve_itemAllowsNoType_isUnassignedWithNoAllowedBinType() {
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    b.addBinType(new double[] {8}, 1, 5);
    int item = b.addItem(new double[] {1}, 0, new int[0]);

    PlacementSolution solution = steps(1, 100).solve(b.build());

    assertThat(solution.unassigned()).singleElement().satisfies(
        u -> {
          assertThat(u.item()).isEqualTo(item);
          assertThat(u.reason()).isEqualTo(UnassignedReason.NO_ALLOWED_BIN_TYPE);
        });
    assertThat(solution.totalCost()).isZero();
  }

  @Test
  void solve_countExhausted_reportsNoCapacityLeftAndPlacesHigherPriorityFirst() {
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    b.addBinType(new double[] {10}, 1, 1);
    int low = b.addItem(new double[] {6}, 0);
    int high = b.addItem(new double[] {6}, 5);

    PlacementSolution solution = steps(1, 200).solve(b.build());

    assertThat(solution.isAssigned(high)).isTrue();
    assertThat(solution.unassignedReason(low))
        .hasValueSatisfying(
            u -> {
              assertThat(u.reason()).isEqualTo(UnassignedReason.NO_CAPACITY_LEFT);
              assertThat(u.detail()).startsWith("1 allowed bin type(s) could hold the item");
            });
    assertThat(solution.violations()).isEmpty();
  }

  @Test
  void solve_noBinTypes_reportsEveryItemUnassigned() {
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    b.addItem(new double[] {1});
    b.addItem(new double[] {2});

    PlacementSolution solution = steps(1, 100).solve(b.build());

    assertThat(solution.unassigned())
        .extracting(PlacementSolution.Unassigned::reason)
        .containsExactly(UnassignedReason.NO_ALLOWED_BIN_TYPE, UnassignedReason.NO_ALLOWED_BIN_TYPE);
    assertThat(solution.openedBins()).isEmpty();
  }

  @Test
  void solve_emptyProblem_returnsEmptySolution() {
    PlacementSolution solution = steps(1, 100).solve(PlacementProblem.builder(2).build());

    assertThat(solution.totalCost()).isZero();
    assertThat(solution.lowerBound()).isZero();
    assertThat(solution.isFeasible()).isTrue();
  }

  @Test
  void solve_timeBudget_stopsByTickerAndIsReproducibleByStepCount() throws IOException {
    PlacementProblem problem = cloudBalancing("4computers-12processes.json");
    long[] now = {0};
    LongSupplier fakeTicker = () -> now[0] += 1_000_000; // every reading advances 1 ms

    PlacementSolution timed =
        PlacementSolver.builder().seed(9).timeBudget(Duration.ofMillis(50), fakeTicker).build().solve(problem);
    PlacementSolution replay = steps(9, timed.steps()).solve(problem);

    assertThat(timed.steps()).isPositive().isLessThan(1_000);
    assertThat(assignments(replay)).isEqualTo(assignments(timed));
    assertThat(replay.totalCost()).isEqualTo(timed.totalCost());
  }

  @Test
  void solve_lowerBound_matchesHandComputedFractionalCover() {
    // One dimension, demand 10, bins of capacity 4 at cost 4: fractional cover needs 2.5 bins = 10; optimum is 3 bins.
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    b.addBinType(new double[] {4}, 4, 10);
    for (int i = 0; i < 5; i++) {
      b.addItem(new double[] {2});
    }

    PlacementSolution solution = steps(1, 200).solve(b.build());

    assertThat(solution.lowerBound()).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(solution.totalCost()).isEqualTo(12);
    assertThat(solution.gap()).isCloseTo(1.0 / 6, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void solve_costMeetsLowerBound_stopsBeforeStepLimit() {
    // Four items of 5 fill two bins of 10 exactly: the construction is optimal and provably so.
    PlacementProblem.Builder b = PlacementProblem.builder(1);
    b.addBinType(new double[] {10}, 1, 10);
    for (int i = 0; i < 4; i++) {
      b.addItem(new double[] {5});
    }

    PlacementSolution solution = steps(1, 1_000_000).solve(b.build());

    assertThat(solution.totalCost()).isEqualTo(2);
    assertThat(solution.steps()).isZero();
  }

  @Test
  void solve_twoDimensions_boundCombinesDimensions() {
    // Type A is cheap for cpu, type B cheap for memory; covering both at once costs more than either alone.
    PlacementProblem.Builder b = PlacementProblem.builder(2);
    b.addBinType(new double[] {10, 1}, 1, 10);
    b.addBinType(new double[] {1, 10}, 1, 10);
    b.addItem(new double[] {5, 0});
    b.addItem(new double[] {5, 0});
    b.addItem(new double[] {0, 5});
    b.addItem(new double[] {0, 5});

    PlacementSolution solution = steps(1, 500).solve(b.build());

    // Single-dimension bounds are 1 each; covering both needs about one bin of each type.
    assertThat(solution.totalCost()).isEqualTo(2);
    assertThat(solution.lowerBound()).isGreaterThan(1.5).isLessThanOrEqualTo(2);
  }

  @Test
  void builder_badArguments_failWithMessages() {
    assertThatThrownBy(() -> PlacementSolver.builder().maxSteps(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSteps");
    assertThatThrownBy(() -> PlacementSolver.builder().timeBudget(Duration.ofSeconds(-1), () -> 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeBudget");
    assertThatThrownBy(() -> PlacementSolver.builder().timeBudget(Duration.ofSeconds(1), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("nanoTicker");
    assertThatThrownBy(() -> steps(1, 1).solve(null)).isInstanceOf(NullPointerException.class);
  }

  static List<Integer> assignments(PlacementSolution s) {
    Integer[] out = new Integer[2 * s.problem().itemCount()];
    for (int i = 0; i < s.problem().itemCount(); i++) {
      out[2 * i] = s.binTypeOf(i);
      out[2 * i + 1] = s.instanceOf(i);
    }
    return List.of(out);
  }
}
