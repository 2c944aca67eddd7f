package io.stratus.timeseries.changepoint;

/**
 * Test oracle: Bayesian online change points computed the direct way, with {@link Math#exp(double)} on every run
 * length's log-density relative to the best, no pruning and no truncation below the cap (the same folding of the
 * last slot as {@link BayesianChangePoint}). Not thread-safe.
 */
final class ExactBocpdReference {


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
  ExactBocpdReference(double hazard, int maxRunLength, double priorSd, int recent) {
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
      double joint = prob[r] * Math.exp(logPred[r] - maxLog);
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
