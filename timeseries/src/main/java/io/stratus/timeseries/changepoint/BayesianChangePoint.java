package io.stratus.timeseries.changepoint;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Bayesian online change-point detection (Adams and MacKay, 2007) for shifts in level, with a truncated run-length
 * distribution. Observations are standardized (unit variance within a regime); each regime's mean has a Normal prior
 * with mean 0 and standard deviation {@code priorSd}, and a change happens before any observation with constant
 * probability {@code hazard}. The posterior over the current run length (observations since the last change) is kept
 * for run lengths {@code 0 .. maxRunLength - 1}; longer runs are folded into the last one (which keeps the
 * statistics of its most probable run), so each observation costs at most {@code O(maxRunLength)} time and the
 * memory is fixed. Run lengths whose posterior mass falls below {@code 1e-12} are dropped, and the predictive densities
 * use a polynomial exponential with a documented relative error (see {@link #update(double)}); a test checks that the
 * result finds the same change points as the direct computation.
 *
 * <p>Not thread-safe.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BayesianChangePoint {

  /** {@link #expBounded(double)} divides its argument by {@code 2^7} and squares 7 times. */
  private static final int EXP_SQUARINGS = 7;
  /** Lowest argument {@link #expBounded(double)} takes exactly; lower ones are raised to it. */
  static final double EXP_FLOOR = -64.0;
  private static final double PRUNE = 1e-12;

  private final double hazard;
  private final int maxRun;
  private final int last;
  private final double priorPrecision;
  private final int recent;
  private double[] prob;
  private double[] sum;
  private double[] nextProb;
  private double[] nextSum;
  private final double[] cost;
  private final double[] invPrecision;
  private final double[] halfInvVariance;
  private final double[] halfLogVariance;
  /** Observations of the run in the last (folded) slot; the other slots hold runs of length = slot index. */
  private double lastCount;
  private int active = 1;
  private double recentProbability;
  private int mapRunLength;

  /**
   * Creates a detector.
   *
   * @param hazard prior probability of a change before each observation, within {@code (0, 1)}; e.g. 1/250
   * @param maxRunLength number of run lengths tracked, at least 2; runs beyond it are folded into the last
   * @param priorSd standard deviation of a regime's mean (in units of the observation noise), positive; e.g. 3
   * @param recent how many of the latest observations count as "recent" for {@link #update(double)}, in
   *     {@code [1, maxRunLength)}
   * @throws IllegalArgumentException if an argument is outside its range
   */
  public BayesianChangePoint(double hazard, int maxRunLength, double priorSd, int recent) {
    if (!(hazard > 0.0 && hazard < 1.0)) {
      throw new IllegalArgumentException("hazard must be within (0, 1), was " + hazard);
    }
    if (maxRunLength < 2) {
      throw new IllegalArgumentException("maxRunLength must be >= 2, was " + maxRunLength);
    }
    if (!(priorSd > 0.0) || Double.isInfinite(priorSd)) {
      throw new IllegalArgumentException("priorSd must be positive and finite, was " + priorSd);
    }
    if (recent < 1 || recent >= maxRunLength) {
      throw new IllegalArgumentException("recent must be within [1, " + maxRunLength + "), was " + recent);
    }
    this.hazard = hazard;
    this.maxRun = maxRunLength;
    this.last = maxRunLength - 1;
    this.priorPrecision = 1.0 / (priorSd * priorSd);
    this.recent = recent;
    this.prob = new double[maxRunLength];
    this.sum = new double[maxRunLength];
    this.nextProb = new double[maxRunLength];
    this.nextSum = new double[maxRunLength];
    this.cost = new double[maxRunLength];
    this.invPrecision = new double[maxRunLength];
    this.halfInvVariance = new double[maxRunLength];
    this.halfLogVariance = new double[maxRunLength];
    for (int c = 0; c < maxRunLength; c++) {
      double precision = priorPrecision + c;
      double variance = 1.0 + 1.0 / precision;
      invPrecision[c] = 1.0 / precision;
      halfInvVariance[c] = 0.5 / variance;
      halfLogVariance[c] = 0.5 * Math.log(variance);
    }
    prob[0] = 1.0;
  }

  /**
   * Adds one standardized observation and updates the run-length posterior.
   *
   * <p>Work per observation is proportional to the number of live run lengths: run lengths whose posterior mass
   * falls below {@code 1e-12} are dropped, and the run lengths above the highest live one are not visited until a run
   * grows into them (adaptive truncation, with {@code maxRunLength} as the hard cap).
   *
   * @param z the observation, standardized to unit variance within a regime; finite
   * @return the posterior probability that a change happened within the last {@code recent} observations, in
   *     {@code [0, 1]}
   * @throws IllegalArgumentException if {@code z} is NaN or infinite
   */
  public double update(double z) {
    if (!Double.isFinite(z)) {
      throw new IllegalArgumentException("z must be finite, was " + z);
    }
    // Slot r < last holds the run of length r, so its count is r and 1/precision, 1/(2 variance) and
    // log(variance)/2 come from tables. The cost is minus the predictive log-density up to the constant
    // log(sqrt(2 pi)), which cancels in the normalization.
    int plain = Math.min(active, last);
    double[] c = cost;
    double[] s = sum;
    double[] ip = invPrecision;
    double[] hiv = halfInvVariance;
    double[] hlv = halfLogVariance;
    // Every loop over run lengths reads and writes the same index (or copies with System.arraycopy), so the JIT can
    // compile it to vector instructions.
    for (int r = 0; r < plain; r++) {
      double d = z - s[r] * ip[r];
      c[r] = d * d * hiv[r] + hlv[r];
    }
    // Reductions with four independent accumulators, so they are not one long chain of dependent operations.
    double least0 = Double.POSITIVE_INFINITY;
    double least1 = Double.POSITIVE_INFINITY;
    double least2 = Double.POSITIVE_INFINITY;
    double least3 = Double.POSITIVE_INFINITY;
    int quad = plain & ~3;
    for (int r = 0; r < quad; r += 4) {
      least0 = Math.min(least0, c[r]);
      least1 = Math.min(least1, c[r + 1]);
      least2 = Math.min(least2, c[r + 2]);
      least3 = Math.min(least3, c[r + 3]);
    }
    for (int r = quad; r < plain; r++) {
      least0 = Math.min(least0, c[r]);
    }
    double least = Math.min(Math.min(least0, least1), Math.min(least2, least3));
    boolean folded = active == maxRun;
    double foldedCost = 0.0;
    if (folded) {
      double precision = priorPrecision + lastCount;
      double variance = 1.0 + 1.0 / precision;
      double d = z - sum[last] / precision;
      foldedCost = 0.5 * d * d / variance + 0.5 * Math.log(variance);
      least = Math.min(least, foldedCost);
    }
    // joint = prior mass x predictive density relative to the best run
    double[] p = prob;
    for (int r = 0; r < plain; r++) {
      c[r] = p[r] * expBounded(least - c[r]);
    }
    double total0 = 0.0;
    double total1 = 0.0;
    double total2 = 0.0;
    double total3 = 0.0;
    for (int r = 0; r < quad; r += 4) {
      total0 += c[r];
      total1 += c[r + 1];
      total2 += c[r + 2];
      total3 += c[r + 3];
    }
    for (int r = quad; r < plain; r++) {
      total0 += c[r];
    }
    double total = (total0 + total1) + (total2 + total3);
    double foldedJoint = folded ? prob[last] * expBounded(least - foldedCost) : 0.0;
    total += foldedJoint;
    int newActive = Math.min(active + 1, maxRun);
    double[] np = nextProb;
    double[] ns = nextSum;
    if (!(total > 0.0)) {
      // No run length explains z at all: restart from a change now.
      np[0] = 1.0;
      ns[0] = 0.0;
      total = 1.0;
      newActive = 1;
    } else {
      // Normalized: the change mass is hazard (it collects hazard x every joint), each run grows one slot up with
      // the rest.
      double keep = (1.0 - hazard) / total;
      for (int r = 0; r < plain; r++) {
        c[r] *= keep;
      }
      System.arraycopy(c, 0, np, 1, plain);
      np[0] = hazard;
      System.arraycopy(s, 0, ns, 1, plain);
      ns[0] = 0.0;
      for (int r = 1; r <= plain; r++) {
        ns[r] += z;
      }
      double foldedCount = lastCount;
      if (plain == last) {
        // The run of length last - 1 grew into the folded slot: count = last.
        lastCount = last;
      }
      if (folded) {
        // The last slot folds runs longer than maxRunLength - 1 and keeps the statistics of its dominant run.
        double grow = foldedJoint * keep;
        if (grow >= np[last]) {
          lastCount = foldedCount + 1;
          ns[last] = sum[last] + z;
        }
        np[last] += grow;
      }
    }
    // Prune: a run length below PRUNE of the posterior mass is dropped (set to 0). This changes no probability by
    // more than maxRunLength * PRUNE and keeps products of tiny weights out of the slow subnormal range.
    int live = 0;
    for (int r = 0; r < newActive; r++) {
      if (np[r] < PRUNE) {
        np[r] = 0.0;
      } else {
        live = r;
      }
    }
    double recentMass = 0.0;
    for (int r = 0, end = Math.min(recent, newActive); r < end; r++) {
      recentMass += np[r];
    }
    // The most probable run length; the first on ties.
    double best = np[0];
    int map = 0;
    for (int r = 1; r <= live; r++) {
      if (np[r] > best) {
        best = np[r];
        map = r;
      }
    }
    mapRunLength = map;
    live++;
    double[] t = prob;
    prob = np;
    nextProb = t;
    t = sum;
    sum = ns;
    nextSum = t;
    // Adaptive truncation: slots above the highest live run length hold no mass and stay unvisited.
    active = Math.max(1, live);
    recentProbability = Math.min(1.0, recentMass);
    return recentProbability;
  }

  /**
   * {@code exp(x)} for {@code x <= 0} without a table or a float-to-integer conversion, so that the loop calling it
   * can be compiled to vector instructions: {@code exp(x) = exp(x / 128)^128}, with {@code exp(x / 128)} from its
   * degree-8 Taylor polynomial and 7 squarings. Arguments below {@link #EXP_FLOOR} are raised to it.
   *
   * <p>Error bound, for {@code EXP_FLOOR <= x <= 0}: with {@code y = x / 128} in {@code [-0.5, 0]} the Taylor
   * remainder is at most {@code |y|^9 / 9!} absolute, so {@code e^|y| |y|^9 / 9!} relative, and each squaring
   * doubles a relative error, so the result is within {@code 128 e^|y| |y|^9 / 9! + 1e-13} relative of
   * {@code exp(x)}: {@code 1.2e-6} at {@code x = -64}, {@code 5e-10} for {@code x >= -28} (weights down to the
   * {@code 1e-12} pruning level) and {@code 3.1e-12} for {@code x >= -16}. The posterior uses it for each run
   * length's weight relative to the best one (whose weight,
   * {@code x = 0}, is exact); weights below {@code e^-64 ~ 1.6e-28} of the best are raised to that, which changes
   * the normalized posterior by less than {@code maxRunLength * 1.6e-28}.
   */
  static double expBounded(double x) {
    double y = Math.max(x, EXP_FLOOR) * (1.0 / (1 << EXP_SQUARINGS));
    double e = 1.0 + y * (1.0 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24 + y * (1.0 / 120 + y * (1.0 / 720
        + y * (1.0 / 5040 + y * (1.0 / 40320))))))));
    e *= e;
    e *= e;
    e *= e;
    e *= e;
    e *= e;
    e *= e;
    e *= e;
    return e;
  }

  /**
   * Returns the most probable current run length after the last observation.
   *
   * @return at least 0, below {@code maxRunLength}
   */
  public int mostLikelyRunLength() {
    return mapRunLength;
  }

  /**
   * Returns the probability returned by the last {@link #update(double)}.
   *
   * @return within {@code [0, 1]}
   */
  public double recentChangeProbability() {
    return recentProbability;
  }
}
