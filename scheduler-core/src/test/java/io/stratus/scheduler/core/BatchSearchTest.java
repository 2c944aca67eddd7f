package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The batch planner's search on hand-made and random tiny problems (exact optimum known). */
class BatchSearchTest {
  private static final int D = BatchSearch.D;

  /**
   * Three classes that each allow only a type of their own (capacity 10, $20), each with one item of size 1, beside a
   * class on one type (capacity 13, $14) with items 3, 5, 6 and 9. The construction packs the latter as {3, 5}, {6},
   * {9} ($42); the optimum is {3, 9}, {5, 6} ($28), so $88 in all. The isolated bins waste the most ($18 each), and
   * the ruin's tournament took one whenever it was sampled; emptying it only rebuilt it, since its item may go to no
   * other open bin. Seeds 0-19 took 1 to 45 steps to the optimum (235 in all, 9 seeds above 10); now 1 to 7 (55).
   */
  @Example
  void step_isolatedBinsBesideAPackingToImprove_reachesTheOptimumWithinTenStepsOnEverySeed() {
    double[] cap = new double[4 * D];
    double[] cost = {20, 20, 20, 14};
    for (int t = 0; t < 3; t++) {
      cap[t * D] = 10;
    }
    cap[3 * D] = 13;
    int[][] classAllowed = {{0}, {1}, {2}, {3}};
    double[] sizes = {1, 1, 1, 3, 5, 6, 9};
    int[] itemClass = {0, 1, 2, 3, 3, 3, 3};
    double[] dem = new double[sizes.length * D];
    for (int i = 0; i < sizes.length; i++) {
      dem[i * D] = sizes[i];
    }
    Map<Long, Long> steps = new LinkedHashMap<>();
    for (long seed = 0; seed < 20; seed++) {
      BatchSearch search = new BatchSearch(dem, itemClass, cap, cost, new boolean[cost.length], classAllowed,
          new int[sizes.length], seed, BatchSearch.Groups.NONE);
      search.greedy();
      search.construct();
      assertThat(search.bestTotal()).isEqualTo(102);
      search.startSearch();
      while (search.bestTotal() > 88 && search.steps() < 10) {
        search.step();
      }
      steps.put(seed, search.bestTotal() > 88 ? -1 : search.steps());
    }

    assertThat(steps).doesNotContainValue(-1L);
  }

  @Property(tries = 300)
  void step_tinyBatches_bestNeverBelowTheOptimumAndSameSeedSameSteps(@ForAll @LongRange(max = 1_000_000) long seed) {
    TinyBatches p = TinyBatches.random(seed, 7);
    double optimum = p.optimum();

    long steps = p.stepsTo(seed, optimum, 400);

    assertThat(p.bestAfter(seed, 400)).isGreaterThanOrEqualTo(optimum - 1e-9);
    assertThat(p.stepsTo(seed, optimum, 400)).isEqualTo(steps);
  }
}
