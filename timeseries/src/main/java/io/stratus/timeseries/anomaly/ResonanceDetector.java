package io.stratus.timeseries.anomaly;

import java.util.Arrays;

/**
 * Adaptive-resonance detector, after the outline of ARTime (M. Hampton; fuzzy ART with dual vigilance on windowed,
 * downsampled features), re-designed for streaming with bounded memory and no knowledge of the series' range or
 * length.
 *
 * <p>Per block of {@code step} points, one representative value is kept: the block's extreme farthest from a moving
 * average of block means (so short spikes survive downsampling), or the block mean when that extreme lies within 10%
 * of it. The last {@value #WINDOW} representatives, normalized by the range learned so far (including the current
 * block), quantized to {@value #LEVELS} levels and snapped to a running median within {@value #CHOMP}, form the
 * feature vector together with their Haar wavelet transform (the window's shape, normalized to {@code [0, 1]}).
 * Complement-coded features are matched against at most {@value #MAX_CATEGORIES} fuzzy ART categories with a
 * dual-vigilance rule: a match at or above the upper vigilance refines the category; between the two vigilances the
 * pattern becomes a new category of a known cluster; below the lower one it founds a new cluster, which is the
 * anomaly signal. The upper vigilance follows the mean best match, the lower one rises towards the weakest recent
 * match and sinks after misses, never below the mean match of past anomalies. A new cluster scores only when no
 * recent cluster or anomaly masks it (the mask lifts after {@code 1.5} windows without a new cluster), or when it
 * matches clearly worse than the last anomaly: a pattern already reported is not reported again.
 *
 * <p>The first {@value #TREND} representatives are buffered; then the initial vigilance is set from them (an ART
 * trained at vigilance 0.8 on them in order of increasing typicality, mean best match over its second half) and they
 * are learned without scoring. The score of a new cluster is its confidence in {@code [0, 1]} (how far below both
 * vigilances it matched, plus the mismatch of its current level); every other point scores 0. Excluded points score 0
 * and are not learned. When all categories are in use, the least recently matched one is replaced. Not thread-safe.
 */
final class ResonanceDetector extends AbstractDetector {

  static final int WINDOW = 8;
  static final int LEVELS = 80;
  static final double CHOMP = 0.075;
  static final int TREND = 104;
  static final int MAX_CATEGORIES = 256;
  static final int DEFAULT_STEP = 4;
  static final int MAX_STEP = 1 << 16;
  static final int DIM = 2 * WINDOW;
  static final int CODED = 2 * DIM;
  private static final int MASK = WINDOW * 3 / 2;
  private static final double INITIAL_RHO = 0.8;

  private final int step;
  // downsampling block
  private int inBlock;
  private double blockSum;
  private double blockMin;
  private double blockMax;
  private double movingAverage;
  private long blocks;
  // learned range and running median of representatives
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double median;
  // last WINDOW representatives (raw), newest last
  private final double[] recent = new double[WINDOW];
  // warm-up buffer of representatives
  private final double[] warm = new double[TREND + WINDOW];
  private int warmFill;
  private final double[] features = new double[DIM];
  private final double[] coded = new double[CODED];
  private final double[] scratch = new double[WINDOW];
  private final double[] transform = new double[WINDOW];
  // ART state
  private final Art art = new Art();
  private long index;
  private long lastAnomaly = Long.MIN_VALUE / 2;
  private double lastAnomalySim;
  private long lastRhoUpdate;
  private boolean maskAfterCluster;
  private long noNewCluster;
  private double meanMatchSum;
  private long meanMatchCount;
  private final double[] matchWindow = new double[TREND / 2 + 1];
  private final double[] gapWindow = new double[TREND + 1];
  private int ringPos;
  private int gapPos;
  private double anomalySimSum;
  private int anomalySimCount;
  private double anomalySimLast;

