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
}
