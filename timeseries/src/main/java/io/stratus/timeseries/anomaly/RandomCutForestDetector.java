package io.stratus.timeseries.anomaly;

import java.util.SplittableRandom;

/**
 * Streaming Robust Random Cut Forest, our design after Guha, Mishra, Roy and Schrijvers, "Robust random cut forest
 * based anomaly detection on streams" (ICML 2016). A point is the shingle of its value and the {@code shingle - 1}
 * values learned before it. Each of the {@code trees} trees holds a sample of at most {@code sampleSize} shingles,
 * kept by reservoir sampling (every shingle so far equally likely) until {@code horizon} shingles have been seen, then
 * by admitting each new shingle with the constant probability {@code sampleSize / horizon} and evicting a uniformly
 * chosen sampled one, so the sample forgets old behaviour at a bounded rate. With gap sampling, past the horizon each
 * tree draws the number of shingles to skip before its next admission (geometric with that probability) and the slot
 * to evict, one draw per admitted shingle instead of one per shingle: the same law, a different random stream.
 *
 * <p>A tree is a random cut tree over its sample: a cut picks its dimension with probability proportional to the
 * bounding box's extent in that dimension and its value uniformly in that extent. A point is scored <em>before</em> it
 * is learned by a virtual insertion: it descends the tree as an insertion would (with cuts drawn on the box extended
 * by the point, from the tree's own random stream), and its collusive displacement is the largest ratio, over the
 * subtrees that would contain it, of the size of the subtree's sibling to the subtree's size (a duplicate of a sampled
 * shingle joins its leaf). The raw score is the mean collusive displacement over the trees; the detector maps it to
 * {@code r / (r + bandWidth)} where {@code r} is the raw score divided by the exponentially weighted mean (span
 * {@code horizon}) of the raw scores learned before, so 0.5 lies at {@code bandWidth} times the usual displacement.
 * Duplicates and a constant series therefore score 0.
 *
 * <p>Memory is bounded: {@code trees * (2 sampleSize - 1)} nodes of {@code 2 shingle + 4} numbers, whatever the length
 * of the series. Seeded: the same seed and inputs give the same scores. Points in excluded periods are scored, not
 * learned. Not thread-safe.
 */
final class RandomCutForestDetector extends AbstractDetector {

  static final int MAX_SHINGLE = 64;
  static final int MAX_TREES = 256;
  static final int MAX_SAMPLE = 4096;
  /** The sampling horizon in sample sizes: past {@code HORIZON_FACTOR * sampleSize} shingles, admission is constant. */
  static final int HORIZON_FACTOR = 8;

  private final int shingle;
  private final int sampleSize;
  private final long horizon;
  private final double bandWidth;
  private final int warmUp;
  private final Tree[] forest;
  /** The last {@code shingle - 1} learned values, ring. */
  private final double[] history;
  private long learned;
  /** Scratch: the shingle being scored. */
  private final double[] point;
  private double meanRaw;
  private long rawCount;

  RandomCutForestDetector(DetectorOptions options, int shingle, int trees, int sampleSize, long horizon) {
    this(options, shingle, trees, sampleSize, horizon, false);
  }

  RandomCutForestDetector(DetectorOptions options, int shingle, int trees, int sampleSize, long horizon,
      boolean gapSampling) {
    super(options);
    this.shingle = shingle;
    this.sampleSize = sampleSize;
    this.horizon = horizon;
    this.bandWidth = options.bandWidth();
    this.warmUp = Math.max(options.warmUp(), 0);
    this.history = new double[Math.max(1, shingle - 1)];
    this.point = new double[shingle];
    SplittableRandom seeds = new SplittableRandom(options.seed());
    this.forest = new Tree[trees];
    for (int i = 0; i < trees; i++) {
      forest[i] = new Tree(shingle, sampleSize, seeds.split(), gapSampling);
    }
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    if (learned < shingle - 1) {
      if (learn) {
        remember(value);
      }
      return 0.0;
    }
    for (int i = 0; i < shingle - 1; i++) {
      point[i] = history[(int) ((learned - (shingle - 1) + i) % history.length)];
    }
    point[shingle - 1] = value;
    double raw = 0.0;
    boolean scorable = forest[0].size() >= Math.min(sampleSize, 16);
    if (scorable) {
      for (Tree t : forest) {
        raw += t.displacement(point);
      }
      raw /= forest.length;
    }
    double s = 0.0;
    if (scorable && rawCount > 0 && learned - (shingle - 1) >= warmUp) {
      double ratio = meanRaw > 0.0 ? raw / meanRaw : raw > 0.0 ? Double.POSITIVE_INFINITY : 0.0;
      s = Double.isInfinite(ratio) ? 1.0 : ratio / (ratio + bandWidth);
    }
    if (learn) {
      if (scorable) {
        rawCount++;
        meanRaw += (raw - meanRaw) / Math.min(rawCount, horizon);
      }
      offer(value);
    }
    return s;
  }

