package io.stratus.timeseries.anomaly;

/**
 * Conformal k-nearest-neighbour detector, our streaming design after KNN-CAD (Burnaev and Ishimtsev, "Conformalized
 * density- and distance-based anomaly detection in time-series data", 2016; NAB's {@code knncad}). A point's pattern
 * is its value with the {@code dim - 1} values learned before it; its non-conformity is the sum of the Euclidean
 * distances to its {@code k} nearest patterns among the last {@code memory} learned ones (patterns sharing a value
 * with it are not yet eligible, so a pattern is never compared with a shifted copy of itself); its score is the
 * conformal rank of that non-conformity among the last {@code memory} learned non-conformities: the share of them
 * strictly smaller, in {@code [0, 1]}. Scores 0 until {@code memory / 4} non-conformities (at least {@code k} patterns)
 * are known. Points in excluded periods are scored but not learned. Memory is bounded ({@code memory * (dim + 1)}
 * numbers); time per point is {@code O(memory * dim)}. Not thread-safe.
 */
final class NeighbourDetector extends AbstractDetector {

  static final int MAX_DIM = 64;

  private final int dim;
  private final int k;
  private final int memory;
  /** The last {@code 2 dim - 1} learned values, ring. */
  private final double[] history;
  private long learned;
  /** Eligible patterns, ring of {@code memory} rows of {@code dim} values. */
  private final double[] patterns;
  private int patternCount;
  private int patternNext;
  /** Learned non-conformities, ring. */
  private final double[] calibration;
  private int calibrationCount;
  private int calibrationNext;
  /** Scratch: the pattern being scored and the k smallest distances. */
  private final double[] pattern;
  private final double[] nearest;

  NeighbourDetector(DetectorOptions options, int dim, int k) {
    super(options);
    this.dim = dim;
    this.k = k;
    this.memory = options.window();
    this.history = new double[2 * dim - 1];
    this.patterns = new double[memory * dim];
    this.calibration = new double[memory];
    this.pattern = new double[dim];
    this.nearest = new double[k];
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double s = 0.0;
    boolean scorable = learned >= dim - 1 && patternCount >= k;
    double alpha = 0.0;
    if (scorable) {
      for (int i = 0; i < dim - 1; i++) {
        pattern[i] = valueBack(dim - 2 - i);
      }
      pattern[dim - 1] = value;
      alpha = nonConformity();
      if (calibrationCount >= Math.max(1, memory / 4)) {
        int below = 0;
        for (int i = 0; i < calibrationCount; i++) {
          below += calibration[i] < alpha ? 1 : 0;
        }
        s = (double) below / calibrationCount;
      }
    }
    if (learn) {
      if (scorable) {
        calibration[calibrationNext] = alpha;
        calibrationNext = (calibrationNext + 1) % memory;
        calibrationCount = Math.min(calibrationCount + 1, memory);
      }
      history[(int) (learned % history.length)] = value;
      learned++;
      // The pattern ending dim - 1 values back shares no value with the next point's pattern: now eligible.
      if (learned >= 2L * dim - 1) {
        int row = patternNext * dim;
        for (int i = 0; i < dim; i++) {
          patterns[row + i] = valueBack(2 * dim - 2 - i);
        }
        patternNext = (patternNext + 1) % memory;
        patternCount = Math.min(patternCount + 1, memory);
      }
    }
    return s;
  }

  /** The learned value {@code back} steps before the newest learned one (0 = newest). */
  private double valueBack(int back) {
    return history[(int) ((learned - 1 - back) % history.length)];
  }

  /** Sum of the distances from {@link #pattern} to its k nearest eligible patterns (squared distances pruned). */
  private double nonConformity() {
    int filled = 0;
    double worst = Double.POSITIVE_INFINITY; // k-th smallest squared distance once filled
    for (int j = 0; j < patternCount; j++) {
      int row = j * dim;
      double d = 0.0;
      for (int i = 0; i < dim && d < worst; i++) {
        double diff = pattern[i] - patterns[row + i];
        d += diff * diff;
      }
      if (filled < k) {
        insert(d, filled++);
        if (filled == k) {
          worst = nearest[k - 1];
        }
      } else if (d < worst) {
        insert(d, k - 1);
        worst = nearest[k - 1];
      }
    }
    double sum = 0.0;
    for (int i = 0; i < filled; i++) {
      sum += Math.sqrt(nearest[i]);
    }
    return sum;
  }

  /** Inserts {@code d} into the ascending {@link #nearest} prefix of length {@code last + 1}, dropping the last. */
  private void insert(double d, int last) {
    int i = last;
    while (i > 0 && nearest[i - 1] > d) {
      nearest[i] = nearest[i - 1];
      i--;
    }
    nearest[i] = d;
  }
}
