package io.stratus.timeseries.anomaly;

import java.util.Arrays;

/**
 * Contextual novelty detector (in the spirit of contextOSE and of HTM's raw score, our own design): each value is
 * quantized to one of {@code levels} levels over the range learned so far, and the point's contexts are the
 * sequences of the last 1 to {@code depth} levels ending at it. The score is the share of those contexts not seen
 * within the last {@code memory} points: 0 for a familiar pattern, 1 for a never-seen value or transition. It is
 * a raw score meant to be calibrated ({@link Detectors#rank(StreamingDetector, DetectorOptions)}).
 *
 * <p>Contexts are remembered in a fixed table of {@value #SLOTS} hashed entries with their last-seen point (a
 * collision can only make a context look new), so memory is bounded and each point costs {@code depth} probes.
 * Scores 0 until {@code warmUp} points have been learned. Not thread-safe.
 */
final class ContextDetector extends AbstractDetector {

  static final int LEVELS = 8;
  static final int DEPTH = 6;
  static final int MAX_LEVELS = 1 << 16;
  static final int MAX_DEPTH = 32;
  static final int SLOTS = 1 << 12;
  private static final int PROBES = 4;

  private final int levels;
  private final int depthMax;
  private final int warmUp;
  private final long memory;
  private final long[] keys = new long[SLOTS];
  private final long[] seen = new long[SLOTS];
  private final int[] history;
  private final long[] contextKeys;
  private int historyFill;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long learned;

  ContextDetector(DetectorOptions options, int levels, int depth, long memory) {
    super(options);
    this.levels = levels;
    this.depthMax = depth;
    this.history = new int[depth - 1];
    this.contextKeys = new long[depth];
    this.warmUp = Math.max(2, options.warmUp());
    this.memory = memory;
    Arrays.fill(seen, Long.MIN_VALUE);
  }

  private int level(double value) {
    if (!(max > min)) {
      return 0;
    }
    int l = (int) ((value - min) / (max - min) * levels);
    return Math.max(0, Math.min(levels - 1, l));
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    int level = level(value);
    long h = 0x9E3779B97F4A7C15L;
    int depth = Math.min(depthMax, historyFill + 1);
    for (int k = 0; k < depth; k++) {
      int l = k == 0 ? level : history[k - 1];
      h = mix(h ^ (l + 1L + ((long) k << 8)));
      contextKeys[k] = h == 0 ? 1 : h;
    }
    double s = 0.0;
    if (learned >= warmUp) {
      int novel = 0;
      for (int k = 0; k < depth; k++) {
        if (!known(contextKeys[k])) {
          novel++;
        }
      }
      s = (novel + depthMax - depth) / (double) depthMax;
    }
    if (learn) {
      for (int k = 0; k < depth; k++) {
        remember(contextKeys[k]);
      }
      if (history.length > 0) {
        System.arraycopy(history, 0, history, 1, history.length - 1);
        history[0] = level;
        historyFill = Math.min(historyFill + 1, history.length);
      }
      min = Math.min(min, value);
      max = Math.max(max, value);
      learned++;
    }
    return s;
  }

  private boolean known(long key) {
    int base = (int) (key >>> 52);
    for (int p = 0; p < PROBES; p++) {
      int i = (base + p) & (SLOTS - 1);
      if (keys[i] == key) {
        return learned - seen[i] <= memory;
      }
    }
    return false;
  }

  private void remember(long key) {
    int base = (int) (key >>> 52);
    int oldest = base & (SLOTS - 1);
    for (int p = 0; p < PROBES; p++) {
      int i = (base + p) & (SLOTS - 1);
      if (keys[i] == key || keys[i] == 0) {
        keys[i] = key;
        seen[i] = learned;
        return;
      }
      if (seen[i] < seen[oldest]) {
        oldest = i;
      }
    }
    keys[oldest] = key;
    seen[oldest] = learned;
  }

  /** A 64-bit finalizer (MurmurHash3's fmix64). */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