  /**
   * Learns the point without its virtual insertion: the trees are offered the shingle exactly as after
   * {@link #score(long, double, boolean)}, but the usual displacement is not updated (it only follows scored points).
   */
  @Override
  void pass(long epochMillis, double value, boolean learn) {
    if (!learn) {
      return;
    }
    if (learned < shingle - 1) {
      remember(value);
      return;
    }
    long seen = learned - (shingle - 1) + 1;
    boolean skipped = true;
    for (Tree t : forest) {
      skipped &= t.skips(seen, horizon);
    }
    if (skipped) { // no tree admits this shingle: count it without building it (same random draws)
      for (Tree t : forest) {
        t.skip();
      }
      remember(value);
      return;
    }
    for (int i = 0; i < shingle - 1; i++) {
      point[i] = history[(int) ((learned - (shingle - 1) + i) % history.length)];
    }
    point[shingle - 1] = value;
    offer(value);
  }

  /** Offers the shingle in {@code point} (ending in {@code value}) to every tree and remembers the value. */
  private void offer(double value) {
    long seen = learned - (shingle - 1) + 1;
    for (Tree t : forest) {
      t.offer(point, seen, horizon);
    }
    remember(value);
  }

  private void remember(double value) {
    if (shingle > 1) {
      history[(int) (learned % history.length)] = value;
    }
    learned++;
  }

  /**
   * One random cut tree over a bounded sample, in flat arrays. Nodes {@code 0 .. 2 capacity - 2}; a leaf holds its
   * point in {@code lo} (= {@code hi}) and its multiplicity in {@code count}.
   */
  static final class Tree {

    private static final int NONE = -1;

    private final int dim;
    private final int capacity;
    private final SplittableRandom random;
    private final int[] parent;
    private final int[] left;
    private final int[] right;
    private final int[] count;
    private final int[] cutDim;
    private final double[] cutValue;
    private final double[] lo;
    private final double[] hi;
    private final int[] free;
    private int freeTop;
    private int root = NONE;
    /** One entry per sampled shingle: the leaf holding it (a leaf of multiplicity m appears m times). */
    private final int[] sample;
    private int sampled;
    /** Scratch: the path of a descent. */
    private final int[] path;
    /** Whether admissions past the horizon are drawn as geometric gaps (one draw per admission). */
    private final boolean gapSampling;
    /** With gap sampling past the horizon: shingles to skip before the next admission; -1 before the first draw. */
    private long gap = -1;

    Tree(int dim, int capacity, SplittableRandom random) {
      this(dim, capacity, random, false);
    }

    Tree(int dim, int capacity, SplittableRandom random, boolean gapSampling) {
      this.gapSampling = gapSampling;
      this.dim = dim;
      this.capacity = capacity;
      this.random = random;
      int nodes = 2 * capacity + 1; // one leaf and one branch spare: a point may be inserted before one is deleted
      parent = new int[nodes];
      left = new int[nodes];
      right = new int[nodes];
      count = new int[nodes];
      cutDim = new int[nodes];
      cutValue = new double[nodes];
      lo = new double[nodes * dim];
      hi = new double[nodes * dim];
      free = new int[nodes];
      for (int i = 0; i < nodes; i++) {
        free[i] = nodes - 1 - i;
      }
      freeTop = nodes;
      sample = new int[capacity];
      path = new int[nodes + 1];
    }

    int size() {
      return sampled;
    }

    /**
     * Collusive displacement of {@code p} if it were inserted now: the cuts are drawn as an insertion would draw
     * them, the tree is not changed.
     */
    double displacement(double[] p) {
      if (root == NONE) {
        return 0.0;
      }
      int depth = 0;
      int node = root;
      int siblingOfNew = NONE; // the node the new leaf would become a sibling of; NONE: p joins a duplicate leaf
      while (true) {
        path[depth++] = node;
        int c = separatingCut(node, p);
        if (c != 0) {
          siblingOfNew = node;
          break;
        }
        if (left[node] == NONE) {
          break; // a leaf equal to p
        }
        node = p[cutDim[node]] <= cutValue[node] ? left[node] : right[node];
      }
      double best;
      int below; // size of the subtree containing p, at the current level
      if (siblingOfNew != NONE) {
        best = count[siblingOfNew];
        below = count[siblingOfNew] + 1;
      } else {
        best = 0.0;
        below = count[node] + 1;
      }
      for (int i = depth - 1; i > 0; i--) {
        int child = path[i];
        int up = path[i - 1];
        int sibling = left[up] == child ? right[up] : left[up];
        best = Math.max(best, (double) count[sibling] / below);
        below = count[up] + 1;
      }
      return best;
    }

