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
import org.junit.jupiter.api.Test;

class CascadeDetectorTest {

  private static final Path GOLDEN = Paths.get("src/test/resources/golden/cascade-scores.txt");
  private static final long MINUTE = 60_000L;

  /** A host detector (not made by the library) scoring a fixed value and counting its updates. */
  private static final class Fixed implements StreamingDetector {
    private final double score;
    private int updates;

    Fixed(double score) {
      this.score = score;
    }

    @Override
    public AnomalyResult update(long epochMillis, double value) {
      updates++;
      return new AnomalyResult(score, score >= 0.5);
    }
  }

  @Test
  void update_membersBelowGate_confirmerUpdatedButIgnored() {
    Fixed member = new Fixed(0.2);
    Fixed confirmer = new Fixed(1.0);
    StreamingDetector d = Detectors.cascade(DetectorOptions.defaults(), List.of(member), List.of(confirmer), 0.5, 0.5);
    for (int i = 0; i < 10; i++) {
      assertThat(d.update(i * MINUTE, i).score()).isEqualTo(0.2);
    }
    assertThat(confirmer.updates).as("a confirmer learns every point").isEqualTo(10);
  }

  @Test
  void update_membersAtGate_confirmerScoreCounts() {
    StreamingDetector d = Detectors.cascade(DetectorOptions.defaults(), List.of(new Fixed(0.6)),
        List.of(new Fixed(0.9)), 0.6, 0.5);
    assertThat(d.update(0, 1.0).score()).isEqualTo(0.9);
  }

  @Test
  void update_alertThreshold_mappedOntoHalf() {
    StreamingDetector d = Detectors.cascade(DetectorOptions.defaults(), List.of(new Fixed(0.8)), List.of(), 0.5, 0.8);
    AnomalyResult r = d.update(0, 1.0);
    assertThat(r.score()).isEqualTo(0.5);
    assertThat(r.anomalous()).isTrue();
  }

  /** The round-9 NAB candidate's shape on a seeded series (default members, ranked cascade forest). */
  static List<String> scores() {
    DetectorOptions o = DetectorOptions.builder().window(256).bandWidth(4.0).seed(7).build();
    DetectorOptions rank = DetectorOptions.builder().window(2000).warmUp(64).build();
    StreamingDetector d = Detectors.cascade(DetectorOptions.defaults(),
        List.of(Detectors.newExtremes(o), Detectors.rank(Detectors.seasonalBaseline(o), rank),
            Detectors.rank(Detectors.contextual(o), rank), Detectors.adaptiveResonance(o, 2)),
        List.of(Detectors.rank(Detectors.randomCutForest(o, 4, 4, 64, 4), rank)), 0.5, 0.9);
    double[] xs = RandomCutForestDetectorTest.series();
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
  void update_seededSeries_spikeAlerts() {
    List<String> lines = scores();
    assertThat(lines.get(500)).endsWith("true");
  }

  @Test
  void cascade_badArguments_rejectedNamingTheArgument() {
    DetectorOptions o = DetectorOptions.defaults();
    List<StreamingDetector> one = List.of(new Fixed(0.1));
    assertThatThrownBy(() -> Detectors.cascade(o, List.of(), one, 0.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members");
    assertThatThrownBy(() -> Detectors.cascade(o, one, one, 1.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gate").hasMessageContaining("1.5");
    assertThatThrownBy(() -> Detectors.cascade(o, one, one, 0.5, 0.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alertThreshold");
    assertThatThrownBy(() -> Detectors.cascade(o, one, null, 0.5, 0.5))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("confirmers");
  }
}
