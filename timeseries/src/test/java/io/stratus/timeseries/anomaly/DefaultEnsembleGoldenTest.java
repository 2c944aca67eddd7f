package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Golden scores of the shipped default ensemble on a small seeded series (daily cycle, noise, a spike, a level shift
 * and a new pattern). Refresh only with {@code -Dstratus.golden.update=true} and review the diff.
 */
class DefaultEnsembleGoldenTest {

  private static final Path GOLDEN = Paths.get("src/test/resources/golden/default-ensemble-scores.txt");
  private static final long FIVE_MINUTES = 300_000L;

  static double[] series() {
    Random rnd = new Random(11);
    double[] xs = new double[1500];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + rnd.nextGaussian();
      if (i == 700) {
        xs[i] += 25;
      }
      if (i >= 1000) {
        xs[i] += 15;
      }
      if (i >= 1300 && i < 1340) {
        xs[i] = 50 + ((i / 4) % 2 == 0 ? 8 : -8);
      }
    }
    return xs;
  }

  static List<String> scores() {
    StreamingDetector d = Detectors.ensemble();
    double[] xs = series();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < xs.length; i++) {
      AnomalyResult r = d.update(1_700_000_000_000L + i * FIVE_MINUTES, xs[i]);
      lines.add(String.format(Locale.ROOT, "%d %.12f %b", i, r.score(), r.anomalous()));
    }
    return lines;
  }

  @Test
  void ensemble_seededSeries_matchesGoldenScores() throws IOException {
    List<String> actual = scores();
    if (Boolean.getBoolean("stratus.golden.update")) {
      Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)).containsExactlyElementsOf(actual);
  }

  /**
   * The default's confirming forest (asked only where the members' maximum reaches the gate, ranked over the points
   * where it was asked) adds signal: on a long noisy series with repeated short anomalies the default without
   * re-arming scores above the maximum of its four members alone at some points, and never below it.
   */
  @Test
  void ensemble_repeatedAnomalies_confirmerRaisesSomeScoresAndLowersNone() {
    DetectorOptions options = DetectorOptions.defaults();
    StreamingDetector members = new EnsembleDetector(options,
        List.of(new RangeDetector(options),
            new RankDetector(options.toBuilder().window(Detectors.DEFAULT_SEASONAL_RANK_SPAN).warmUp(64).build(),
                new SeasonalBaselineDetector(options.toBuilder().window(Detectors.DEFAULT_MEMBER_WINDOW)
                    .seasonality(DetectorOptions.Seasonality.HOUR_OF_DAY).build())),
            new RankDetector(options.toBuilder().window(Detectors.DEFAULT_RANK_SPAN).warmUp(64).build(),
                new ContextDetector(options, ContextDetector.LEVELS, ContextDetector.DEPTH,
                    Detectors.DEFAULT_CONTEXT_MEMORY)),
            new ResonanceDetector(options, Detectors.DEFAULT_RESONANCE_STEP)),
        0, Detectors.ENSEMBLE_DAMPING, Detectors.DEFAULT_ALERT_POINT);
    StreamingDetector shipped = Detectors.defaultCascade(options, 0);
    Random rnd = new Random(5);
    int raised = 0;
    for (int i = 0; i < 20_000; i++) {
      double x = 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + 3 * rnd.nextGaussian();
      if (i % 700 >= 650 && i % 700 < 650 + (i / 700) % 7) {
        x += (i / 700 % 2 == 0 ? 1 : -1) * (8 + 2 * (i / 700 % 5));
      }
      long t = 1_700_000_000_000L + i * FIVE_MINUTES;
      double m = members.update(t, x).score();
      double s = shipped.update(t, x).score();
      assertThat(s).as("point %d", i).isGreaterThanOrEqualTo(m);
      if (s > m) {
        raised++;
      }
    }
    assertThat(raised).isPositive();
  }

  /**
   * Re-arming: on the repeated-anomalies series the default alerts only where the same cascade without re-arming
   * alerts, fewer times, and always at an alert that follows {@value Detectors#DEFAULT_REARM_POINTS} quiet points
   * (combined score below {@value Detectors#DEFAULT_REARM_LEVEL}): a new incident after a quiet stretch is never hidden.
   */
  @Test
  void ensemble_repeatedAnomalies_rearmingKeepsEveryAlertAfterAQuietRun() {
    StreamingDetector plain = Detectors.defaultCascade(DetectorOptions.defaults(), 0);
    StreamingDetector shipped = Detectors.ensemble();
    double quiet = EnsembleDetector.toLabelScale(Detectors.DEFAULT_REARM_LEVEL, Detectors.DEFAULT_ALERT_POINT);
    Random rnd = new Random(5);
    int plainAlerts = 0;
    int shippedAlerts = 0;
    int afterQuiet = 0;
    int quietRun = 0;
    for (int i = 0; i < 20_000; i++) {
      double x = 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + 3 * rnd.nextGaussian();
      if (i % 700 >= 650 && i % 700 < 650 + (i / 700) % 7) {
        x += (i / 700 % 2 == 0 ? 1 : -1) * (8 + 2 * (i / 700 % 5));
      }
      long t = 1_700_000_000_000L + i * FIVE_MINUTES;
      AnomalyResult p = plain.update(t, x);
      AnomalyResult s = shipped.update(t, x);
      if (s.anomalous()) {
        shippedAlerts++;
        assertThat(p.anomalous()).as("point %d: the default alerts only where the plain cascade does", i).isTrue();
      } else if (s.score() != p.score()) {
        assertThat(s.score()).as("point %d: otherwise the same score, or damped while disarmed", i)
            .isCloseTo(EnsembleDetector.toLabelScale(combined(p.score()) * Detectors.ENSEMBLE_DAMPING,
                Detectors.DEFAULT_ALERT_POINT), org.assertj.core.data.Offset.offset(1e-12));
      }
      if (p.anomalous()) {
        plainAlerts++;
        if (quietRun >= Detectors.DEFAULT_REARM_POINTS) {
          afterQuiet++;
          assertThat(s.anomalous()).as("point %d: an alert after a quiet run is kept", i).isTrue();
        }
      }
      quietRun = p.score() < quiet ? quietRun + 1 : 0;
    }
    assertThat(afterQuiet).isPositive();
    assertThat(shippedAlerts).isLessThan(plainAlerts);
  }

  /** Inverse of the label-scale mapping of the default's alert point (combined score from a mapped one). */
  private static double combined(double score) {
    double a = Detectors.DEFAULT_ALERT_POINT;
    return score < 0.5 ? 2.0 * score * a : a + (score - 0.5) * 2.0 * (1.0 - a);
  }

  @Test
  void ensemble_seededSeries_spikeAlertsAndQuietDaysDoNot() {
    List<Integer> alerts = new ArrayList<>();
    for (String line : scores()) {
      String[] f = line.split(" ");
      if (Boolean.parseBoolean(f[2])) {
        alerts.add(Integer.parseInt(f[0]));
      }
    }
    // During the first day the learned range still grows, so new extremes alert; after it, only the spike does until
    // the level shift at 1000 (which stays inside the range the spike widened, and is a known blind spot).
    assertThat(alerts).contains(700);
    assertThat(alerts).noneMatch(i -> i >= 300 && i < 1000 && i != 700);
  }
}
