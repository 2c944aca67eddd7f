package io.stratus.benchmarks.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nested leave-one-category-out with the candidate chosen by an <em>inner</em> leave-one-category-out inside the
 * training categories (standard nested cross-validation): in each outer fold, every candidate is scored by how well a
 * threshold chosen on four of the five training categories transfers to the fifth (summed over the five inner folds);
 * the candidate with the best inner held-out score is chosen, its threshold is optimized on all five training
 * categories, and the outer held-out category is scored at it. Unlike choosing the candidate by its optimized score on
 * the training categories, this penalizes candidates whose threshold does not transfer between categories, which is
 * what the outer fold measures. The held-out category is never used for any choice.
 *
 * <p>Threshold optimization is NAB's ({@link NabScorer#optimize}), run on a per-candidate corpus order sorted once so
 * that each subset of categories costs one linear pass.
 */
final class NabInnerSelection {

  private NabInnerSelection() {
  }

  /** One candidate's rows of the whole corpus, sorted by anomaly score (descending), for subset optimization. */
  static final class Sorted {
    private final double[] scores;
    private final double[] sweepScores;
    private final int[] windows;
    private final int[] category;
    private final int[] windowCategory;
    private final NabScorer.Profile profile;
    private final Map<Integer, NabScorer.ThresholdScore> memo = new HashMap<>();