    /**
     * Draws a cut on {@code node}'s box extended by {@code p}; returns -1 if it separates {@code p} below the box,
     * +1 above it, 0 if it falls inside the box (or the box and {@code p} are one point). A cut on the extended box is
     * uniform over the sum of its extents, so it separates {@code p} with probability (extension by {@code p}) /
     * (extended sum); a point inside the box is never separated and draws nothing. The separating cut is left in
     * {@code drawnDim} and {@code drawnValue}.
     */
    private int separatingCut(int node, double[] p) {
      int base = node * dim;
      double outside = 0.0;
      double inside = 0.0;
      for (int k = 0; k < dim; k++) {
        double l = lo[base + k];
        double h = hi[base + k];
        double x = p[k];
        outside += x < l ? l - x : x > h ? x - h : 0.0;
        inside += h - l;
      }
      if (!(outside > 0.0)) {
        return 0;
      }
      double r = random.nextDouble() * (outside + inside);
      if (r >= outside && left[node] != NONE) {
        return 0;
      }
      // r falls in the extension by p (a leaf has no extent of its own, so its cut always separates).
      r = Math.min(r, outside);
      int chosen = -1;
      for (int k = 0; k < dim; k++) {
        double l = lo[base + k];
        double h = hi[base + k];
        double x = p[k];
        double e = x < l ? l - x : x > h ? x - h : 0.0;
        if (e > 0.0) {
          chosen = k;
          if (r < e) {
            break;
          }
          r -= e;
        }
      }
      double x = p[chosen];
      double boxLo = lo[base + chosen];
      drawnDim = chosen;
      if (x < boxLo) {
        drawnValue = Math.max(x, Math.min(x + r, Math.nextDown(boxLo))); // x <= drawnValue < boxLo
        return -1;
      }
      double boxHi = hi[base + chosen];
      drawnValue = Math.max(boxHi, Math.min(boxHi + r, Math.nextDown(x))); // boxHi <= drawnValue < x
      return 1;
    }

    private int drawnDim;
    private double drawnValue;

    /** Whether {@link #offer} will skip the {@code seen}-th shingle without a random draw (gap sampling). */
    boolean skips(long seen, long horizon) {
      return gapSampling && seen > horizon && gap > 0;
    }

    /** Counts a shingle that {@link #skips} said is skipped, exactly as {@link #offer} would. */
    void skip() {
      gap--;
    }

    /** Offers the {@code seen}-th shingle to the sample (reservoir, then constant admission past the horizon). */
    void offer(double[] p, long seen, long horizon) {
      if (sampled < capacity) {
        sample[sampled++] = insert(p);
        return;
      }
      if (gapSampling && seen > horizon) {
        if (gap < 0) {
          gap = nextGap(horizon);
        }
        if (gap > 0) {
          gap--;
          return;
        }
        int slot = random.nextInt(capacity);
        delete(sample[slot]);
        sample[slot] = insert(p);
        gap = nextGap(horizon);
        return;
      }
      long range = Math.min(seen, horizon);
      long j = random.nextLong(range);
      if (j < capacity) {
        int slot = (int) j;
        delete(sample[slot]);
        sample[slot] = insert(p);
      }
    }

    /**
     * Shingles skipped before the next admission when each is admitted with probability {@code capacity / horizon}:
     * geometric, {@code floor(ln(u) / ln(1 - q))} with {@code u} uniform in {@code (0, 1]}.
     */
    long nextGap(long horizon) {
      double q = (double) capacity / horizon;
      if (q >= 1.0) {
        return 0;
      }
      double u = 1.0 - random.nextDouble();
      return (long) Math.floor(Math.log(u) / Math.log1p(-q));
    }

    private int allocate() {
      return free[--freeTop];
    }

    private void release(int node) {
      free[freeTop++] = node;
    }

