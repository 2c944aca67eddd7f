package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustZScoreDetectorTest {

  @Test
  void zScore_handCheckedWindow_matchesMedianAndMad() {
    // Window 1..9 plus 12 (oldest 50 slid out): median 5.5, |x - 5.5| = 4.5,3.5,2.5,1.5,.5,.5,1.5,2.5,3.5,6.5
    // -> MAD 2.5, scale 1.4826 * 2.5 = 3.7065 (above a quarter of the standard deviation, 0.78).
    RobustZScoreDetector d = new RobustZScoreDetector(DetectorOptions.builder().window(10).warmUp(0).build());
    long t = 0;
    for (double v : new double[] {50, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12}) {
      d.update(t++, v);
    }
    assertThat(d.exactZScore(20.0)).isCloseTo((20.0 - 5.5) / (1.4826 * 2.5), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void zScore_slidingWindow_matchesBruteForce() {
    int w = 37;
    RobustZScoreDetector d = new RobustZScoreDetector(DetectorOptions.builder().window(w).warmUp(0).build());
    Random rnd = new Random(7);
    double[] xs = new double[2000];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = rnd.nextInt(20) + (rnd.nextBoolean() ? rnd.nextGaussian() : 0.0);
      d.update(i, xs[i]);
      if (i >= 2) {
        double[] win = Arrays.copyOfRange(xs, Math.max(0, i - w + 1), i + 1);
        double med = median(win);
        double[] dev = Arrays.stream(win).map(x -> Math.abs(x - med)).toArray();
        double mad = median(dev);
        double mean = Arrays.stream(win).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(win).map(x -> (x - mean) * (x - mean)).sum() / win.length);
        if (1.4826 * mad > 0.25 * std + 1e-9) {
          assertThat(d.exactZScore(3.0)).as("step %d", i)
              .isCloseTo((3.0 - med) / (1.4826 * mad), org.assertj.core.data.Offset.offset(1e-9));
        }
      }
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }
}
