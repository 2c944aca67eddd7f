package io.stratus.timeseries.anomaly;

/**
 * Robust rolling z-score: the deviation of a point from the median of the last {@code window} trained points, in units
 * of their scaled median absolute deviation ({@code 1.4826 * MAD}). The scale is floored at a quarter of the window's
 * standard deviation, so a window dominated by repeated values (MAD near zero) does not make every change extreme,
 * and at a tiny fraction of the level beyond that, so a constant series scores 0 and any departure from it scores
 * high.
 *
 * <p>The window is kept both in arrival order (a ring) and sorted; each point costs two binary searches and one array
 * shift, the median is read directly, and the MAD is found exactly in {@code O(log window)} as the k-th smallest of
 * the two sorted sequences of deviations on either side of the median. Once the window is full the MAD is refreshed
 * every {@value #MAD_REFRESH} trained points (the median on every point). Not thread-safe.
 */
final class RobustZScoreDetector extends AbstractDetector {

  private static final double MAD_TO_SIGMA = 1.4826;
  /** The robust scale never drops below this fraction of the window's standard deviation. */
  static final double STD_FLOOR = 0.25;
  /** Points between exact MAD refreshes once the window is full (the scale moves slowly; the median is always exact). */
  static final int MAD_REFRESH = 4;

  private final double band;
  private final int capacity;
  private final int warmUp;
  private final double[] ring;
  private final double[] sorted;
  private int size;
  private int head;
  private double sum;
  private double sumSq;
  private long trained;
  private double cachedMad;
  private int madAge = MAD_REFRESH;

  RobustZScoreDetector(DetectorOptions options) {
    super(options);
    this.band = options.bandWidth();
    this.capacity = options.window();
    this.warmUp = Math.max(3, options.warmUp());
    this.ring = new double[capacity];
    this.sorted = new double[capacity];
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double s = 0.0;
    if (trained >= warmUp && size >= 3) {
      s = Scores.fromBandRatio(zScore(value) / band);
    }
    if (learn) {
      learn(value);
    }
    return s;
  }

  /** Robust z-score with the MAD recomputed now (for tests); the window must hold at least 3 points. */
  double exactZScore(double value) {
    madAge = MAD_REFRESH;
    return zScore(value);
  }

  /** Robust z-score of {@code value} against the current window; the window must hold at least 3 points. */
  double zScore(double value) {
    double median = median();
    double mean = sum / size;
    double std = Math.sqrt(Math.max(0.0, sumSq / size - mean * mean));
    if (madAge >= MAD_REFRESH || size < capacity) {
      cachedMad = mad(median);
      madAge = 0;
    }
    double sigma = Math.max(MAD_TO_SIGMA * cachedMad, STD_FLOOR * std);
    sigma = Math.max(sigma, Scores.scaleFloor(median));
    return (value - median) / sigma;
  }

  private void learn(double value) {
    trained++;
    madAge++;
    if (size < capacity) {
      ring[(head + size) % capacity] = value;
      int pos = insertionPoint(value, size);
      System.arraycopy(sorted, pos, sorted, pos + 1, size - pos);
      sorted[pos] = value;
      size++;
      sum += value;
      sumSq += value * value;
      return;
    }
    double old = ring[head];
    ring[head] = value;
    head = head + 1 == capacity ? 0 : head + 1;
    sum += value - old;
    sumSq += value * value - old * old;
    if (trained % capacity == 0) {
      recomputeSums();
    }
    int oldPos = indexOf(old);
    int newPos = insertionPoint(value, size);
    if (newPos > oldPos) {
      // Shift (oldPos, newPos) left by one; the new value lands just before the first element greater than it.
      System.arraycopy(sorted, oldPos + 1, sorted, oldPos, newPos - oldPos - 1);
      sorted[newPos - 1] = value;
    } else {
      System.arraycopy(sorted, newPos, sorted, newPos + 1, oldPos - newPos);
      sorted[newPos] = value;
    }
  }

  private void recomputeSums() {
    double s = 0.0;
    double s2 = 0.0;
    for (int i = 0; i < size; i++) {
      s += sorted[i];
      s2 += sorted[i] * sorted[i];
    }
    sum = s;
    sumSq = s2;
  }

  /** First index whose element is greater than {@code value} among the first {@code n} sorted elements. */
  private int insertionPoint(double value, int n) {
    // Branch-free halving (conditional moves): the answer always lies in [lo, lo + len].
    int lo = 0;
    int len = n;
    while (len > 1) {
      int half = len >>> 1;
      lo = sorted[lo + half - 1] <= value ? lo + half : lo;
      len -= half;
    }
    return len == 1 && sorted[lo] <= value ? lo + 1 : lo;
  }

  /** Index of an element equal to {@code value} (it is present): the first index whose element is not less. */
  private int indexOf(double value) {
    int lo = 0;
    int len = size;
    while (len > 1) {
      int half = len >>> 1;
      lo = sorted[lo + half - 1] < value ? lo + half : lo;
      len -= half;
    }
    return sorted[lo] < value ? lo + 1 : lo;
  }

  private double median() {
    int mid = size >>> 1;
    return (size & 1) == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
  }

  /**
   * Median of |x - median| over the window, exactly. Left deviations {@code median - sorted[l0 - i]} and right
   * deviations {@code sorted[r0 + j] - median} are each non-decreasing, so the MAD is an order statistic of the union
   * of two sorted sequences.
   */
  private double mad(double median) {
    int n = size;
    int r0 = (n + 1) >>> 1; // first index of the right half (the middle element of an odd window counts as left)
    int l0 = r0 - 1;
    int leftLen = l0 + 1;
    int rightLen = n - r0;
    if ((n & 1) == 1) {
      return kth(median, l0, leftLen, r0, rightLen, n >>> 1);
    }
    int k = n >>> 1;
    return 0.5 * (kth(median, l0, leftLen, r0, rightLen, k - 1) + kth(median, l0, leftLen, r0, rightLen, k));
  }

  /** The k-th smallest (0-based) deviation in the union of the two deviation sequences. */
  private double kth(double median, int l0, int leftLen, int r0, int rightLen, int k) {
    // Binary search on how many elements (i) come from the left sequence.
    int lo = Math.max(0, k + 1 - rightLen);
    int hi = Math.min(k + 1, leftLen);
    while (lo < hi) {
      int i = (lo + hi) >>> 1; // take i from left, k + 1 - i from right
      int j = k + 1 - i;
      // If left[i] < right[j - 1] we must take more from the left (written for conditional moves).
      boolean more = median - sorted[l0 - i] < sorted[r0 + j - 1] - median;
      lo = more ? i + 1 : lo;
      hi = more ? hi : i;
    }
    int i = lo;
    int j = k + 1 - i;
    double a = i > 0 ? median - sorted[l0 - i + 1] : Double.NEGATIVE_INFINITY;
    double b = j > 0 ? sorted[r0 + j - 1] - median : Double.NEGATIVE_INFINITY;
    return Math.max(a, b);
  }
}
