package io.stratus.timeseries.anomaly;

/**
 * Anomaly likelihood (after the calibration stage of Numenta's HTM detector, Ahmad et al. 2017): turns the raw score of
 * a member detector into how unusual that raw score is for this series. The short-term mean of the last
 * {@code averaging} raw scores is compared with the long-term exponentially weighted mean and deviation of the raw
 * scores (span {@code window}); the calibrated score is the upper Gaussian tail probability {@code q} of that short
 * mean on a log scale, {@code -ln(q) / ln(1e10)} clipped to {@code [0, 1]}: 0.5 is a tail probability of 1e-5, 1 is
 * 1e-10 or less. A series whose raw scores are always high (noisy) therefore needs a larger raw score to alert than a
 * quiet one, so one threshold fits many series.
 *
 * <p>As in HTM, the long-term mean and deviation are floored ({@value #MEAN_FLOOR}, {@value #STD_FLOOR}) so that a
 * member that has scored nothing but 0 does not turn the first small raw score into an alert. The raw score is scored
 * before it is learned; nothing is scored (0) until the member's raw scores have been learned for {@code warmUp}
 * points. Constant memory ({@code averaging} doubles) and time per point. Not thread-safe.
 */
final class LikelihoodDetector extends AbstractDetector {

  static final double MEAN_FLOOR = 0.03;
  static final double STD_FLOOR = 0.0173;
  private static final double LOG_TAIL_FLOOR = Math.log(1e10);
  private static final double LN2 = Math.log(2.0);
  private static final double SQRT_HALF = Math.sqrt(0.5);

  private final StreamingDetector raw;
  private final AbstractDetector rawInternal;
  private final double[] recent;
  private final double alpha;
  private final int warmUp;
  private int next;
  private int filled;
  private double recentSum;
  private double mean;
  private double variance;
  private long learned;

  LikelihoodDetector(DetectorOptions options, StreamingDetector raw, int averaging) {
    super(options);
    this.raw = raw;
    this.rawInternal = raw instanceof AbstractDetector ? (AbstractDetector) raw : null;
    this.recent = new double[averaging];
    this.alpha = 2.0 / (options.window() + 1.0);
    this.warmUp = Math.max(2, options.warmUp());
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double r = rawInternal != null ? rawInternal.score(epochMillis, value, learn) : raw.update(epochMillis, value).score();
    // The short-term mean includes the current raw score: it is what is being judged.
    double sum = recentSum - recent[next] + r;
    int count = Math.min(filled + 1, recent.length);
    double shortMean = sum / count;
    double s = 0.0;
    if (learned >= warmUp) {
      double m = Math.max(mean, MEAN_FLOOR);
      double sd = Math.max(Math.sqrt(variance), STD_FLOOR);
      s = calibrate((shortMean - m) / sd);
    }
    if (learn) {
      recentSum = sum;
      recent[next] = r;
      next = next + 1 == recent.length ? 0 : next + 1;
      filled = count;
      if (learned == 0) {
        mean = r;
      } else {
        double a = Math.max(alpha, 1.0 / (learned + 1));
        double diff = r - mean;
        double incr = a * diff;
        mean += incr;
        variance = (1.0 - a) * (variance + diff * incr);
      }
      learned++;
    }
    return s;
  }

  /**
   * Maps a standardized deviation {@code z} to {@code -ln(Q(z)) / ln(1e10)} clipped to {@code [0, 1]}, where
   * {@code Q} is the upper standard normal tail; 0 for {@code z <= 0}. Uses the Chebyshev fit of {@code erfc} from
   * Numerical Recipes (fractional error below 1.2e-7 everywhere), in log form so that only one logarithm is needed.
   */
  static double calibrate(double z) {
    if (!(z > 0.0)) {
      return 0.0;
    }
    if (z > 12.0) {
      return 1.0; // Q(12) is about 1.8e-33, far past the 1e-10 ceiling
    }
    double x = z * SQRT_HALF;
    double t = 1.0 / (1.0 + 0.5 * x);
    double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277))))))));
    double logErfc = Math.log(t) + poly;
    double negLogTail = LN2 - logErfc;
    return Math.max(0.0, Math.min(1.0, negLogTail / LOG_TAIL_FLOOR));
  }
}
