package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The pruned category search of {@code ResonanceDetector.Art} (partial sums abandoned against a bound, a
 * division-free pre-test, copied edge weights) gives bit-identical results to the straightforward {@link ReferenceArt}
 * on random complement-coded streams, including a full category store and vigilances that move.
 */
class ResonanceArtPruningTest {

  @Property(tries = 60)
  void train_randomStreams_bitIdenticalToReference(@ForAll long seed, @ForAll @IntRange(min = 2, max = 81) int levels,
      @ForAll @IntRange(min = 1, max = 700) int length, @ForAll @IntRange(min = 1, max = 16) int freshEvery) {
    compare(seed, levels, length, freshEvery, 0.0);
  }

  @Test
  void train_fullStoreReplacingCategories_bitIdenticalToReference() {
    assertThat(compare(7, 81, 1500, 2, 0.97).categories).isEqualTo(ResonanceDetector.MAX_CATEGORIES);
  }

  private static ResonanceDetector.Art compare(long seed, int levels, int length, int freshEvery, double rhoFloor) {
    Random rnd = new Random(seed);
    ResonanceDetector.Art art = new ResonanceDetector.Art();
    ReferenceArt reference = new ReferenceArt();
    double[] x = new double[ResonanceDetector.CODED];
    double[] y = new double[ResonanceDetector.CODED];
    for (int t = 0; t < length; t++) {
      if (t == 0 || rnd.nextInt(50) == 0) {
        double low = rhoFloor + (1.0 - rhoFloor) * rnd.nextDouble();
        double rho = low + (1.0 - low) * rnd.nextDouble();
        art.rhoLow = low;
        art.rhoHigh = rho;
        reference.rhoLow = low;
        reference.rhoHigh = rho;
      }
      // Mostly small variations of a few shapes (so categories resonate and learn), sometimes something new.
      boolean fresh = rnd.nextInt(freshEvery) == 0;
      for (int d = 0; d < ResonanceDetector.DIM; d++) {
        double v = fresh ? rnd.nextDouble() : 0.5 + 0.4 * Math.sin(d * (1 + t % 3)) + 0.1 * rnd.nextGaussian();
        v = Math.round(Math.max(0.0, Math.min(1.0, v)) * (levels - 1)) / (double) (levels - 1);
        x[d] = v;
        x[ResonanceDetector.DIM + d] = 1.0 - v;
      }
      System.arraycopy(x, 0, y, 0, x.length);
      boolean expected = reference.train(y);
      assertThat(art.train(x)).isEqualTo(expected);
      assertThat(Double.doubleToRawLongBits(art.best)).isEqualTo(Double.doubleToRawLongBits(reference.best));
      assertThat(Double.doubleToRawLongBits(art.bestEnergy))
          .isEqualTo(Double.doubleToRawLongBits(reference.bestEnergy));
      assertThat(art.categories).isEqualTo(reference.categories);
    }
    for (int j = 0; j < reference.categories; j++) {
      assertThat(art.weights[j]).containsExactly(reference.weights[j]);
      assertThat(art.weightNorm[j]).isEqualTo(reference.weightNorm[j]);
      assertThat(art.used[j]).isEqualTo(reference.used[j]);
    }
    assertThat(art.lastBest).isEqualTo(reference.lastBest);
    return art;
  }
}