  ResonanceDetector(DetectorOptions options, int step) {
    super(options);
    this.step = step;
    Arrays.fill(matchWindow, 1.0);
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    if (!learn) {
      return 0.0;
    }
    if (inBlock == 0) {
      blockSum = 0.0;
      blockMin = value;
      blockMax = value;
    }
    blockSum += value;
    blockMin = Math.min(blockMin, value);
    blockMax = Math.max(blockMax, value);
    if (++inBlock < step) {
      return 0.0;
    }
    inBlock = 0;
    double mean = blockSum / step;
    movingAverage = blocks == 0 ? mean : (movingAverage + mean) / 2.0;
    double ds = Math.abs(blockMax - movingAverage) < Math.abs(blockMin - movingAverage) ? blockMin : blockMax;
    if (Math.abs(ds - mean) < 0.1 * Math.abs(mean)) {
      ds = mean;
    }
    min = Math.min(min, blockMin);
    max = Math.max(max, blockMax);
    System.arraycopy(recent, 1, recent, 0, WINDOW - 1);
    recent[WINDOW - 1] = ds;
    blocks++;
    if (blocks == 1) {
      median = ds;
    } else {
      median += (max - min) / (2.0 * LEVELS) * Math.signum(ds - median);
    }
    if (warmFill < warm.length) {
      warm[warmFill++] = ds;
      if (warmFill == warm.length) {
        initialize();
      }
      return 0.0;
    }
    features(recent, 0);
    return detect();
  }

