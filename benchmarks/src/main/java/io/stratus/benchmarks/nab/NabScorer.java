package io.stratus.benchmarks.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NAB's scoring, as in NAB v1.1's {@code nab/sweeper.py} and the normalization in {@code nab/runner.py}: every row
 * outside the probation period gets a weighted scaled-sigmoid "sweep score" from its position relative to the anomaly
 * windows; at a threshold, a window scores its best (earliest) detection or {@code -A_FN}, and every detection outside
 * windows adds its (negative) false-positive score. Thresholds are optimized over the whole corpus by sweeping every
 * distinct anomaly score, exactly like NAB's optimizer.
 */
final class NabScorer {

  /** A cost profile (NAB {@code config/profiles.json}). */
  record Profile(String name, double tpWeight, double fpWeight, double fnWeight) {
  }

  static final List<Profile> PROFILES = List.of(
      new Profile("standard", 1.0, 0.11, 1.0),
      new Profile("reward_low_FP_rate", 1.0, 0.22, 1.0),
      new Profile("reward_low_FN_rate", 1.0, 0.11, 2.0));

  static final double PROBATION_PERCENT = 0.15;

  /** Rows of one file prepared for one profile: sweep score and window id (-1 outside windows) of scorable rows. */
  record Sweep(double[] anomalyScores, double[] sweepScores, int[] windowIds, int windowCount) {
  }

  /** A threshold with the corpus score it yields. */
  record ThresholdScore(double threshold, double score) {
  }

  private NabScorer() {
  }

  static double scaledSigmoid(double relativePosition) {
    if (relativePosition >= 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
  }

  static int probationaryLength(int rows) {
    return (int) Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
  }

  /**
   * NAB's {@code calcSweepScore}: the sweep score of every row, keeping only rows after the probation period. Window
   * ids are numbered per file from 0; windows with no scorable row are not counted.
   */
  static Sweep sweep(NabCorpus.DataFile file, double[] scores, Profile profile) {
    int n = file.size();
    if (scores.length != n) {
      throw new IllegalArgumentException(file.name() + ": " + scores.length + " scores for " + n + " rows");
    }
    int probation = probationaryLength(n);
    double[] all = new double[n];
    int[] allIds = new int[n];
    rowScores(file, profile, all, allIds);
    double[] as = new double[n - probation];
    double[] ss = new double[n - probation];
    int[] ids = new int[n - probation];
    boolean[] seen = new boolean[file.windows().size()];
    for (int i = probation; i < n; i++) {
      int k = i - probation;
      as[k] = scores[i];
      ss[k] = all[i];
      ids[k] = allIds[i];
      if (allIds[i] >= 0) {
        seen[allIds[i]] = true;
      }
    }
    int counted = 0;
    for (boolean b : seen) {
      counted += b ? 1 : 0;
    }
    return new Sweep(as, ss, ids, counted);
  }

  /**
   * NAB's weighted sweep score of every row, probation period included: the {@code S(t)_<profile>} column NAB's
   * scorer appends to a results file.
   */
  static double[] rowScores(NabCorpus.DataFile file, Profile profile) {
    double[] out = new double[file.size()];
    rowScores(file, profile, out, new int[file.size()]);
    return out;
  }

  private static void rowScores(NabCorpus.DataFile file, Profile profile, double[] out, int[] ids) {
    int n = file.size();
    double maxTp = scaledSigmoid(-1.0);
    List<int[]> windows = file.windows();
    int next = 0;
    int cur = -1;
    int curRight = -1;
    double curWidth = 0;
    int prevRight = -1;
    double prevWidth = 0;
    for (int i = 0; i < n; i++) {
      if (next < windows.size() && i == windows.get(next)[0]) {
        cur = next++;
        curRight = windows.get(cur)[1];
        curWidth = curRight - windows.get(cur)[0] + 1;
      }
      if (cur >= 0) {
        double position = -(curRight - i + 1) / curWidth;
        out[i] = scaledSigmoid(position) * profile.tpWeight() / maxTp;
      } else {
        double position = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1.0);
        out[i] = scaledSigmoid(position) * profile.fpWeight();
      }
      ids[i] = cur;
      if (cur >= 0 && i == curRight) {
        prevRight = i;
        prevWidth = curWidth;
        cur = -1;
      }
    }
  }

