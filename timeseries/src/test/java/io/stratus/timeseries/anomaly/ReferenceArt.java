package io.stratus.timeseries.anomaly;

import static io.stratus.timeseries.anomaly.ResonanceDetector.CODED;
import static io.stratus.timeseries.anomaly.ResonanceDetector.DIM;
import static io.stratus.timeseries.anomaly.ResonanceDetector.MAX_CATEGORIES;

/**
 * Straightforward reference for {@code ResonanceDetector.Art}: the dual-vigilance fuzzy ART as first written, with
 * only the energy bound (a category whose bound can neither beat the best match nor reach the upper vigilance is not
 * compared) and none of the later pruning, partial sums or copied arrays. The production class must give bit-identical
 * results.
 */
final class ReferenceArt {

  final double[][] weights = new double[MAX_CATEGORIES][CODED];
  final double[] weightNorm = new double[MAX_CATEGORIES];
  final long[] used = new long[MAX_CATEGORIES];
  final double[] match = new double[MAX_CATEGORIES];
  int categories;
  int lastBest;
  long clock;
  double rhoLow;
  double rhoHigh;
  double best;
  double bestEnergy;

  boolean train(double[] x) {
    clock++;
    if (categories == 0) {
      commit(x);
      best = 0.0;
      bestEnergy = 0.0;
      return false;
    }
    best = 0.0;
    bestEnergy = 0.0;
    int bestIndex = -1;
    int e1 = DIM - 1;
    int e2 = CODED - 1;
    int first = Math.min(lastBest, categories - 1);
    for (int k = 0; k < categories; k++) {
      int j = k == 0 ? first : k <= first ? k - 1 : k;
      double[] w = weights[j];
      double we = w[e1] + w[e2];
      double es = we == 0.0 ? 0.0 : (Math.min(x[e1], w[e1]) + Math.min(x[e2], w[e2])) / we;
      double bound = es * es;
      if (bound <= best && bound < rhoHigh) {
        match[j] = 0.0;
        continue;
      }
      double c0 = 0.0;
      double c1 = 0.0;
      double c2 = 0.0;
      double c3 = 0.0;
      for (int d = 0; d < CODED; d += 4) {
        c0 += Math.min(x[d], w[d]);
        c1 += Math.min(x[d + 1], w[d + 1]);
        c2 += Math.min(x[d + 2], w[d + 2]);
        c3 += Math.min(x[d + 3], w[d + 3]);
      }
      double common = (c0 + c1) + (c2 + c3);
      double fs = common / (weightNorm[j] == 0.0 ? 0.001 : weightNorm[j]);
      double m = fs * fs * fs * bound;
      match[j] = m;
      if (m > best) {
        best = m;
        bestEnergy = es;
        bestIndex = j;
      }
    }
    if (bestIndex >= 0) {
      lastBest = bestIndex;
    }
    if (best >= rhoHigh) {
      for (int j = 0; j < categories; j++) {
        if (match[j] >= rhoHigh) {
          double[] w = weights[j];
          double norm = 0.0;
          for (int d = 0; d < CODED; d++) {
            w[d] = Math.min(x[d], w[d]);
            norm += w[d];
          }
          weightNorm[j] = norm;
          used[j] = clock;
        }
      }
      return false;
    }
    if (bestIndex >= 0) {
      used[bestIndex] = clock;
    }
    commit(x);
    return best < rhoLow;
  }

  private void commit(double[] x) {
    int j = categories;
    if (categories < MAX_CATEGORIES) {
      categories++;
    } else {
      j = 0;
      for (int k = 1; k < MAX_CATEGORIES; k++) {
        if (used[k] < used[j]) {
          j = k;
        }
      }
    }
    double norm = 0.0;
    for (int d = 0; d < CODED; d++) {
      weights[j][d] = x[d];
      norm += x[d];
    }
    weightNorm[j] = norm;
    used[j] = clock;
  }
}
