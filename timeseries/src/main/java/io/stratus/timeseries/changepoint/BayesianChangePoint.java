package io.stratus.timeseries.changepoint;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
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

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

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
    double maxLog = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < active; r++) {
      double precision = priorPrecision + count[r];
      double mean = sum[r] / precision;
      double variance = 1.0 + 1.0 / precision;
      double d = z - mean;
      logPred[r] = -0.5 * d * d / variance - 0.5 * Math.log(variance) - LOG_SQRT_2PI;
      maxLog = Math.max(maxLog, logPred[r]);
    }
    int newActive = Math.min(active + 1, maxRun);
    Arrays.fill(nextProb, 0, newActive, 0.0);
    double changeMass = 0.0;
    for (int r = 0; r < active; r++) {
      double joint = prob[r] * Math.exp(logPred[r] - maxLog);
      changeMass += joint * hazard;
      // The last slot folds runs longer than maxRunLength - 1 and keeps the statistics of its dominant run.
      int target = Math.min(r + 1, maxRun - 1);
      double grow = joint * (1.0 - hazard);
      if (grow >= nextProb[target]) {
        nextCount[target] = count[r] + 1;
        nextSum[target] = sum[r] + z;
      }
      nextProb[target] += grow;
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
    for (int r = 0; r < newActive; r++) {
      double p = nextProb[r] / total;
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
