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
import org.junit.jupiter.api.Test;

/**
 * The adaptive-resonance detector: golden scores on a small seeded series (refresh only with
 * {@code -Dstratus.golden.update=true} and review the diff), behaviour on a novel pattern, argument checks.
 */
class ResonanceDetectorTest {

  private static final Path GOLDEN = Paths.get("src/test/resources/golden/adaptive-resonance-scores.txt");
  private static final long FIVE_MINUTES = 300_000L;

  /** A square wave of period 16 with noise; a burst of a faster wave at 900-939; a spike at 1200. */
  static double[] series() {
    Random rnd = new Random(5);
    double[] xs = new double[1500];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 50 + ((i / 8) % 2 == 0 ? 10 : -10) + 0.3 * rnd.nextGaussian();
      if (i >= 900 && i < 940) {
        xs[i] = 50 + ((i / 2) % 2 == 0 ? 10 : -10);
      }
      if (i == 1200) {
        xs[i] = 90;
      }
    }
    return xs;
  }

  static List<String> scores(int step) {
    StreamingDetector d = Detectors.adaptiveResonance(DetectorOptions.defaults(), step);
    double[] xs = series();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      AnomalyResult r = d.update(1_700_000_000_000L + i * FIVE_MINUTES, xs[i]);
      lines.add(String.format(Locale.ROOT, "%d %.12f %b", i, r.score(), r.anomalous()));
    }
    return lines;
  }

  @Test
  void adaptiveResonance_seededSeries_matchesGoldenScores() throws IOException {
    List<String> actual = scores(2);
    if (Boolean.getBoolean("stratus.golden.update")) {
      Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)).containsExactlyElementsOf(actual);
  }

  @Test
  void adaptiveResonance_novelPatternAndSpike_scoredWhileRegularWaveIsNot() {
    List<Integer> scored = new ArrayList<>();
    for (String line : scores(2)) {
      String[] f = line.split(" ");
      if (Double.parseDouble(f[1]) > 0.0) {
        scored.add(Integer.parseInt(f[0]));
      }
    }
    assertThat(scored).anyMatch(i -> i >= 900 && i < 960);
    assertThat(scored).anyMatch(i -> i >= 1200 && i < 1220);
    assertThat(scored).noneMatch(i -> i >= 500 && i < 900);
  }

  @Test
  void adaptiveResonance_warmUp_scoresZero() {
    List<String> lines = scores(2);
    // 104 + 8 representatives of 2 points each are buffered before anything is scored
    for (int i = 0; i < 2 * (ResonanceDetector.TREND + ResonanceDetector.WINDOW); i++) {
      assertThat(lines.get(i)).startsWith(i + " 0.000000000000 ");
    }
  }

  @Test
  void adaptiveResonance_stepOutOfRange_rejectedNamingStep() {
    assertThatThrownBy(() -> Detectors.adaptiveResonance(DetectorOptions.defaults(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step").hasMessageContaining("0");
    assertThatThrownBy(() -> Detectors.adaptiveResonance(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("options");
  }
}