    Sorted(NabCorpus corpus, List<NabScorer.Sweep> sweeps, NabScorer.Profile profile) {
      this.profile = profile;
      List<String> cats = NabHeldOut.categories(corpus);
      int total = 0;
      for (NabScorer.Sweep s : sweeps) {
        total += s.anomalyScores().length;
      }
      double[] sc = new double[total];
      double[] sw = new double[total];
      int[] wi = new int[total];
      int[] ca = new int[total];
      List<Integer> windowCats = new ArrayList<>();
      int k = 0;
      int windowCount = 0;
      for (int f = 0; f < sweeps.size(); f++) {
        NabScorer.Sweep s = sweeps.get(f);
        int c = cats.indexOf(NabHeldOut.category(corpus.files().get(f)));
        int maxId = -1;
        for (int i = 0; i < s.anomalyScores().length; i++) {
          sc[k] = s.anomalyScores()[i];
          sw[k] = s.sweepScores()[i];
          wi[k] = s.windowIds()[i] < 0 ? -1 : windowCount + s.windowIds()[i];
          ca[k] = c;
          maxId = Math.max(maxId, s.windowIds()[i]);
          k++;
        }
        for (int id = 0; id <= maxId; id++) {
          windowCats.add(c);
        }
        windowCount += maxId + 1;
      }
      Integer[] order = new Integer[total];
      for (int i = 0; i < total; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(sc[b], sc[a]));
      scores = new double[total];
      sweepScores = new double[total];
      windows = new int[total];
      category = new int[total];
      for (int i = 0; i < total; i++) {
        scores[i] = sc[order[i]];
        sweepScores[i] = sw[order[i]];
        windows[i] = wi[order[i]];
        category[i] = ca[order[i]];
      }
      windowCategory = windowCats.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * NAB's optimizer restricted to the categories (indices into {@link NabHeldOut#categories}) whose bit is set in
     * {@code mask}: same result as {@link NabScorer#optimize} on those files' sweeps.
     */
    NabScorer.ThresholdScore optimize(int mask) {
      return memo.computeIfAbsent(mask, this::compute);
    }

    private NabScorer.ThresholdScore compute(int mask) {
      double[] best = new double[windowCategory.length];
      double current = 0.0;
      for (int w = 0; w < windowCategory.length; w++) {
        if ((mask & (1 << windowCategory[w])) != 0) {
          best[w] = -profile.fnWeight();
          current -= profile.fnWeight();
        }
      }
      double threshold = 1.1;
      NabScorer.ThresholdScore top = null;
      for (int i = 0; i < scores.length; i++) {
        if ((mask & (1 << category[i])) == 0) {
          continue;
        }
        if (scores[i] != threshold) {
          if (top == null || current > top.score()) {
            top = new NabScorer.ThresholdScore(threshold, current);
          }
          threshold = scores[i];
        }
        int w = windows[i];
        if (w < 0) {
          current += sweepScores[i];
        } else if (sweepScores[i] > best[w]) {
          current += sweepScores[i] - best[w];
          best[w] = sweepScores[i];
        }
      }
      if (top == null || current > top.score()) {
        top = new NabScorer.ThresholdScore(threshold, current);
      }
      return top;
    }
  }

  /**
   * Nested LOCO with inner-LOCO candidate selection for one profile. {@code prepared} holds every candidate's sweeps
   * for this profile (from {@link NabHeldOut#prepare} with the same profile) (baselines are skipped as in {@link NabHeldOut#loco}); ties keep the earlier candidate.
   */
  static NabHeldOut.Loco loco(NabCorpus corpus, Map<String, NabHeldOut.Prepared> prepared,
      NabScorer.Profile profile) {
    List<String> categories = NabHeldOut.categories(corpus);
    double total = 0;
    List<NabHeldOut.Fold> folds = new ArrayList<>();
    for (int c = 0; c < categories.size(); c++) {
      String bestName = null;
      double bestInner = Double.NEGATIVE_INFINITY;
      for (Map.Entry<String, NabHeldOut.Prepared> e : prepared.entrySet()) {
        if (prepared.size() > 1 && e.getKey().startsWith("baseline-")) {
          continue; // reported, never chosen (as in NabHeldOut.loco)
        }
        double inner = inner(corpus, e.getValue(), profile, c);
        if (inner > bestInner) {
          bestInner = inner;
          bestName = e.getKey();
        }
      }
      NabHeldOut.Fold fold = heldOut(corpus, prepared.get(bestName), bestName, profile, c);
      total += fold.raw();
      folds.add(fold);
    }
    return new NabHeldOut.Loco(total, NabScorer.normalize(total, NabEvaluation.windowCount(corpus), profile),
        folds);
  }

  /**
   * Nested LOCO with ONE configuration per outer fold for every profile (round 11's rule B): in each outer fold the
   * candidate with the best inner-LOCO standard raw score on the training categories is chosen (ties, i.e. scores
   * within {@value #TIE} of each other, go to the higher inner-LOCO reward_low_FP raw score, then to the earlier
   * candidate); then, per profile, only its threshold is optimized on the training categories and the held-out
   * category is scored at it. {@code byProfile} holds the prepared candidates of each profile, in the order of
   * {@link NabScorer#PROFILES} (standard first, reward_low_FP second); baselines are skipped as in {@link #loco}.
   *
   * @return one result per profile, in the order of {@link NabScorer#PROFILES}
   */
  static List<NabHeldOut.Loco> oneConfiguration(NabCorpus corpus, List<Map<String, NabHeldOut.Prepared>> byProfile) {
    List<String> categories = NabHeldOut.categories(corpus);
    Map<String, NabHeldOut.Prepared> standard = byProfile.get(0);
    String[] chosen = new String[categories.size()];
    for (int c = 0; c < categories.size(); c++) {
      double bestStd = Double.NEGATIVE_INFINITY;
      double bestLowFp = Double.NEGATIVE_INFINITY;
      for (String name : standard.keySet()) {
        if (standard.size() > 1 && name.startsWith("baseline-")) {
          continue;
        }
        double std = inner(corpus, standard.get(name), NabScorer.PROFILES.get(0), c);
        double lowFp = inner(corpus, byProfile.get(1).get(name), NabScorer.PROFILES.get(1), c);
        if (preferred(std, lowFp, bestStd, bestLowFp)) {
          bestStd = std;
          bestLowFp = lowFp;
          chosen[c] = name;
        }
      }
    }
    List<NabHeldOut.Loco> out = new ArrayList<>();
    for (int p = 0; p < byProfile.size(); p++) {
      NabScorer.Profile profile = NabScorer.PROFILES.get(p);
      double total = 0;
      List<NabHeldOut.Fold> folds = new ArrayList<>();
      for (int c = 0; c < categories.size(); c++) {
        NabHeldOut.Fold fold = heldOut(corpus, byProfile.get(p).get(chosen[c]), chosen[c], profile, c);
        total += fold.raw();
        folds.add(fold);
      }
      out.add(new NabHeldOut.Loco(total, NabScorer.normalize(total, NabEvaluation.windowCount(corpus), profile),
          folds));
    }
    return out;
  }

  /**
   * Rule B's order: a higher standard score wins; within {@link #TIE} of the best so far, a strictly higher
   * reward_low_FP score wins; otherwise the earlier candidate stays.
   */
  static boolean preferred(double std, double lowFp, double bestStd, double bestLowFp) {
    if (std > bestStd + TIE) {
      return true;
    }
    return std >= bestStd - TIE && lowFp > bestLowFp;
  }

  /** Raw scores closer than this are a tie in {@link #oneConfiguration}. */
  static final double TIE = 1e-9;

  /** Inner LOCO inside the training categories of outer fold {@code c}: summed held-out raw score of the five. */
  private static double inner(NabCorpus corpus, NabHeldOut.Prepared p, NabScorer.Profile profile, int c) {
    List<String> categories = NabHeldOut.categories(corpus);
    int train = ((1 << categories.size()) - 1) & ~(1 << c);
    double inner = 0;
    for (int d = 0; d < categories.size(); d++) {
      if (d != c) {
        double threshold = p.sorted().optimize(train & ~(1 << d)).threshold();
        inner += innerScore(corpus, p, profile, threshold, categories.get(d));
      }
    }
    return inner;
  }

  /** Outer fold {@code c}: the candidate's threshold optimized on the training categories, held-out category scored. */
  private static NabHeldOut.Fold heldOut(NabCorpus corpus, NabHeldOut.Prepared p, String name,
      NabScorer.Profile profile, int c) {
    List<NabCorpus.DataFile> files = corpus.files();
    String held = NabHeldOut.categories(corpus).get(c);
    double threshold = p.trainOptima().get(c).threshold();
    double raw = 0;
    int windows = 0;
    for (int i = 0; i < files.size(); i++) {
      if (NabHeldOut.category(files.get(i)).equals(held)) {
        raw += NabScorer.scoreAtThreshold(p.sweeps().get(i), profile, threshold);
        windows += files.get(i).windows().size();
      }
    }
    return new NabHeldOut.Fold(held, name, threshold, raw, windows);
  }

  private static double innerScore(NabCorpus corpus, NabHeldOut.Prepared p, NabScorer.Profile profile,
      double threshold, String category) {
    double raw = 0;
    for (int i = 0; i < corpus.files().size(); i++) {
      if (NabHeldOut.category(corpus.files().get(i)).equals(category)) {
        raw += NabScorer.scoreAtThreshold(p.sweeps().get(i), profile, threshold);
      }
    }
    return raw;
  }
}
