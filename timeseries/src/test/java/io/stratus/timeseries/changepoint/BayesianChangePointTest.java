package io.stratus.timeseries.changepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
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

  @Property(tries = 200)
  void expNonPositive_matchesMathExp(@ForAll @DoubleRange(min = -599, max = 0) double x) {
    double expected = Math.exp(x);
    assertThat(BayesianChangePoint.expNonPositive(x)).isCloseTo(expected, org.assertj.core.data.Offset.offset(
        1e-9 * expected));
  }
}
