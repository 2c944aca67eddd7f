package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NeighbourDetectorTest {

  private static final long MINUTE = 60_000L;

  /** Straightforward KNN-CAD over the whole history, as documented (no pruning, no rings). */
  static double[] reference(double[] x, int dim, int k, int memory) {
    double[] scores = new double[x.length];
    List<Double> alphas = new ArrayList<>();
    for (int t = 0; t < x.length; t++) {
      if (t < dim - 1) {
        continue;
      }
      int first = Math.max(dim - 1, t - dim - memory + 1);
      int last = t - dim;
      if (last - first + 1 < k) {
        continue;
      }
      double[] d = new double[last - first + 1];
      for (int s = first; s <= last; s++) {
        double sum = 0;
        for (int i = 0; i < dim; i++) {
          double diff = x[t - dim + 1 + i] - x[s - dim + 1 + i];
          sum += diff * diff;
        }
        d[s - first] = sum;
      }
      Arrays.sort(d);
      double alpha = 0;
      for (int i = 0; i < k; i++) {
        alpha += Math.sqrt(d[i]);
      }
      List<Double> cal = alphas.subList(Math.max(0, alphas.size() - memory), alphas.size());
      if (cal.size() >= Math.max(1, memory / 4)) {
        int below = 0;
        for (double a : cal) {
          below += a < alpha ? 1 : 0;
        }
        scores[t] = (double) below / cal.size();
      }
      alphas.add(alpha);
    }
    return scores;
  }

  @Property(tries = 30)
  void update_randomSeries_sameScoresAsStraightforwardReference(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int dim, @ForAll @IntRange(min = 1, max = 6) int k,
      @ForAll @IntRange(min = 8, max = 40) int memory) {
    Random rnd = new Random(seed);
    double[] x = new double[300];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i / 5.0) * 10 + rnd.nextGaussian() + (rnd.nextInt(30) == 0 ? 25 : 0);
    }
    StreamingDetector d = Detectors.nearestNeighbours(DetectorOptions.builder().window(memory).build(), dim, k);
    double[] expected = reference(x, dim, k, memory);
    for (int i = 0; i < x.length; i++) {
      assertThat(d.update(i * MINUTE, x[i]).score()).as("point %d", i).isEqualTo(expected[i]);
    }
  }

  @Test
  void update_periodicSeriesThenNovelShape_quietThenScoresOne() {
    StreamingDetector d = Detectors.nearestNeighbours(DetectorOptions.builder().window(64).build(), 6, 3);
    double[] cycle = {1, 2, 3, 4, 5, 4, 3, 2, 1, 0};
    int i = 0;
    for (; i < 400; i++) {
      double s = d.update(i * MINUTE, cycle[i % cycle.length]).score();
      if (i >= 100) { // every phase of the cycle has exact copies among the learned patterns
        assertThat(s).as("point %d", i).isZero();
      }
    }
    // a value inside the learned range in a place the cycle never has it: a contextual anomaly
    assertThat(d.update(i * MINUTE, 5.0).score()).isEqualTo(1.0);
  }

  @Test
  void update_goldenScores_smallSeries() {
    double[] x = {3, 4, 3, 5, 3, 4, 3, 5, 3, 4, 3, 5, 3, 4, 9, 5, 3, 4, 3, 5};
    StreamingDetector d = Detectors.nearestNeighbours(DetectorOptions.builder().window(8).build(), 2, 1);
    double[] scores = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      scores[i] = d.update(i * MINUTE, x[i]).score();
    }
    // hand check: the learned patterns are (3, 4), (4, 3), (3, 5), (5, 3); from the 4th one on, every pattern of the
    // cycle has an exact copy (non-conformity 0). The spike's pattern (4, 9) is sqrt(17) from (3, 5), above the 8
    // zero non-conformities before it (score 1); the next, (9, 5), is sqrt(20) from (5, 3), above those and sqrt(17)
    // (score 1); then the cycle resumes (0 again)
    assertThat(scores).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0, 1.0, 0, 0, 0, 0);
  }

  @Test
  void nearestNeighbours_badArguments_rejectedNamingTheRule() {
    DetectorOptions o = DetectorOptions.builder().window(16).build();
    assertThatThrownBy(() -> Detectors.nearestNeighbours(o, 0, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dim must be within [1, 64], was 0");
    assertThatThrownBy(() -> Detectors.nearestNeighbours(o, 4, 17)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be within [1, window = 16], was 17");
    assertThatThrownBy(() -> Detectors.nearestNeighbours(null, 4, 3)).isInstanceOf(NullPointerException.class);
  }
}
