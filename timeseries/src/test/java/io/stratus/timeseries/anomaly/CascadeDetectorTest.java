package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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

  /** A host detector scoring a scripted sequence. */
  private static final class Scripted implements StreamingDetector {
    private final double[] scores;
    private int next;

    Scripted(double... scores) {
      this.scores = scores;
    }

    @Override
    public AnomalyResult update(long epochMillis, double value) {
      double s = scores[next++];
      return new AnomalyResult(s, s >= 0.5);
    }
  }

  private static boolean[] alerts(StreamingDetector d, int n) {
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = d.update(i * MINUTE, i).anomalous();
    }
    return out;
  }

  @Test
  void update_rearming_burstAlertsOnceAndNewIncidentAfterQuietRunAlerts() {
    // alert, burst continues, 2 quiet points (< 0.5) re-arm, a new incident alerts again.
    double[] script = {0.1, 0.9, 0.95, 0.9, 0.2, 0.6, 0.2, 0.3, 0.9, 0.9};
    StreamingDetector d = Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(), 0.5,
        0.8, 0.5, 2);
    double[] scores = new double[script.length];
    boolean[] alerts = new boolean[script.length];
    for (int i = 0; i < script.length; i++) {
      AnomalyResult r = d.update(i * MINUTE, i);
      scores[i] = r.score();
      alerts[i] = r.anomalous();
    }
    assertThat(alerts).containsExactly(false, true, false, false, false, false, false, false, true, false);
    assertThat(scores[2]).as("damped while disarmed, mapped with 0.8 on 0.5").isCloseTo(0.5 * 0.95 * 0.3 / 0.8,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(scores[5]).as("0.6 breaks the quiet run").isCloseTo(0.5 * 0.6 * 0.3 / 0.8,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(scores[7]).as("the point completing the quiet run is not damped").isCloseTo(0.5 * 0.3 / 0.8,
        org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void update_rearming_fixedCooldownWouldHideTheNextIncident() {
    // Two incidents 4 points apart with quiet points between: the re-arming cascade alerts on both, the ensemble with
    // a cooldown of 8 points hides the second (it scores below the first).
    double[] script = {0.9, 0.1, 0.1, 0.1, 0.85, 0.1};
    boolean[] rearm = alerts(Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(),
        0.5, 0.8, 0.5, 2), script.length);
    boolean[] cooldown = alerts(Detectors.ensemble(DetectorOptions.defaults(), List.of(new Scripted(script)), 8, 0.8),
        script.length);
    assertThat(rearm).containsExactly(true, false, false, false, true, false);
    assertThat(cooldown).containsExactly(true, false, false, false, false, false);
  }

  @Test
  void update_rearmTime_dailySeriesReArmsAtTheNextQuietDay() {
    // Daily points: 8 quiet points would be 8 days; with 8 quiet hours the first quiet day re-arms (undamped), so an
    // incident 3 days after the first alerts, which the count of points alone hides.
    double[] script = {0.9, 0.95, 0.1, 0.1, 0.9, 0.1};
    long day = 24 * 60 * MINUTE;
    StreamingDetector timed = Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(),
        0.5, 0.8, 0.5, 8, Duration.ofHours(8));
    StreamingDetector counted = Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(),
        0.5, 0.8, 0.5, 8);
    boolean[] timedAlerts = new boolean[script.length];
    boolean[] countedAlerts = new boolean[script.length];
    for (int i = 0; i < script.length; i++) {
      timedAlerts[i] = timed.update(i * day, i).anomalous();
      countedAlerts[i] = counted.update(i * day, i).anomalous();
    }
    assertThat(timedAlerts).containsExactly(true, false, false, false, true, false);
    assertThat(countedAlerts).containsExactly(true, false, false, false, false, false);
  }

  @Test
  void update_rearmTime_quietTimeCountsFromTheLastLoudPoint() {
    // Hourly points, 3 quiet hours re-arm: the loud point at hour 2 (0.6, damped while disarmed) restarts the quiet
    // time, so the incident at hour 5 is still within it (from hour 0 it would alert); hour 8 completes the quiet
    // time after hour 5 and the incident at hour 9 alerts.
    double[] script = {0.9, 0.1, 0.6, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.9};
    StreamingDetector d = Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(), 0.5,
        0.8, 0.5, 100, Duration.ofHours(3));
    boolean[] alerts = new boolean[script.length];
    for (int i = 0; i < script.length; i++) {
      alerts[i] = d.update(i * 60 * MINUTE, i).anomalous();
    }
    assertThat(alerts).containsExactly(true, false, false, false, false, false, false, false, false, true);
  }

  @Test
  void update_rearmTime_regularFastSeries_sameScoresAsCountOnly() {
    // Every 5 minutes, 8 points are 40 minutes: a bound of 8 hours never completes a quiet run first.
    java.util.Random random = new java.util.Random(7);
    double[] script = new double[5000];
    for (int i = 0; i < script.length; i++) {
      script[i] = random.nextDouble() < 0.02 ? 0.8 + 0.2 * random.nextDouble() : 0.6 * random.nextDouble();
    }
    StreamingDetector timed = Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(),
        0.5, 0.8767, 0.5, 8, Duration.ofHours(8));
    StreamingDetector counted = Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(),
        0.5, 0.8767, 0.5, 8);
    for (int i = 0; i < script.length; i++) {
      assertThat(timed.update(i * 5 * MINUTE, i).score()).isEqualTo(counted.update(i * 5 * MINUTE, i).score());
    }
  }

  @Test
  void cascade_badRearmTime_rejectedNamingTheArgument() {
    DetectorOptions o = DetectorOptions.defaults();
    List<StreamingDetector> one = List.of(new Fixed(0.1));
    assertThatThrownBy(() -> Detectors.cascade(o, one, one, 0.5, 0.8, 0.5, 8, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rearmTime").hasMessageContaining("PT0S");
    assertThatThrownBy(() -> Detectors.cascade(o, one, one, 0.5, 0.8, 0.5, 0, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rearmPoints").hasMessageContaining("0");
    assertThatThrownBy(() -> Detectors.cascade(o, one, one, 0.5, 0.8, 0.5, 8, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("rearmTime");
    assertThat(Detectors.cascade(o, one, one, 0.5, 0.8, 0.5, 8, Duration.ofSeconds(Long.MAX_VALUE))
        .update(0L, 1.0).score()).isBetween(0.0, 1.0);
  }

  @Test
  void cascade_rearmPointsZero_sameAsPlainCascade() {
    double[] script = {0.1, 0.9, 0.95, 0.9, 0.2, 0.6};
    StreamingDetector plain = Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(),
        0.5, 0.8);
    StreamingDetector zero = Detectors.cascade(DetectorOptions.defaults(), List.of(new Scripted(script)), List.of(),
        0.5, 0.8, 0.5, 0);
    for (int i = 0; i < script.length; i++) {
      assertThat(zero.update(i * MINUTE, i).score()).isEqualTo(plain.update(i * MINUTE, i).score());
    }
  }

  @Test
  void cascade_badRearmArguments_rejectedNamingTheArgument() {
    DetectorOptions o = DetectorOptions.defaults();
    List<StreamingDetector> one = List.of(new Fixed(0.1));
    assertThatThrownBy(() -> Detectors.cascade(o, one, one, 0.5, 0.8, 0.9, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rearmLevel").hasMessageContaining("0.9");
    assertThatThrownBy(() -> Detectors.cascade(o, one, one, 0.5, 0.8, 0.0, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rearmLevel");
    assertThatThrownBy(() -> Detectors.cascade(o, one, one, 0.5, 0.8, 0.5, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rearmPoints").hasMessageContaining("-1");
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
