package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfSpaceTreesDetectorTest {

  /**
   * The table-driven detector (quantized code words, tabulated leaf masses) scores like the straightforward
   * reference, including clamped values 0 and 1 that sit exactly on splits; the only difference allowed is the
   * rounding of log(mass + 1) against log1p(mass).
   */
  @Test
  void score_sameSeries_matchesReferenceImplementation() {
    for (int window : new int[] {16, 64, 256}) {
      DetectorOptions o = DetectorOptions.builder().window(window).seed(window).build();
      StreamingDetector reference = new ReferenceHalfSpaceTrees(o);
      StreamingDetector fast = new HalfSpaceTreesDetector(o);
      Random rnd = new Random(window);
      int positive = 0;
      for (int i = 0; i < 30_000; i++) {
        double v = 100 + 20 * Math.sin(i / 40.0) + 3 * rnd.nextGaussian() + (rnd.nextInt(500) == 0 ? 60 : 0)
            + (i > 15_000 ? 30 : 0);
        double expected = reference.update(i, v).score();
        double actual = fast.update(i, v).score();
        assertThat(actual).as("window %d point %d", window, i).isCloseTo(expected, within(1e-12));
        if (expected > 0) {
          positive++;
        }
      }
      assertThat(positive).isGreaterThan(1000);
    }
  }
}
