package io.stratus.timeseries.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BayesianChangePointTest {

  @Test
  void update_levelShiftOfThreeSigma_detectedQuicklyAndRunLengthRestarts() {
    BayesianChangePoint bocpd = new BayesianChangePoint(1.0 / 250, 100, 3.0, 10);
    Random rnd = new Random(21);
    double maxStationary = 0;
    for (int i = 0; i < 400; i++) {
      double p = bocpd.update(rnd.nextGaussian());
      if (i > 50) {
        maxStationary = Math.max(maxStationary, p);
      }
    }
    assertThat(maxStationary).isLessThan(0.5);
    assertThat(bocpd.mostLikelyRunLength()).isEqualTo(99); // the folded longest run
    int detected = -1;
    for (int i = 0; i < 30 && detected < 0; i++) {
      if (bocpd.update(3.0 + rnd.nextGaussian()) > 0.5) {
        detected = i;
      }
    }
    assertThat(detected).isBetween(0, 8);
    assertThat(bocpd.mostLikelyRunLength()).isLessThan(10);
  }

  @Property(tries = 50)
  void update_anyInput_probabilityWithinUnitInterval(@ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double b) {
    BayesianChangePoint bocpd = new BayesianChangePoint(0.01, 8, 2.0, 3);
    for (int i = 0; i < 20; i++) {
      double p = bocpd.update(i % 2 == 0 ? a : b);
      assertThat(p).isBetween(0.0, 1.0);
      assertThat(bocpd.mostLikelyRunLength()).isBetween(0, 7);
    }
  }

  @Test
  void constructorAndUpdate_badInput_rejectedNamingParameter() {
    assertThatThrownBy(() -> new BayesianChangePoint(0, 10, 1, 2)).hasMessageContaining("hazard");
    assertThatThrownBy(() -> new BayesianChangePoint(0.1, 1, 1, 2)).hasMessageContaining("maxRunLength");
    assertThatThrownBy(() -> new BayesianChangePoint(0.1, 10, 0, 2)).hasMessageContaining("priorSd");
    assertThatThrownBy(() -> new BayesianChangePoint(0.1, 10, 1, 10)).hasMessageContaining("recent");
    BayesianChangePoint bocpd = new BayesianChangePoint(0.1, 10, 1, 2);
    assertThatThrownBy(() -> bocpd.update(Double.NaN)).hasMessageContaining("z must be finite");
  }

  @Property(tries = 300)
  void expBounded_withinDocumentedRelativeError(@ForAll @DoubleRange(min = -64, max = 0) double x) {
    double expected = Math.exp(x);
    double y = x / 128;
    double bound = 128 * Math.exp(-y) * Math.pow(-y, 9) / 362880 + 1e-13;
    assertThat(BayesianChangePoint.expBounded(x)).isCloseTo(expected, Offset.offset(bound * expected));
  }

  @Test
  void expBounded_documentedBoundsAndFloor() {
    assertThat(BayesianChangePoint.expBounded(0.0)).isEqualTo(1.0);
    for (double x = -16; x <= 0; x += 0.01) {
      assertThat(BayesianChangePoint.expBounded(x)).isCloseTo(Math.exp(x), Offset.offset(3.1e-12 * Math.exp(x)));
    }
    for (double x = -28; x <= 0; x += 0.01) {
      assertThat(BayesianChangePoint.expBounded(x)).isCloseTo(Math.exp(x), Offset.offset(5e-10 * Math.exp(x)));
    }
    assertThat(BayesianChangePoint.expBounded(-1e6)).isEqualTo(BayesianChangePoint.expBounded(-64));
  }

  /**
   * The pruned, adaptively truncated update with the polynomial exp finds the same change points as the exact
   * recursion on level shifts of 1.5 to 5 sigma (with clipped outliers, as the detector feeds it), and its change
   * probabilities stay within 1e-6 of the exact ones.
   */
  @Property(tries = 25)
  void update_levelShifts_sameChangePointsAsExactRecursion(@ForAll long seed) {
    Random rnd = new Random(seed);
    BayesianChangePoint fast = new BayesianChangePoint(1.0 / 256, 64, 3.0, 5);
    ExactBocpdReference exact = new ExactBocpdReference(1.0 / 256, 64, 3.0, 5);
    double level = 0;
    int flagged = 0;
    double maxDiff = 0;
    for (int i = 0; i < 3000; i++) {
      if (i % 400 == 399) {
        level += (1.5 + 3.5 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
      }
      double z = Math.max(-5, Math.min(5, level + rnd.nextGaussian() + (rnd.nextInt(200) == 0 ? 8 : 0)));
      double a = fast.update(z);
      double b = exact.update(z);
      maxDiff = Math.max(maxDiff, Math.abs(a - b));
      assertThat(a >= 0.5).as("point %d: %s vs exact %s", i, a, b).isEqualTo(b >= 0.5);
      assertThat(fast.mostLikelyRunLength()).as("point %d", i).isEqualTo(exact.mostLikelyRunLength());
      if (b >= 0.5) {
        flagged++;
      }
    }
    assertThat(maxDiff).isLessThan(1e-6);
    assertThat(flagged).isPositive();
  }
}
