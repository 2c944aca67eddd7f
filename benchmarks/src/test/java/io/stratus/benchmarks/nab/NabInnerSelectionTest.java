package io.stratus.benchmarks.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nested LOCO with inner-LOCO selection on three NAB categories; skips when the shared NAB data is absent. */
class NabInnerSelectionTest {

  private static NabCorpus corpus() {
    Path root = NabEvaluation.defaultRoot();
    assumeThat(Files.isDirectory(root.resolve("data/realTraffic")))
        .as("NAB data not found at %s; skipping", root.toAbsolutePath()).isTrue();
    return NabCorpus.load(root, name -> name.startsWith("realTraffic/") || name.startsWith("realAdExchange/")
        || name.startsWith("artificialWithAnomaly/"));
  }

  private static Map<String, List<double[]>> candidates(NabCorpus corpus) {
    Map<String, List<double[]>> m = new LinkedHashMap<>();
    for (int window : new int[] {32, 256}) {
      List<double[]> s = new ArrayList<>();
      for (NabCorpus.DataFile f : corpus.files()) {
        s.add(NabEvaluation.run(f, Detectors.ewma(DetectorOptions.builder().window(window).build())));
      }
      m.put("ewma" + window, s);
    }
    return m;
  }

  @Test
  void sortedOptimize_anySubsetOfCategories_sameAsNabOptimizerOnThoseFiles() {
    NabCorpus corpus = corpus();
    List<String> categories = NabHeldOut.categories(corpus);
    assertThat(categories).hasSize(3);
    NabScorer.Profile profile = NabScorer.PROFILES.get(2);
    List<double[]> scores = candidates(corpus).get("ewma32");
    List<NabScorer.Sweep> sweeps = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      sweeps.add(NabScorer.sweep(corpus.files().get(i), scores.get(i), profile));
    }
    NabInnerSelection.Sorted sorted = new NabInnerSelection.Sorted(corpus, sweeps, profile);
    for (int mask = 1; mask < 8; mask++) {
      List<NabScorer.Sweep> subset = new ArrayList<>();
      for (int i = 0; i < sweeps.size(); i++) {
        if ((mask & (1 << categories.indexOf(NabHeldOut.category(corpus.files().get(i))))) != 0) {
          subset.add(sweeps.get(i));
        }
      }
      NabScorer.ThresholdScore expected = NabScorer.optimize(subset, profile);
      NabScorer.ThresholdScore actual = sorted.optimize(mask);
      assertThat(actual.threshold()).as("mask %d", mask).isEqualTo(expected.threshold());
      assertThat(actual.score()).as("mask %d", mask).isCloseTo(expected.score(),
          org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void loco_heldOutScoresChanged_foldChoiceUnchanged() {
    NabCorpus corpus = corpus();
    NabScorer.Profile profile = NabScorer.PROFILES.get(0);
    Map<String, List<double[]>> scores = candidates(corpus);
    NabHeldOut.Loco before = NabInnerSelection.loco(corpus, NabHeldOut.prepare(corpus, scores, profile), profile);
    List<String> categories = NabHeldOut.categories(corpus);
    Random random = new Random(7);
    for (int c = 0; c < categories.size(); c++) {
      Map<String, List<double[]>> changed = new LinkedHashMap<>();
      for (Map.Entry<String, List<double[]>> e : scores.entrySet()) {
        List<double[]> list = new ArrayList<>();
        for (int i = 0; i < e.getValue().size(); i++) {
          double[] s = e.getValue().get(i).clone();
          if (NabHeldOut.category(corpus.files().get(i)).equals(categories.get(c))) {
            for (int k = 0; k < s.length; k++) {
              s[k] = random.nextDouble();
            }
          }
          list.add(s);
        }
        changed.put(e.getKey(), list);
      }
      NabHeldOut.Loco after = NabInnerSelection.loco(corpus, NabHeldOut.prepare(corpus, changed, profile), profile);
      assertThat(after.folds().get(c).candidate()).isEqualTo(before.folds().get(c).candidate());
      assertThat(after.folds().get(c).threshold()).isEqualTo(before.folds().get(c).threshold());
    }
  }

  private static List<Map<String, NabHeldOut.Prepared>> byProfile(NabCorpus corpus,
      Map<String, List<double[]>> scores) {
    List<Map<String, NabHeldOut.Prepared>> out = new ArrayList<>();
    for (NabScorer.Profile p : NabScorer.PROFILES) {
      out.add(NabHeldOut.prepare(corpus, scores, p));
    }
    return out;
  }

  @Test
  void oneConfiguration_sameCandidateInEveryProfile_standardAsRuleA() {
    NabCorpus corpus = corpus();
    Map<String, List<double[]>> scores = candidates(corpus);
    List<Map<String, NabHeldOut.Prepared>> prepared = byProfile(corpus, scores);
    List<NabHeldOut.Loco> one = NabInnerSelection.oneConfiguration(corpus, prepared);
    assertThat(one).hasSize(3);
    NabHeldOut.Loco ruleA = NabInnerSelection.loco(corpus, prepared.get(0), NabScorer.PROFILES.get(0));
    assertThat(one.get(0).raw()).isEqualTo(ruleA.raw());
    for (int c = 0; c < NabHeldOut.categories(corpus).size(); c++) {
      String chosen = one.get(0).folds().get(c).candidate();
      assertThat(chosen).isEqualTo(ruleA.folds().get(c).candidate());
      for (int p = 1; p < 3; p++) {
        NabHeldOut.Fold f = one.get(p).folds().get(c);
        assertThat(f.candidate()).as("fold %d profile %d", c, p).isEqualTo(chosen);
        assertThat(f.threshold()).as("threshold optimized per profile on the training categories")
            .isEqualTo(prepared.get(p).get(chosen).trainOptima().get(c).threshold());
      }
    }
  }

  @Test
  void preferred_standardFirst_lowFpBreaksTies() {
    assertThat(NabInnerSelection.preferred(1.0, 0.0, 0.5, 9.0)).as("higher standard wins").isTrue();
    assertThat(NabInnerSelection.preferred(0.5, 9.0, 1.0, 0.0)).as("lower standard loses").isFalse();
    assertThat(NabInnerSelection.preferred(1.0 + 1e-12, 2.0, 1.0, 1.0)).as("tie, higher low-FP wins").isTrue();
    assertThat(NabInnerSelection.preferred(1.0 - 1e-12, 2.0, 1.0, 1.0)).as("tie from below, higher low-FP wins")
        .isTrue();
    assertThat(NabInnerSelection.preferred(1.0, 1.0, 1.0, 1.0)).as("full tie keeps the earlier").isFalse();
    assertThat(NabInnerSelection.preferred(1.0, 0.5, 1.0, 1.0)).as("tie, lower low-FP loses").isFalse();
    assertThat(NabInnerSelection.preferred(-5.0, 0.0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY))
        .as("first candidate").isTrue();
  }

  @Test
  void oneConfiguration_exactTie_keepsEarlierCandidate() {
    NabCorpus corpus = corpus();
    Map<String, List<double[]>> scores = candidates(corpus);
    // The same scores twice under two names: an exact tie in every profile, so map order decides (the first).
    Map<String, List<double[]>> twice = new LinkedHashMap<>();
    twice.put("b", scores.get("ewma32"));
    twice.put("a", scores.get("ewma32"));
    List<NabHeldOut.Loco> one = NabInnerSelection.oneConfiguration(corpus, byProfile(corpus, twice));
    for (NabHeldOut.Fold f : one.get(1).folds()) {
      assertThat(f.candidate()).isEqualTo("b");
    }
  }

  @Test
  void oneConfiguration_heldOutScoresChanged_foldChoiceUnchanged() {
    NabCorpus corpus = corpus();
    Map<String, List<double[]>> scores = candidates(corpus);
    List<NabHeldOut.Loco> before = NabInnerSelection.oneConfiguration(corpus, byProfile(corpus, scores));
    List<String> categories = NabHeldOut.categories(corpus);
    Random random = new Random(11);
    for (int c = 0; c < categories.size(); c++) {
      Map<String, List<double[]>> changed = new LinkedHashMap<>();
      for (Map.Entry<String, List<double[]>> e : scores.entrySet()) {
        List<double[]> list = new ArrayList<>();
        for (int i = 0; i < e.getValue().size(); i++) {
          double[] s = e.getValue().get(i).clone();
          if (NabHeldOut.category(corpus.files().get(i)).equals(categories.get(c))) {
            for (int k = 0; k < s.length; k++) {
              s[k] = random.nextDouble();
            }
          }
          list.add(s);
        }
        changed.put(e.getKey(), list);
      }
      List<NabHeldOut.Loco> after = NabInnerSelection.oneConfiguration(corpus, byProfile(corpus, changed));
      for (int p = 0; p < 3; p++) {
        assertThat(after.get(p).folds().get(c).candidate()).isEqualTo(before.get(p).folds().get(c).candidate());
        assertThat(after.get(p).folds().get(c).threshold()).isEqualTo(before.get(p).folds().get(c).threshold());
      }
    }
  }
}