    /** Inserts {@code p} with fresh cuts; returns its leaf. */
    int insert(double[] p) {
      if (root == NONE) {
        int leaf = newLeaf(p);
        parent[leaf] = NONE;
        root = leaf;
        return leaf;
      }
      int node = root;
      while (true) {
        int c = separatingCut(node, p);
        if (c != 0) {
          int leaf = newLeaf(p);
          int branch = allocate();
          int up = parent[node];
          cutDim[branch] = drawnDim;
          cutValue[branch] = drawnValue;
          if (c < 0) {
            left[branch] = leaf;
            right[branch] = node;
          } else {
            left[branch] = node;
            right[branch] = leaf;
          }
          parent[leaf] = branch;
          parent[node] = branch;
          parent[branch] = up;
          count[branch] = count[node] + 1;
          int bb = branch * dim;
          int nb = node * dim;
          for (int k = 0; k < dim; k++) {
            lo[bb + k] = Math.min(lo[nb + k], p[k]);
            hi[bb + k] = Math.max(hi[nb + k], p[k]);
          }
          if (up == NONE) {
            root = branch;
          } else if (left[up] == node) {
            left[up] = branch;
          } else {
            right[up] = branch;
          }
          return leaf;
        }
        count[node]++;
        if (left[node] == NONE) {
          return node; // duplicate of this leaf
        }
        int nb = node * dim;
        for (int k = 0; k < dim; k++) {
          lo[nb + k] = Math.min(lo[nb + k], p[k]);
          hi[nb + k] = Math.max(hi[nb + k], p[k]);
        }
        node = p[cutDim[node]] <= cutValue[node] ? left[node] : right[node];
      }
    }

    private int newLeaf(double[] p) {
      int leaf = allocate();
      left[leaf] = NONE;
      right[leaf] = NONE;
      count[leaf] = 1;
      System.arraycopy(p, 0, lo, leaf * dim, dim);
      System.arraycopy(p, 0, hi, leaf * dim, dim);
      return leaf;
    }

    /** Removes one copy of the shingle held by {@code leaf}. */
    void delete(int leaf) {
      if (count[leaf] > 1) {
        for (int n = leaf; n != NONE; n = parent[n]) {
          count[n]--;
        }
        return;
      }
      int up = parent[leaf];
      release(leaf);
      if (up == NONE) {
        root = NONE;
        return;
      }
      int sibling = left[up] == leaf ? right[up] : left[up];
      int grand = parent[up];
      parent[sibling] = grand;
      release(up);
      if (grand == NONE) {
        root = sibling;
        return;
      }
      if (left[grand] == up) {
        left[grand] = sibling;
      } else {
        right[grand] = sibling;
      }
      boolean boxesMayShrink = true;
      for (int n = grand; n != NONE; n = parent[n]) {
        count[n]--;
        if (boxesMayShrink) {
          boxesMayShrink = false;
          int nb = n * dim;
          int lb = left[n] * dim;
          int rb = right[n] * dim;
          for (int k = 0; k < dim; k++) {
            double l = Math.min(lo[lb + k], lo[rb + k]);
            double h = Math.max(hi[lb + k], hi[rb + k]);
            boxesMayShrink |= l != lo[nb + k] || h != hi[nb + k];
            lo[nb + k] = l;
            hi[nb + k] = h;
          }
        }
      }
    }

    /** Collusive displacement of the sampled shingle held by {@code leaf} (the paper's definition); for tests. */
    double collusiveDisplacement(int leaf) {
      double best = 0.0;
      for (int n = leaf; parent[n] != NONE; n = parent[n]) {
        int up = parent[n];
        int sibling = left[up] == n ? right[up] : left[up];
        best = Math.max(best, (double) count[sibling] / count[n]);
      }
      return best;
    }

    /** Checks the tree's invariants (counts, boxes, cuts, parent links); for tests. */
    boolean consistent() {
      if (root == NONE) {
        return sampled == 0;
      }
      return parent[root] == NONE && check(root) == sampled;
    }

    private int check(int node) {
      if (left[node] == NONE) {
        return count[node];
      }
      int l = left[node];
      int r = right[node];
      if (parent[l] != node || parent[r] != node) {
        return -1;
      }
      int a = check(l);
      int b = check(r);
      if (a < 0 || b < 0 || a + b != count[node]) {
        return -1;
      }
      int nb = node * dim;
      for (int k = 0; k < dim; k++) {
        if (lo[nb + k] != Math.min(lo[l * dim + k], lo[r * dim + k])
            || hi[nb + k] != Math.max(hi[l * dim + k], hi[r * dim + k])) {
          return -1;
        }
      }
      int d = cutDim[node];
      if (hi[l * dim + d] > cutValue[node] || lo[r * dim + d] <= cutValue[node]) {
        return -1;
      }
      return count[node];
    }
  }
}
