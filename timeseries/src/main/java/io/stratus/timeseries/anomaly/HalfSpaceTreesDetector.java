package io.stratus.timeseries.anomaly;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Streaming half-space trees (Tan, Ting and Liu, "Fast anomaly detection for streaming data", IJCAI 2011): an
 * isolation-style forest over shingles of the last {@value #SHINGLE} standardized values. Each tree splits a random
 * workspace at random dimensions down to a fixed depth; points in sparsely populated regions of the reference window
 * get a low mass score and a high anomaly score. Masses are counted in a latest window of {@code window} points that
 * becomes the reference when full, so the model follows drift in bounded memory ({@value #TREES} trees of depth
 * {@value #DEPTH}).
 *
 * <p>Values are standardized by an exponentially weighted mean and deviation (span {@code window}) and squashed into
 * the unit workspace. The raw mass score is turned into a deviation by standardizing its logarithm with an
 * exponentially weighted mean and deviation, then mapped to {@code [0, 1]} with the band width. Deterministic for a
 * given seed. Not thread-safe.
 *
 * <p>Implementation: every split halves the current cell of its dimension, so within one tree the side taken at a
 * node that splits dimension {@code q} for the {@code k}-th time on its path is bit {@code 7 - k} of the point's
 * coordinate {@code q} quantized to 8 bits over the tree's workspace. A point is therefore encoded per tree as one
 * {@code int} (four 8-bit coordinates) and each node as one {@code int} holding the bit to test at the node and at
 * its two children, so a walk is four table reads (two levels each) over a 16 KB table, eight trees interleaved.
 * The mass score of a leaf (the reference count of the first node on the path with fewer
 * than {@code window / 10} points, scaled by 2 to the power of its depth, or the leaf's own count if there is none)
 * only changes when the windows swap, so it is tabulated per leaf then; the latest window counts leaves only.
 */
final class HalfSpaceTreesDetector extends AbstractDetector {

  static final int SHINGLE = 4;
  static final int TREES = 16;
  static final int DEPTH = 8;
  private static final int LEAVES = 1 << DEPTH;
  private static final int INTERNAL = LEAVES - 1;
  private static final int NODES = 2 * LEAVES - 1;
  private static final int CODE_MAX = LEAVES - 1;

  private final double band;
  private final int windowSize;
  private final int sizeLimit;
  private final double alpha;
  /** Per tree and dimension: quantized coordinate = x * scale + offset, over the tree's workspace. */
  private final double[] offset = new double[TREES * SHINGLE];
  /**
   * Per tree and dimension: the codes of 0 and 1, the clamped extremes of the workspace input. They often lie exactly
   * on a split (at a quarter of the workspace), where rounding in {@code x * scale + offset} could pick the wrong
   * side, so they are found by comparing with the splits themselves.
   */
  private final int[] zeroCode = new int[TREES * SHINGLE];
  private final int[] oneCode = new int[TREES * SHINGLE];
  private final double[] scale = new double[TREES * SHINGLE];
  /**
   * Per tree and internal node (heap order): the bit of the point's code word that selects the right child, in the
   * low byte; for nodes at even depth also the bits of the left and right child in the second and third byte.
   */
  private final int[] pair = new int[TREES * INTERNAL];
  /** Per tree and leaf: the mass score in the reference window. */
  private final int[] leafMass = new int[TREES * LEAVES];
  /** Per tree and leaf: the count in the latest window. */
  private final int[] latest = new int[TREES * LEAVES];
  private final int[] nodeCount = new int[NODES];
  private final int[] leafOf = new int[TREES];
  private final int[] wordOf = new int[TREES];
  private double x0;
  private double x1;
  private double x2;
  private int shingleFill;
  private int inWindow;
  private boolean referenceReady;
  private double mean;
  private double variance;
  private long trained;
  private double logMean;
  private double logVariance;
  private long scored;

  HalfSpaceTreesDetector(DetectorOptions options) {
    super(options);
    this.band = options.bandWidth();
    this.windowSize = options.window();
    this.sizeLimit = Math.max(1, windowSize / 10);
    this.alpha = 2.0 / (options.window() + 1.0);
    SplittableRandom random = new SplittableRandom(options.seed());
    for (int t = 0; t < TREES; t++) {
      for (int q = 0; q < SHINGLE; q++) {
        double s = random.nextDouble();
        double r = 2.0 * Math.max(s, 1.0 - s);
        int i = t * SHINGLE + q;
        scale[i] = LEAVES / (2.0 * r);
        offset[i] = -(s - r) * scale[i];
        zeroCode[i] = exactCode(0.0, s - r, s + r);
        oneCode[i] = exactCode(1.0, s - r, s + r);
      }
      build(t * INTERNAL, 0, 0, new int[SHINGLE], random);
    }
  }

  /** Draws the split dimensions in pre-order; {@code splits[q]} counts the splits of q above the node. */
  private void build(int base, int node, int depth, int[] splits, SplittableRandom random) {
    if (depth == DEPTH) {
      return;
    }
    int q = random.nextInt(SHINGLE);
    pair[base + node] = 8 * q + (DEPTH - 1 - splits[q]);
    splits[q]++;
    build(base, 2 * node + 1, depth + 1, splits, random);
    build(base, 2 * node + 2, depth + 1, splits, random);
    splits[q]--;
    if (depth % 2 == 0) {
      pair[base + node] |= (pair[base + 2 * node + 1] & 0xff) << 8 | (pair[base + 2 * node + 2] & 0xff) << 16;
    }
  }

  /**
   * The 8-bit code of {@code x} in {@code [lo, hi]}: the sides taken at 8 successive halvings, each split being the
   * midpoint of the current cell and {@code x >= split} going right (bit 1).
   */
  private static int exactCode(double x, double lo, double hi) {
    int code = 0;
    for (int k = 0; k < DEPTH; k++) {
      double split = 0.5 * (lo + hi);
      if (x < split) {
        hi = split;
        code <<= 1;
      } else {
        lo = split;
        code = code << 1 | 1;
      }
    }
    return code;
  }

  /** The code of {@code x} in {@code [0, 1]} for tree and dimension {@code i}. */
  /**
   * Two levels down from {@code node} for the code word {@code word}, given the node's {@link #pair} entry: the side
   * at the node is the word's bit at the entry's low byte; the side at the child is the bit at the entry's second
   * (left child) or third (right child) byte. Shift distances use only their low 5 bits, so no masking is needed.
   */
  private static int descend(int node, int word, int entry) {
    int first = (word >>> entry) & 1;
    int second = (word >>> (entry >>> (8 << first))) & 1;
    return 4 * node + 3 + 2 * first + second;
  }

  private int code(int i, double x) {
    if (x == 0.0) {
      return zeroCode[i];
    }
    if (x == 1.0) {
      return oneCode[i];
    }
    return Math.min(CODE_MAX, (int) (x * scale[i] + offset[i]));
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double sigma = Math.max(Math.sqrt(variance), Scores.scaleFloor(mean));
    double z = trained == 0 ? 0.0 : (value - mean) / sigma;
    double u = Math.max(0.0, Math.min(1.0, 0.5 + z / 8.0));
    // Score the shingle (x0, x1, x2, u) that ends with this point, without committing it unless we learn.
    boolean full = shingleFill + 1 >= SHINGLE;
    double score = 0.0;
    boolean count = learn && full;
    if (full && (referenceReady || count)) {
      int[] leaf = leafOf;
      int[] words = wordOf;
      if (x0 == 0.0 || x0 == 1.0 || x1 == 0.0 || x1 == 1.0 || x2 == 0.0 || x2 == 1.0 || u == 0.0 || u == 1.0) {
        for (int t = 0; t < TREES; t++) {
          int c = t * SHINGLE;
          words[t] = code(c, x0) | code(c + 1, x1) << 8 | code(c + 2, x2) << 16 | code(c + 3, u) << 24;
        }
      } else {
        double[] sc = scale;
        double[] of = offset;
        for (int t = 0; t < TREES; t++) {
          int c = t * SHINGLE;
          words[t] = Math.min(CODE_MAX, (int) (x0 * sc[c] + of[c]))
              | Math.min(CODE_MAX, (int) (x1 * sc[c + 1] + of[c + 1])) << 8
              | Math.min(CODE_MAX, (int) (x2 * sc[c + 2] + of[c + 2])) << 16
              | Math.min(CODE_MAX, (int) (u * sc[c + 3] + of[c + 3])) << 24;
        }
      }
      // Eight trees at a time in lockstep, two levels per table read: each walk is a chain of dependent loads, so
      // interleaving independent walks lets the CPU overlap them. Then the leaves are counted and their masses read.
      int[] pairs = pair;
      int[] counts = latest;
      int[] masses = leafMass;
      long massSum = 0;
      for (int t = 0; t < TREES; t += 8) {
        int b = t * INTERNAL;
        int n0 = 0;
        int n1 = 0;
        int n2 = 0;
        int n3 = 0;
        int n4 = 0;
        int n5 = 0;
        int n6 = 0;
        int n7 = 0;
        for (int depth = 0; depth < DEPTH; depth += 2) {
          n0 = descend(n0, words[t], pairs[b + n0]);
          n1 = descend(n1, words[t + 1], pairs[b + INTERNAL + n1]);
          n2 = descend(n2, words[t + 2], pairs[b + 2 * INTERNAL + n2]);
          n3 = descend(n3, words[t + 3], pairs[b + 3 * INTERNAL + n3]);
          n4 = descend(n4, words[t + 4], pairs[b + 4 * INTERNAL + n4]);
          n5 = descend(n5, words[t + 5], pairs[b + 5 * INTERNAL + n5]);
          n6 = descend(n6, words[t + 6], pairs[b + 6 * INTERNAL + n6]);
          n7 = descend(n7, words[t + 7], pairs[b + 7 * INTERNAL + n7]);
        }
        int l = t * LEAVES - INTERNAL;
        leaf[t] = l + n0;
        leaf[t + 1] = l + LEAVES + n1;
        leaf[t + 2] = l + 2 * LEAVES + n2;
        leaf[t + 3] = l + 3 * LEAVES + n3;
        leaf[t + 4] = l + 4 * LEAVES + n4;
        leaf[t + 5] = l + 5 * LEAVES + n5;
        leaf[t + 6] = l + 6 * LEAVES + n6;
        leaf[t + 7] = l + 7 * LEAVES + n7;
      }
      for (int t = 0; t < TREES; t++) {
        massSum += masses[leaf[t]];
      }
      if (count) {
        for (int t = 0; t < TREES; t++) {
          counts[leaf[t]]++;
        }
      }
      if (referenceReady) {
        // mass is an integer below 2^53, so mass + 1 is exact and log(mass + 1) = log1p(mass)
        double logMass = Math.log(massSum + 1.0);
        if (scored >= 16) {
          double sd = Math.max(Math.sqrt(logVariance), 1e-9);
          double deviation = (logMean - logMass) / sd;
          score = deviation > 0 ? Scores.fromBandRatio(deviation / band) : 0.0;
        }
        if (learn) {
          double a = Math.max(alpha, 1.0 / (scored + 1));
          double diff = logMass - logMean;
          double incr = a * diff;
          logMean += incr;
          logVariance = (1.0 - a) * (logVariance + diff * incr);
          scored++;
        }
      }
    }
    if (!learn) {
      return score; // excluded points leave no trace
    }
    x0 = x1;
    x1 = x2;
    x2 = u;
    shingleFill = Math.min(SHINGLE, shingleFill + 1);
    if (full && ++inWindow == windowSize) {
      swapWindows();
    }
    if (trained == 0) {
      mean = value;
    } else {
      double a = Math.max(alpha, 1.0 / (trained + 1));
      double diff = value - mean;
      double incr = a * diff;
      mean += incr;
      variance = (1.0 - a) * (variance + diff * incr);
    }
    trained++;
    return score;
  }

  /**
   * The latest window becomes the reference: per tree, internal counts are summed from the leaves, then each leaf's
   * mass score is read from the first sparse node on its path (top-down, so a node inherits its parent's mass once
   * one is found). Then the latest window restarts empty.
   */
  private void swapWindows() {
    int[] n = nodeCount;
    int limit = sizeLimit;
    for (int t = 0; t < TREES; t++) {
      int leafBase = t * LEAVES;
      System.arraycopy(latest, leafBase, n, INTERNAL, LEAVES);
      for (int node = INTERNAL - 1; node >= 0; node--) {
        n[node] = n[2 * node + 1] + n[2 * node + 2];
      }
      // n[node] becomes the node's mass score if a node on its path (itself included) is sparse, else -1;
      // level by level from the root, leaves last (a leaf under dense nodes only uses its own count)
      n[0] = n[0] < limit ? n[0] : -1;
      for (int depth = 1; depth < DEPTH; depth++) {
        for (int node = (1 << depth) - 1, end = 2 * node; node <= end; node++) {
          int parentMass = n[(node - 1) >>> 1];
          int own = n[node];
          n[node] = parentMass >= 0 ? parentMass : own < limit ? own << depth : -1;
        }
      }
      for (int node = INTERNAL; node < NODES; node++) {
        int parentMass = n[(node - 1) >>> 1];
        n[node] = parentMass >= 0 ? parentMass : n[node] << DEPTH;
      }
      System.arraycopy(n, INTERNAL, leafMass, leafBase, LEAVES);
    }
    Arrays.fill(latest, 0);
    inWindow = 0;
    referenceReady = true;
  }
}
