package io.stratus.timeseries.anomaly;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Test oracle: the straightforward half-space trees (explicit split values, per-node reference counts, per-point
 * path walk with the first-sparse-node search) that {@link HalfSpaceTreesDetector} must reproduce. It is the
 * implementation the detector had before its tables were introduced. Not thread-safe.
 */
final class ReferenceHalfSpaceTrees extends AbstractDetector {

  static final int SHINGLE = 4;
  static final int TREES = 16;
  static final int DEPTH = 8;
  private static final int NODES = (1 << (DEPTH + 1)) - 1;
  private static final int INTERNAL = (1 << DEPTH) - 1;

  private final double band;
  private final int windowSize;
  private final int sizeLimit;
  private final double alpha;
  private final int[] splitDim = new int[TREES * NODES];
  private final double[] splitValue = new double[TREES * NODES];
  private int[] reference = new int[TREES * NODES];
  private int[] latest = new int[TREES * NODES];
  private final double[] shingle = new double[SHINGLE];
  private final double[] candidate = new double[SHINGLE];
  private final int[] walkNode = new int[TREES];
  private final int[] walkDense = new int[TREES];
  private final int[] walkMass = new int[TREES];
  private int shingleFill;
  private int inWindow;
  private boolean referenceReady;
  private double mean;
  private double variance;
  private long trained;
  private double logMean;
  private double logVariance;
  private long scored;

  ReferenceHalfSpaceTrees(DetectorOptions options) {
    super(options);
    this.band = options.bandWidth();
    this.windowSize = options.window();
    this.sizeLimit = Math.max(1, windowSize / 10);
    this.alpha = 2.0 / (options.window() + 1.0);
    SplittableRandom random = new SplittableRandom(options.seed());
    double[] min = new double[SHINGLE];
    double[] max = new double[SHINGLE];
    for (int t = 0; t < TREES; t++) {
      for (int q = 0; q < SHINGLE; q++) {
        double s = random.nextDouble();
        double r = 2.0 * Math.max(s, 1.0 - s);
        min[q] = s - r;
        max[q] = s + r;
      }
      build(t * NODES, 0, 0, min.clone(), max.clone(), random);
    }
  }

  private void build(int base, int node, int depth, double[] min, double[] max, SplittableRandom random) {
    if (depth == DEPTH) {
      return;
    }
    int q = random.nextInt(SHINGLE);
    double split = 0.5 * (min[q] + max[q]);
    splitDim[base + node] = q;
    splitValue[base + node] = split;
    double[] leftMax = max.clone();
    leftMax[q] = split;
    build(base, 2 * node + 1, depth + 1, min, leftMax, random);
    double[] rightMin = min.clone();
    rightMin[q] = split;
    build(base, 2 * node + 2, depth + 1, rightMin, max, random);
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double sigma = Math.max(Math.sqrt(variance), Scores.scaleFloor(mean));
    double z = trained == 0 ? 0.0 : (value - mean) / sigma;
    double u = Math.max(0.0, Math.min(1.0, 0.5 + z / 8.0));
    // Score the shingle that ends with this point, without committing it unless we learn.
    double[] x = candidate;
    System.arraycopy(shingle, 1, x, 0, SHINGLE - 1);
    x[SHINGLE - 1] = u;
    boolean full = shingleFill + 1 >= SHINGLE;
    double score = 0.0;
    boolean count = learn && full;
    if (full && (referenceReady || count)) {
      // One walk per tree to its leaf. The latest window counts only leaves (internal nodes are summed
      // from their children when the window becomes the reference), so a parent's reference count is the sum of its
      // children's and counts never grow along a path: the sparse nodes are a suffix of the path, and the mass score
      // reads the first of them (or the leaf) after the walk, at the depth given by the number of dense nodes.
      // The trees are walked level by level, all trees per level, so the independent walks overlap in the CPU.
      int limit = sizeLimit;
      int[] ref = reference;
      int[] at = walkNode;
      int[] dense = walkDense;
      int[] massAt = walkMass;
      for (int t = 0; t < TREES; t++) {
        at[t] = t * NODES;
        dense[t] = 0;
        massAt[t] = t * NODES;
      }
      for (int depth = 0; depth < DEPTH; depth++) {
        for (int t = 0; t < TREES; t++) {
          int idx = at[t];
          int d = dense[t] + (ref[idx] >= limit ? 1 : 0);
          // child of node (idx - base) is 2 (idx - base) + 1 (left, x < split) or + 2, here in absolute indices
          // x < split exactly when x - split is negative (never -0.0: equal finite values subtract to +0.0), so the
          // sign bit picks the side without a hard-to-predict branch
          int left = (int) (Double.doubleToRawLongBits(x[splitDim[idx]] - splitValue[idx]) >>> 63);
          int child = 2 * idx - t * NODES + 2 - left;
          at[t] = child;
          dense[t] = d;
          // While every node so far is dense, follow the path; the first sparse node stays.
          massAt[t] = d == depth + 1 ? child : massAt[t];
        }
      }
      double mass = 0.0;
      for (int t = 0; t < TREES; t++) {
        if (count) {
          latest[at[t]]++;
        }
        mass += (double) ref[massAt[t]] * (1 << dense[t]);
      }
      if (referenceReady) {
        double logMass = Math.log1p(mass);
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
    System.arraycopy(x, 0, shingle, 0, SHINGLE);
    shingleFill = Math.min(SHINGLE, shingleFill + 1);
    if (full && ++inWindow == windowSize) {
      int[] swap = reference;
      reference = latest;
      latest = swap;
      for (int t = 0; t < TREES; t++) {
        int base = t * NODES;
        for (int node = INTERNAL - 1; node >= 0; node--) {
          reference[base + node] = reference[base + 2 * node + 1] + reference[base + 2 * node + 2];
        }
      }
      Arrays.fill(latest, 0);
      inWindow = 0;
      referenceReady = true;
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
}
