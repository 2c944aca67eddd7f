package io.stratus.timeseries.changepoint;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Bayesian online change-point detection (Adams and MacKay, 2007) for shifts in level, with a truncated run-length
 * distribution. Observations are standardized (unit variance within a regime); each regime's mean has a Normal prior
 * with mean 0 and standard deviation {@code priorSd}, and a change happens before any observation with constant
 * probability {@code hazard}. The posterior over the current run length (observations since the last change) is kept
 * for run lengths {@code 0 .. maxRunLength - 1}; longer runs are folded into the last one (which keeps the
 * statistics of its most probable run), so each observation costs {@code O(maxRunLength)} time and the memory is
 * fixed.
 *
 * <p>Not thread-safe.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class BayesianChangePoint {

  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2 = 0.6931471805599453;
  private static final double PRUNE = 1e-12;

  private final double hazard;
  private final int maxRun;
  private final double priorPrecision;
  private final int recent;
  private double[] prob;
  private double[] count;
  private double[] sum;
  private double[] nextProb;
  private double[] nextCount;
  private double[] nextSum;
  private final double[] logPred;
  private final int tableSize;
  private final double[] invPrecision;
  private final double[] invVariance;
  private final double[] halfLogVariance;
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
    this.priorPrecision = 1.0 / (priorSd * priorSd);
    this.recent = recent;
    this.prob = new double[maxRunLength];
    this.count = new double[maxRunLength];
    this.sum = new double[maxRunLength];
    this.nextProb = new double[maxRunLength];
    this.nextCount = new double[maxRunLength];
    this.nextSum = new double[maxRunLength];
    this.logPred = new double[maxRunLength];
    this.tableSize = maxRunLength + 1;
    this.invPrecision = new double[tableSize];
    this.invVariance = new double[tableSize];
    this.halfLogVariance = new double[tableSize];
    for (int c = 0; c < tableSize; c++) {
      double precision = priorPrecision + c;
      double variance = 1.0 + 1.0 / precision;
      invPrecision[c] = 1.0 / precision;
      invVariance[c] = 1.0 / variance;
      halfLogVariance[c] = 0.5 * Math.log(variance);
    }
    prob[0] = 1.0;
  }

  /**
   * Adds one standardized observation and updates the run-length posterior.
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
    // The predictive log-densities, up to the constant -log(sqrt(2 pi)) that cancels in the normalization. Runs of
    // integer length below the table size (all but the folded last slot) read 1/precision, 1/variance and
    // log(variance)/2 from tables instead of dividing and taking a logarithm per run length.
    double maxLog = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < active; r++) {
      double c = count[r];
      int ci = (int) c;
      double d;
      double lp;
      if (ci == c && ci < tableSize) {
        d = z - sum[r] * invPrecision[ci];
        lp = -0.5 * d * d * invVariance[ci] - halfLogVariance[ci];
      } else {
        double precision = priorPrecision + c;
        double variance = 1.0 + 1.0 / precision;
        d = z - sum[r] / precision;
        lp = -0.5 * d * d / variance - 0.5 * Math.log(variance);
      }
      logPred[r] = lp;
      maxLog = Math.max(maxLog, lp);
    }
    int newActive = Math.min(active + 1, maxRun);
    double changeMass = 0.0;
    int last = maxRun - 1;
    if (newActive == maxRun) {
      nextProb[last] = 0.0; // the only slot that can receive two runs
    }
    for (int r = 0; r < active; r++) {
      double joint = prob[r] * expNonPositive(logPred[r] - maxLog);
      changeMass += joint * hazard;
      double grow = joint * (1.0 - hazard);
      if (r + 1 < last) {
        nextProb[r + 1] = grow;
        nextCount[r + 1] = count[r] + 1;
        nextSum[r + 1] = sum[r] + z;
      } else {
        // The last slot folds runs longer than maxRunLength - 1 and keeps the statistics of its dominant run.
        if (grow >= nextProb[last]) {
          nextCount[last] = count[r] + 1;
          nextSum[last] = sum[r] + z;
        }
        nextProb[last] += grow;
      }
    }
    nextProb[0] = changeMass;
    nextCount[0] = 0.0;
    nextSum[0] = 0.0;
    double total = 0.0;
    for (int r = 0; r < newActive; r++) {
      total += nextProb[r];
    }
    if (!(total > 0.0)) {
      // No run length explains z at all: restart from a change now.
      nextProb[0] = 1.0;
      total = 1.0;
      newActive = 1;
    }
    double recentMass = 0.0;
    double best = -1.0;
    double scale = 1.0 / total;
    for (int r = 0; r < newActive; r++) {
      double p = nextProb[r] * scale;
      // Prune: a run length below PRUNE of the posterior mass is dropped (set to 0). This changes no probability by
      // more than maxRunLength * PRUNE and keeps products of tiny weights out of the slow subnormal range.
      p = p < PRUNE ? 0.0 : p;
      nextProb[r] = p;
      if (r < recent) {
        recentMass += p;
      }
      if (p > best) {
        best = p;
        mapRunLength = r;
      }
    }
    double[] t = prob;
    prob = nextProb;
    nextProb = t;
    t = count;
    count = nextCount;
    nextCount = t;
    t = sum;
    sum = nextSum;
    nextSum = t;
    active = newActive;
    recentProbability = Math.min(1.0, recentMass);
    return recentProbability;
  }

  /**
   * {@code exp(x)} for {@code x <= 0}, within about 2e-10 relative error (exact enough for posterior weights): the
   * integer part of {@code x / ln 2} goes into the exponent bits, the fraction through a degree-9 Taylor polynomial of
   * {@code exp} on {@code [-ln 2 / 2, ln 2 / 2]}. Much cheaper than {@link Math#exp(double)}, which dominated the
   * update; results are deterministic.
   */
  static double expNonPositive(double x) {
    if (!(x > -600.0)) {
      return 0.0; // below e^-600 relative to the best run: no weight (also for NaN)
    }
    long k = (long) (x * LOG2E - 0.5); // x <= 0: rounds x / ln 2 to a nearest integer
    double f = x - k * LN2; // |f| <= ln 2 / 2
    double p = 1.0 + f * (1.0 + f * (1.0 / 2 + f * (1.0 / 6 + f * (1.0 / 24 + f * (1.0 / 120 + f * (1.0 / 720
        + f * (1.0 / 5040 + f * (1.0 / 40320 + f * (1.0 / 362880)))))))));
    return p * Double.longBitsToDouble((k + 1023L) << 52);
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
