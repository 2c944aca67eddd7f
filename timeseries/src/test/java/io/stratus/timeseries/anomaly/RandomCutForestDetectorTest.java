package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RandomCutForestDetectorTest {

  private static final long MINUTE = 60_000L;
  private static final Path GOLDEN = Paths.get("src/test/resources/golden/random-cut-forest-scores.txt");

  /** Points on a few levels (many duplicates) or continuous, in {@code dim} dimensions. */
  private static double[] point(Random rnd, int dim, boolean quantized) {
    double[] p = new double[dim];
    for (int k = 0; k < dim; k++) {
      p[k] = quantized ? rnd.nextInt(4) : rnd.nextGaussian() * (k + 1);
    }
    return p;
  }

  @Property(tries = 40)
  void tree_randomOffers_invariantsHoldAndVirtualInsertionEqualsRealInsertion(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5) int dim, @ForAll @IntRange(min = 2, max = 40) int capacity,
      @ForAll boolean quantized) {
    Random rnd = new Random(seed);
    RandomCutForestDetector.Tree a = new RandomCutForestDetector.Tree(dim, capacity, new SplittableRandom(seed));
    RandomCutForestDetector.Tree b = new RandomCutForestDetector.Tree(dim, capacity, new SplittableRandom(seed));
    for (int seen = 1; seen <= 300; seen++) {
      double[] p = point(rnd, dim, quantized);
      if (a.size() > 0) {
        // Scoring draws the same cuts as inserting: the virtual displacement is the displacement after insertion.
        double virtual = a.displacement(p);
        int leaf = b.insert(p);
        assertThat(virtual).as("point %d", seen).isEqualTo(b.collusiveDisplacement(leaf));
        b.delete(leaf);
        assertThat(b.consistent()).isTrue();
      } else {
        a.displacement(p);
        b.displacement(p);
      }
      a.offer(p, seen, 4L * capacity);
      b.offer(p, seen, 4L * capacity);
      assertThat(a.consistent()).as("after point %d", seen).isTrue();
      assertThat(a.size()).isEqualTo(Math.min(seen, capacity));
    }
  }

  @Test
  void tree_duplicateOfSampledPoint_displacedFarLessThanOutlier() {
    double duplicate = 0;
    double outlier = 0;
    for (int seed = 0; seed < 50; seed++) {
      RandomCutForestDetector.Tree t = new RandomCutForestDetector.Tree(1, 64, new SplittableRandom(seed));
      for (int i = 0; i < 64; i++) {
        t.offer(new double[] {i % 8}, i + 1, 512);
      }
      duplicate += t.displacement(new double[] {3}) / 50;
      outlier += t.displacement(new double[] {100}) / 50;
    }
    // Eight leaves of 8 copies: a duplicate joins a leaf of 8 (displacement about 1-2); the outlier is cut off
    // from all 64 points at the root with probability 93/100.
    assertThat(duplicate).isLessThan(3.0);
    assertThat(outlier).isGreaterThan(50.0);
  }

  static double[] series() {
    Random rnd = new Random(5);
    double[] xs = new double[900];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 96.0) + rnd.nextGaussian();
      if (i == 500) {
        xs[i] += 20;
      }
      if (i >= 700 && i < 720) {
        xs[i] = 50 + ((i / 3) % 2 == 0 ? 6 : -6);
      }
    }
    return xs;
  }

  static List<String> scores() {
    StreamingDetector d = Detectors.randomCutForest(DetectorOptions.builder().seed(7).build(), 4, 16, 64);
    double[] xs = series();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      AnomalyResult r = d.update(1_700_000_000_000L + i * 5 * MINUTE, xs[i]);
      lines.add(String.format(Locale.ROOT, "%d %.12f %b", i, r.score(), r.anomalous()));
    }
    return lines;
  }

  /** Refresh only with {@code -Dstratus.golden.update=true} and review the diff. */
  @Test
  void update_seededSeries_matchesGoldenScores() throws IOException {
    List<String> actual = scores();
    if (Boolean.getBoolean("stratus.golden.update")) {
      Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)).containsExactlyElementsOf(actual);
  }

  @Test
  void update_seededSeries_spikeAndNewPatternScoreAboveEverythingElse() {
    double[] s = scores().stream().mapToDouble(l -> Double.parseDouble(l.split(" ")[1])).toArray();
    double ordinary = 0;
    for (int i = 200; i < 900; i++) {
      if ((i < 500 || i >= 504) && (i < 700 || i >= 730)) { // a shingle of 4 holds the spike for 4 points
        ordinary = Math.max(ordinary, s[i]);
      }
    }
    double pattern = 0;
    for (int i = 700; i < 720; i++) {
      pattern = Math.max(pattern, s[i]);
    }
    assertThat(s[500]).isGreaterThan(0.5).isGreaterThan(ordinary + 0.1);
    assertThat(pattern).isGreaterThan(ordinary);
  }

  @Test
  void update_differentSeeds_differentScores() {
    double[] xs = series();
    StreamingDetector a = Detectors.randomCutForest(DetectorOptions.builder().seed(1).build(), 4, 4, 32);
    StreamingDetector b = Detectors.randomCutForest(DetectorOptions.builder().seed(2).build(), 4, 4, 32);
    boolean differ = false;
    for (int i = 0; i < xs.length; i++) {
      differ |= a.update(i * MINUTE, xs[i]).score() != b.update(i * MINUTE, xs[i]).score();
    }
    assertThat(differ).isTrue();
  }

  @Property(tries = 30)
  void tree_gapSampling_invariantsHoldAndSampleKeepsItsSize(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int dim, @ForAll @IntRange(min = 2, max = 32) int capacity,
      @ForAll boolean quantized) {
    Random rnd = new Random(seed);
    RandomCutForestDetector.Tree t = new RandomCutForestDetector.Tree(dim, capacity, new SplittableRandom(seed), true);
    for (int seen = 1; seen <= 600; seen++) {
      t.offer(point(rnd, dim, quantized), seen, 3L * capacity);
      assertThat(t.consistent()).as("after point %d", seen).isTrue();
      assertThat(t.size()).isEqualTo(Math.min(seen, capacity));
    }
  }

  @Test
  void tree_gapSampling_admitsWithProbabilityCapacityOverHorizon() {
    // Past the horizon every shingle is admitted with probability capacity / horizon = 1/16: the gaps are
    // geometric with mean (1 - q) / q = 15.
    RandomCutForestDetector.Tree t = new RandomCutForestDetector.Tree(1, 8, new SplittableRandom(3), true);
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      sum += t.nextGap(128);
    }
    assertThat(sum / n).isCloseTo(15.0, Offset.offset(0.15));
  }

  @Test
  void update_gapSampling_spikeScoresAboveOrdinaryPoints() {
    StreamingDetector d = Detectors.randomCutForest(DetectorOptions.builder().seed(7).build(), 4, 16, 64, 2);
    double[] xs = series();
    double[] s = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      s[i] = d.update(1_700_000_000_000L + i * 5 * MINUTE, xs[i]).score();
    }
    double ordinary = 0;
    for (int i = 200; i < 900; i++) {
      if ((i < 500 || i >= 504) && (i < 700 || i >= 730)) {
        ordinary = Math.max(ordinary, s[i]);
      }
    }
    assertThat(s[500]).isGreaterThan(0.5).isGreaterThan(ordinary);
  }

  @Test
  void randomCutForest_horizonOutOfRange_rejectedNamingTheArgument() {
    DetectorOptions o = DetectorOptions.defaults();
    assertThatThrownBy(() -> Detectors.randomCutForest(o, 4, 4, 64, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizonFactor").hasMessageContaining("0");
    assertThatThrownBy(() -> Detectors.randomCutForest(o, 4, 4, 64, 1025))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizonFactor");
    assertThatThrownBy(() -> Detectors.randomCutForest(o, 0, 4, 64, 8)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shingle");
  }

  @Test
  void randomCutForest_argumentsOutOfRange_rejectedNamingTheArgument() {
    DetectorOptions o = DetectorOptions.defaults();
    assertThatThrownBy(() -> Detectors.randomCutForest(o, 0, 8, 64)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shingle").hasMessageContaining("0");
    assertThatThrownBy(() -> Detectors.randomCutForest(o, 4, 257, 64)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trees").hasMessageContaining("257");
    assertThatThrownBy(() -> Detectors.randomCutForest(o, 4, 8, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sampleSize").hasMessageContaining("1");
    assertThatThrownBy(() -> Detectors.randomCutForest(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("options");
  }
}
