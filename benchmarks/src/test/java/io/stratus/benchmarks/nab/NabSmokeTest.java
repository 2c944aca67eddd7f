package io.stratus.benchmarks.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Smoke run of the NAB scorer and evaluation; skips when the shared NAB data is absent. */
class NabSmokeTest {

  private static Path nabRoot() {
    Path root = NabEvaluation.defaultRoot();
    assumeThat(Files.isDirectory(root.resolve("results/windowedGaussian")))
        .as("NAB data not found at %s (set -Dstratus.shared.data); skipping the NAB smoke run", root.toAbsolutePath())
        .isTrue();
    return root;
  }

  @Test
  void windowedGaussian_twoFiles_reproducesPublishedFileScores() throws Exception {
    NabCorpus corpus = NabCorpus.load(nabRoot(), name -> name.contains("_t4013"));
    NabScorer.Profile standard = NabScorer.PROFILES.get(0);
    Map<String, Double> published = NabEvaluation.readFileScores(
        corpus.root().resolve("results/windowedGaussian/windowedGaussian_standard_scores.csv"));
    int checked = 0;
    for (NabCorpus.DataFile f : corpus.files()) {
      if (!f.name().equals("realTraffic/speed_t4013.csv") && !f.name().equals("realTraffic/occupancy_t4013.csv")) {
        continue;
      }
      WindowedGaussianDetector d = new WindowedGaussianDetector();
      double[] scores = new double[f.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = WindowedGaussianDetector.roundAsNab(d.handle(f.values()[i]));
      }
      double ours = NabScorer.scoreAtThreshold(NabScorer.sweep(f, scores, standard), standard, 1.0);
      assertThat(ours).as(f.name()).isCloseTo(published.get(f.name()), org.assertj.core.data.Offset.offset(1e-9));
      checked++;
    }
    assertThat(checked).isEqualTo(2);
  }

  @Test
  void optimize_matchesBruteForceOverAllThresholds() {
    NabCorpus corpus = NabCorpus.load(nabRoot(), name -> name.startsWith("realTraffic/"));
    NabScorer.Profile profile = NabScorer.PROFILES.get(1);
    List<NabScorer.Sweep> sweeps = new ArrayList<>();
    List<Double> candidates = new ArrayList<>();
    for (NabCorpus.DataFile f : corpus.files()) {
      if (!f.name().startsWith("realTraffic/")) {
        continue;
      }
      double[] s = NabEvaluation.run(f, Detectors.ewma(DetectorOptions.builder().window(64).build()));
      for (int i = 0; i < s.length; i++) {
        s[i] = Math.round(s[i] * 50) / 50.0; // few distinct values keep the brute force small
        candidates.add(s[i]);
      }
      sweeps.add(NabScorer.sweep(f, s, profile));
    }
    candidates.add(1.1); // NAB starts from "no detections"
    double best = Double.NEGATIVE_INFINITY;
    for (double t : candidates.stream().distinct().toList()) {
      double total = 0;
      for (NabScorer.Sweep sw : sweeps) {
        total += NabScorer.scoreAtThreshold(sw, profile, t);
      }
      best = Math.max(best, total);
    }
    assertThat(NabScorer.optimize(sweeps, profile).score()).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void resultsWriter_oneFile_writesNabLayoutAndThresholdsAtLibraryConstant(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path root = nabRoot();
    Path data = tmp.resolve("data/realTraffic");
    Files.createDirectories(data);
    Files.copy(root.resolve("data/realTraffic/speed_t4013.csv"), data.resolve("speed_t4013.csv"));
    NabResultsWriter.Summary s = NabResultsWriter.write(tmp.resolve("data"),
        root.resolve("labels/combined_windows.json"), tmp.resolve("out"));
    assertThat(s.files()).isEqualTo(1);
    assertThat(s.labelled()).isTrue();
    List<String> lines = Files.readAllLines(tmp.resolve("out/stratus/realTraffic/stratus_speed_t4013.csv"));
    assertThat(lines.get(0)).isEqualTo(
        "timestamp,value,anomaly_score,label,S(t)_reward_low_FN_rate,S(t)_reward_low_FP_rate,S(t)_standard");
    assertThat(lines).hasSize((int) s.rows() + 1);
    NabCorpus corpus = NabCorpus.load(root, name -> name.equals("realTraffic/speed_t4013.csv"));
    NabCorpus.DataFile f = corpus.files().get(0);
    int labelled = 0;
    for (int[] w : f.windows()) {
      labelled += w[1] - w[0] + 1;
    }
    assertThat(lines.stream().skip(1).filter(l -> l.split(",")[3].equals("1")).count()).isEqualTo(labelled);
    com.fasterxml.jackson.databind.JsonNode thresholds = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(tmp.resolve("out/thresholds.json").toFile()).get("stratus");
    NabScorer.Profile standard = NabScorer.PROFILES.get(0);
    double expected = NabScorer.scoreAtThreshold(NabScorer.sweep(f, NabEvaluation.run(f, Detectors.ensemble()),
        standard), standard, Detectors.ALERT_THRESHOLD);
    assertThat(thresholds.get("standard").get("threshold").asDouble()).isEqualTo(Detectors.ALERT_THRESHOLD);
    assertThat(thresholds.get("standard").get("score").asDouble()).isCloseTo(expected,
        org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void loco_singleCandidate_heldOutThresholdComesFromOtherCategoriesOnly() {
    NabCorpus corpus = NabCorpus.load(nabRoot(), name -> name.startsWith("realTraffic/")
        || name.startsWith("artificialWithAnomaly/"));
    NabScorer.Profile standard = NabScorer.PROFILES.get(0);
    List<double[]> scores = new ArrayList<>();
    for (NabCorpus.DataFile f : corpus.files()) {
      scores.add(NabEvaluation.run(f, Detectors.ensemble()));
    }
    NabHeldOut.Loco loco = NabHeldOut.loco(corpus,
        NabHeldOut.prepare(corpus, Map.of("default", scores), standard), standard);
    // With two categories, each fold's threshold is the optimum over the other category alone.
    for (NabHeldOut.Fold fold : loco.folds()) {
      List<NabScorer.Sweep> other = new ArrayList<>();
      for (int i = 0; i < corpus.files().size(); i++) {
        if (!NabHeldOut.category(corpus.files().get(i)).equals(fold.category())) {
          other.add(NabScorer.sweep(corpus.files().get(i), scores.get(i), standard));
        }
      }
      assertThat(fold.threshold()).isEqualTo(NabScorer.optimize(other, standard).threshold());
    }
    assertThat(loco.raw()).isCloseTo(loco.folds().get(0).raw() + loco.folds().get(1).raw(),
        org.assertj.core.data.Offset.offset(1e-12));
  }
}