  /** Sets the initial vigilance from the buffered representatives and learns them without scoring. */
  private void initialize() {
    int n = TREND;
    double[][] f = new double[n][];
    for (int i = 0; i < n; i++) {
      features(warm, i + 1);
      f[i] = features.clone();
    }
    double[] typicality = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double s = similarity(f[i], f[j]);
        typicality[i] += s;
        typicality[j] += s;
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(typicality[a], typicality[b]));
    Art probe = new Art();
    probe.rhoLow = INITIAL_RHO;
    probe.rhoHigh = INITIAL_RHO;
    double sum = 0.0;
    int count = 0;
    for (int k = 0; k < n; k++) {
      code(f[order[k]]);
      probe.train(coded);
      if (k >= n / 2) {
        sum += probe.best;
        count++;
      }
    }
    double rho = sum / count;
    art.rhoLow = rho;
    art.rhoHigh = rho;
    for (int i = 0; i < n; i++) {
      System.arraycopy(f[i], 0, features, 0, DIM);
      detect();
    }
  }

  /** The feature vector of the {@value #WINDOW} representatives of {@code source} from {@code from}. */
  private void features(double[] source, int from) {
    double range = max - min;
    for (int k = 0; k < WINDOW; k++) {
      double v = range > 0.0 ? (source[from + k] - min) / range : 0.0;
      v = Math.max(0.0, Math.min(1.0, v));
      v = Math.round(v * LEVELS) / (double) LEVELS;
      double med = range > 0.0 ? Math.max(0.0, Math.min(1.0, (median - min) / range)) : 0.0;
      if (Math.abs(v - med) < CHOMP) {
        v = med;
      }
      features[WINDOW + k] = v;
      scratch[k] = v;
    }
    unitScale(scratch, WINDOW);
    haar(scratch);
    unitScale(scratch, WINDOW);
    System.arraycopy(scratch, 0, features, 0, WINDOW);
  }

  private static void unitScale(double[] a, int n) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, a[i]);
      hi = Math.max(hi, a[i]);
    }
    for (int i = 0; i < n; i++) {
      a[i] = hi > lo ? (a[i] - lo) / (hi - lo) : 0.0;
    }
  }

  /** In-place full orthonormal Haar transform of a power-of-two length array: approximation first, finest last. */
  private void haar(double[] a) {
    double[] t = transform;
    for (int len = a.length; len > 1; len /= 2) {
      int half = len / 2;
      for (int i = 0; i < half; i++) {
        t[i] = (a[2 * i] + a[2 * i + 1]) / Math.sqrt(2.0);
        t[half + i] = (a[2 * i] - a[2 * i + 1]) / Math.sqrt(2.0);
      }
      System.arraycopy(t, 0, a, 0, len);
    }
  }

  private static double similarity(double[] a, double[] b) {
    double na = 0.0;
    double nb = 0.0;
    double dot = 0.0;
    for (int i = 0; i < a.length; i++) {
      na += a[i] * a[i];
      nb += b[i] * b[i];
      dot += a[i] * b[i];
    }
    na = Math.sqrt(na);
    nb = Math.sqrt(nb);
    if (na == 0.0) {
      return 1.0 - nb;
    }
    if (nb == 0.0) {
      return 1.0 - na;
    }
    return dot / (na * nb);
  }

  private void code(double[] f) {
    for (int i = 0; i < DIM; i++) {
      coded[i] = f[i];
      coded[DIM + i] = 1.0 - f[i];
    }
  }

  /** Matches the current features, learns them, adapts the vigilances and returns the anomaly score. */
  private double detect() {
    long i = ++index;
    boolean warmingUp = i <= TREND;
    boolean rhoAfterAnomaly = i - lastAnomaly == MASK;
    boolean rhoForTrend = i - lastRhoUpdate >= TREND / 2;
    boolean maskAfterAnomaly = i - lastAnomaly <= MASK;
    if (i > TREND + MASK && maskAfterCluster && noNewCluster >= MASK) {
      maskAfterCluster = false;
    }
    code(features);
    boolean newCluster = art.train(coded);
    double a = art.best;
    noNewCluster = newCluster ? 0 : noNewCluster + 1;
    meanMatchSum += a;
    meanMatchCount++;
    matchWindow[ringPos] = a;
    ringPos = (ringPos + 1) % matchWindow.length;
    gapWindow[gapPos] = art.rhoHigh - a;
    gapPos = (gapPos + 1) % gapWindow.length;
    if (i - lastAnomaly < MASK && anomalySimCount > 0 && a < anomalySimLast) {
      anomalySimSum += a - anomalySimLast;
      anomalySimLast = a;
    }
    boolean masking = maskAfterCluster || maskAfterAnomaly;
    boolean belowLast = a < lastAnomalySim * (maskAfterAnomaly ? 0.90 : 0.70);
    double score = 0.0;
    if (!warmingUp && newCluster && (!masking || belowLast)) {
      score = confidence(a, art.bestEnergy);
      anomalySimSum += a;
      anomalySimCount++;
      anomalySimLast = a;
      lastAnomalySim = a;
      lastAnomaly = i;
    }
    maskAfterCluster = newCluster || maskAfterCluster;
    if (!warmingUp && (rhoAfterAnomaly || rhoForTrend)) {
      adaptVigilance(i);
    }
    return score;
  }

  private void adaptVigilance(long i) {
    double minMatch = Double.POSITIVE_INFINITY;
    for (double m : matchWindow) {
      minMatch = Math.min(minMatch, m);
    }
    double high = Math.min(0.97, meanMatchSum / meanMatchCount);
    double low = art.rhoLow;
    if (low <= minMatch) {
      low += (minMatch - low) * 0.19;
    } else {
      double decrease = 0.0;
      if (i > 2L * TREND) {
        double sum = 0.0;
        int n = 0;
        for (double g : gapWindow) {
          if (g > 0.05) {
            sum += Math.min(0.37, g);
            n++;
          }
        }
        decrease = n > 0 ? sum / n : 0.0;
      }
      low -= Math.max(0.01, decrease) / 2.0;
      if (anomalySimCount > 0) {
        low = Math.max(anomalySimSum / anomalySimCount, low);
      }
    }
    art.rhoLow = Math.max(0.0, Math.min(high, low));
    art.rhoHigh = high;
    lastRhoUpdate = i;
    maskAfterCluster = true;
  }

  private double confidence(double match, double energy) {
    double m = Math.min(0.999, match);
    double high = ((1.0 - m) - (1.0 - art.rhoHigh)) / (1.0 - m);
    double low = ((1.0 - m) - (1.0 - art.rhoLow)) / (1.0 - m);
    double s = high * 0.35 + low * 0.65 + (1.0 - energy) * 1.5;
    return Math.max(0.0, Math.min(1.0, s));
  }

  /** Dual-vigilance fuzzy ART over complement-coded vectors, with a bounded category store. */
  static final class Art {
    /** Coded dimensions summed before the partial match is checked against the bound. */
    static final int HEAD = CODED / 2;
    /**
     * Coded dimensions summed before a first, cheaper check of the same bound (the window's coarsest Haar
     * coefficients: most categories that fail the bound already fail it there).
     */
    static final int LEAD = 4;
    /** Relative margin that keeps the pruning bound above the computed match despite rounding. */
    private static final double BOUND_SLACK = 1.0 + 1e-9;

    final double[][] weights = new double[MAX_CATEGORIES][CODED];
    final double[] weightNorm = new double[MAX_CATEGORIES];
    /** Sum of each category's weights over the coded dimensions from {@link #HEAD}. */
    final double[] tailNorm = new double[MAX_CATEGORIES];
    /** Sum of each category's weights over the coded dimensions from {@link #LEAD}. */
    final double[] restNorm = new double[MAX_CATEGORIES];
    /** Copies of each category's weights at the two level dimensions of the energy bound, contiguous for the scan. */
    final double[] edgeLevel = new double[MAX_CATEGORIES];
    final double[] edgeComplement = new double[MAX_CATEGORIES];
    final long[] used = new long[MAX_CATEGORIES];
    /** Scratch: the categories whose match reached the upper vigilance during the current {@link #train} call. */
    final int[] resonating = new int[MAX_CATEGORIES];
    /** Scratch: the categories left for the scan after the energy test of the current {@link #train} call. */
    final int[] candidates = new int[MAX_CATEGORIES];
    int categories;
    int lastBest;
    long clock;
    double rhoLow;
    double rhoHigh;
    double best;
    double bestEnergy;

    /** Learns {@code x}; true when it founded a new cluster (no category matched at the lower vigilance). */
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
      double x1 = x[e1];
      double x2 = x[e2];
      int resonant = 0;
      double xTail = 0.0;
      for (int d = HEAD; d < CODED; d++) {
        xTail += x[d];
      }
      double xRest = 0.0;
      for (int d = LEAD; d < CODED; d++) {
        xRest += x[d];
      }
      // The last best category first, then the others in index order: consecutive windows mostly resonate with the
      // same one, and a high best match lets the bounds below skip most of the others.
      int first = Math.min(lastBest, categories - 1);
      double limit = skipLimit(best, rhoHigh);
      int n = -1;
      for (int c = -1; ; c++) {
        int j;
        if (c < 0) {
          j = first;
        } else {
          if (n < 0) {
            n = candidates(first, x1, x2, limit);
          }
          if (c >= n) {
            break;
          }
          j = candidates[c];
        }
        double w1 = edgeLevel[j];
        double w2 = edgeComplement[j];
        double we = w1 + w2;
        double shared = Math.min(x1, w1) + Math.min(x2, w2);
        // The match is at most es^2, es = shared / we (the feature similarity is at most 1): a category that can
        // neither beat the best match so far nor reach the upper vigilance needs no full comparison. The first test
        // is a margin below the exact second one, without a division.
        if (shared < we * limit) {
          continue;
        }
        double es = we == 0.0 ? 0.0 : shared / we;
        double bound = es * es;
        if (bound <= best && bound < rhoHigh) {
          continue;
        }
        double[] w = weights[j];
        // The first LEAD dimensions, one per accumulator: the same sums as the first step of the loop below.
        double c0 = Math.min(x[0], w[0]);
        double c1 = Math.min(x[1], w[1]);
        double c2 = Math.min(x[2], w[2]);
        double c3 = Math.min(x[3], w[3]);
        double denominator = weightNorm[j] == 0.0 ? 0.001 : weightNorm[j];
        // The rest of the common part is at most the smaller of the rest of x and the rest of the weights; the
        // same test as above on that bound abandons the category after LEAD dimensions, then half-way (the sums
        // continue in the same order, so a category compared in full gets exactly the same match).
        double fl = ((c0 + c1) + (c2 + c3) + Math.min(xRest, restNorm[j])) / denominator;
        double lead = fl * fl * fl * bound * BOUND_SLACK;
        if (lead <= best && lead < rhoHigh) {
          continue;
        }
        for (int d = LEAD; d < HEAD; d += 4) {
          c0 += Math.min(x[d], w[d]);
          c1 += Math.min(x[d + 1], w[d + 1]);
          c2 += Math.min(x[d + 2], w[d + 2]);
          c3 += Math.min(x[d + 3], w[d + 3]);
        }
        double fu = ((c0 + c1) + (c2 + c3) + Math.min(xTail, tailNorm[j])) / denominator;
        double upper = fu * fu * fu * bound * BOUND_SLACK;
        if (upper <= best && upper < rhoHigh) {
          continue;
        }
        for (int d = HEAD; d < CODED; d += 4) {
          c0 += Math.min(x[d], w[d]);
          c1 += Math.min(x[d + 1], w[d + 1]);
          c2 += Math.min(x[d + 2], w[d + 2]);
          c3 += Math.min(x[d + 3], w[d + 3]);
        }
        double common = (c0 + c1) + (c2 + c3);
        double fs = common / denominator;
        double m = fs * fs * fs * bound;
        if (m >= rhoHigh) {
          resonating[resonant++] = j;
        }
        if (m > best) {
          best = m;
          bestEnergy = es;
          bestIndex = j;
          limit = skipLimit(best, rhoHigh);
        }
      }
      if (bestIndex >= 0) {
        lastBest = bestIndex;
      }
      if (best >= rhoHigh) {
        for (int r = 0; r < resonant; r++) {
          int j = resonating[r];
          double[] w = weights[j];
          double norm = 0.0;
          double rest = 0.0;
          double tail = 0.0;
          for (int d = 0; d < LEAD; d++) {
            double v = Math.min(x[d], w[d]);
            w[d] = v;
            norm += v;
          }
          for (int d = LEAD; d < HEAD; d++) {
            double v = Math.min(x[d], w[d]);
            w[d] = v;
            norm += v;
            rest += v;
          }
          for (int d = HEAD; d < CODED; d++) {
            double v = Math.min(x[d], w[d]);
            w[d] = v;
            norm += v;
            rest += v;
            tail += v;
          }
          weightNorm[j] = norm;
          restNorm[j] = rest;
          tailNorm[j] = tail;
          edgeLevel[j] = w[e1];
          edgeComplement[j] = w[e2];
          used[j] = clock;
        }
        return false;
      }
      if (bestIndex >= 0) {
        used[bestIndex] = clock;
      }
      commit(x);
      return best < rhoLow;
    }

    /**
     * Collects, in index order, the categories other than {@code first} that pass the energy test at {@code limit}
     * (a superset of those passing it at any higher limit) and returns how many there are.
     */
    private int candidates(int first, double x1, double x2, double limit) {
      if (Double.isNaN(limit)) {
        return 0; // every margin would be NaN and fail the test
      }
      int n = collect(0, first, x1, x2, limit, 0);
      return collect(first + 1, categories, x1, x2, limit, n);
    }

    /**
     * Appends to {@link #candidates} the categories of {@code [from, to)} whose energy margin {@code min(x1, level) +
     * min(x2, complement) - (level + complement) * limit} is at least 0, in index order, after the first {@code n};
     * returns the new count. Branch-free: the mins on bit patterns, the test as the complement of the margin's sign bit
     * ({@code + 0.0} turns a {@code -0.0} into {@code +0.0}; no margin is NaN here), so its cost does not depend on how
     * the JIT compiles {@code Math.min} or a data-dependent test in this loop (round 12 in
     * {@code benchmarks/results/anomaly.md}: with {@code Math.min} about one JVM in two ran the default ensemble 30%
     * slower).
     */
    private int collect(int from, int to, double x1, double x2, double limit, int n) {
      double[] level = edgeLevel;
      double[] complement = edgeComplement;
      int[] out = candidates;
      int count = n;
      for (int k = from; k < to; k++) {
        double l = level[k];
        double c = complement[k];
        double margin = minOfNonNegative(x1, l) + minOfNonNegative(x2, c) - (l + c) * limit;
        out[count] = k;
        count += 1 - (int) (Double.doubleToRawLongBits(margin + 0.0) >>> 63);
      }
      return count;
    }

    /**
     * {@code Math.min(a, b)} for finite {@code a, b >= +0.0} (features and weights: complement-coded values in
     * {@code [0, 1]}, never {@code -0.0}), computed on their bit patterns, which order like the values (integer
     * arithmetic, no branch).
     */
    private static double minOfNonNegative(double a, double b) {
      long x = Double.doubleToRawLongBits(a);
      long y = Double.doubleToRawLongBits(b);
      long d = x - y;
      return Double.longBitsToDouble(y + (d & (d >> 63)));
    }

    /**
     * A level below which {@code es = shared / we} surely gives {@code es * es <= best} and {@code es * es <
     * rhoHigh} in floating point (a relative margin of {@code 1e-9} covers the rounding of the division and product).
     */
    private static double skipLimit(double best, double rhoHigh) {
      return Math.sqrt(Math.min(best, rhoHigh)) * (1.0 - 1e-9);
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
      double[] w = weights[j];
      double norm = 0.0;
      double rest = 0.0;
      double tail = 0.0;
      for (int d = 0; d < CODED; d++) {
        w[d] = x[d];
        norm += x[d];
        if (d >= LEAD) {
          rest += x[d];
        }
        if (d >= HEAD) {
          tail += x[d];
        }
      }
      weightNorm[j] = norm;
      restNorm[j] = rest;
      tailNorm[j] = tail;
      edgeLevel[j] = w[DIM - 1];
      edgeComplement[j] = w[CODED - 1];
      used[j] = clock;
    }
  }
}