  /** NAB's file score at a threshold: rows with anomaly score {@code >= threshold} are detections. */
  static double scoreAtThreshold(Sweep sweep, Profile profile, double threshold) {
    double fp = 0.0;
    double[] best = new double[64];
    boolean[] present = new boolean[64];
    int maxId = -1;
    for (int i = 0; i < sweep.windowIds().length; i++) {
      int id = sweep.windowIds()[i];
      if (id >= 0) {
        if (id >= best.length) {
          best = Arrays.copyOf(best, id * 2);
          present = Arrays.copyOf(present, id * 2);
        }
        if (!present[id]) {
          present[id] = true;
          best[id] = -profile.fnWeight();
        }
        maxId = Math.max(maxId, id);
      }
    }
    for (int i = 0; i < sweep.anomalyScores().length; i++) {
      if (sweep.anomalyScores()[i] >= threshold) {
        int id = sweep.windowIds()[i];
        if (id < 0) {
          fp += sweep.sweepScores()[i];
        } else {
          best[id] = Math.max(best[id], sweep.sweepScores()[i]);
        }
      }
    }
    double total = fp;
    for (int id = 0; id <= maxId; id++) {
      if (present[id]) {
        total += best[id];
      }
    }
    return total;
  }

  /**
   * NAB's threshold optimization: sweeps every distinct anomaly score from high to low over the whole corpus and
   * returns the threshold with the highest total raw score (the highest such threshold on ties), starting from 1.1
   * (no detections).
   */
  static ThresholdScore optimize(List<Sweep> sweeps, Profile profile) {
    int total = 0;
    int windowCount = 0;
    for (Sweep s : sweeps) {
      total += s.anomalyScores().length;
    }
    double[] scores = new double[total];
    double[] sweepScores = new double[total];
    int[] windows = new int[total];
    int k = 0;
    for (Sweep s : sweeps) {
      for (int i = 0; i < s.anomalyScores().length; i++) {
        scores[k] = s.anomalyScores()[i];
        sweepScores[k] = s.sweepScores()[i];
        windows[k] = s.windowIds()[i] < 0 ? -1 : windowCount + s.windowIds()[i];
        k++;
      }
      int maxId = -1;
      for (int id : s.windowIds()) {
        maxId = Math.max(maxId, id);
      }
      windowCount += maxId + 1;
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double[] best = new double[windowCount];
    boolean[] counted = new boolean[windowCount];
    double current = 0.0;
    for (int i = 0; i < total; i++) {
      int w = windows[i];
      if (w >= 0 && !counted[w]) {
        counted[w] = true;
        best[w] = -profile.fnWeight();
        current -= profile.fnWeight();
      }
    }
    List<ThresholdScore> results = new ArrayList<>();
    double threshold = 1.1;
    for (int idx = 0; idx < total; idx++) {
      int i = order[idx];
      if (scores[i] != threshold) {
        results.add(new ThresholdScore(threshold, current));
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
    results.add(new ThresholdScore(threshold, current));
    ThresholdScore top = results.get(0);
    for (ThresholdScore r : results) {
      if (r.score() > top.score()) {
        top = r;
      }
    }
    return top;
  }

  /** NAB's normalization: {@code 100 * (S - S_null) / (S_perfect - S_null)}. */
  static double normalize(double raw, int windowCount, Profile profile) {
    double nullScore = -profile.fnWeight() * windowCount;
    double perfect = profile.tpWeight() * windowCount;
    return 100.0 * (raw - nullScore) / (perfect - nullScore);
  }
}
