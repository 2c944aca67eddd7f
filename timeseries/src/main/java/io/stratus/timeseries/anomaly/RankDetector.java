package io.stratus.timeseries.anomaly;

/**
 * Rank (quantile) calibration of a member detector's raw score: the score is how rare the current raw score is among
 * the member's recent raw scores, {@code -ln(p) / ln(window)} clipped to {@code [0, 1]}, where {@code p} is the
 * exponentially weighted share (span {@code window}) of past raw scores at or above the current one (ties count half).
 * 1 means "more extreme than anything in about the last {@code window} points", whatever the member's scale or the
 * series' noise, so one threshold fits every series without assuming a distribution. A raw score of 0 (nothing unusual
 * at all) stays 0.
 *
 * <p>Raw scores are counted in {@value #BINS} equal bins over {@code [0, 1]}, held in a Fenwick tree whose increments
 * grow geometrically instead of decaying every bin, so each point costs two walks of {@code log2(BINS)} steps and
 * memory is bounded. Nothing is scored (0) until {@code warmUp} raw scores have been learned. Not thread-safe.
 */
final class RankDetector extends AbstractDetector {

  static final int BINS = 1024;
  private static final double RESCALE_AT = 1e200;

  private final StreamingDetector raw;
  private final AbstractDetector rawInternal;
  private final double[] tree = new double[BINS + 1];
  private final double growth;
  private final double logWindow;
  private final int warmUp;
  private double increment = 1.0;
  private double total;
  private long learned;

  RankDetector(DetectorOptions options, StreamingDetector raw) {
    super(options);
    this.raw = raw;
    this.rawInternal = raw instanceof AbstractDetector ? (AbstractDetector) raw : null;
    this.growth = 1.0 / (1.0 - 2.0 / (options.window() + 1.0));
    this.logWindow = Math.log(options.window());
    this.warmUp = Math.max(2, options.warmUp());
  }

  static int bin(double score) {
    return Math.min(BINS - 1, (int) (score * BINS));
  }

  /** Weight of bins {@code 0 .. b - 1}. */
  private double below(int b) {
    double s = 0.0;
    for (int i = b; i > 0; i -= i & -i) {
      s += tree[i];
    }
    return s;
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double r = rawInternal != null ? rawInternal.score(epochMillis, value, learn) : raw.update(epochMillis, value).score();
    int b = bin(r);
    double s = 0.0;
    if (learned >= warmUp && r > 0.0) {
      double lower = below(b);
      double upTo = below(b + 1);
      double share = (total - upTo + 0.5 * (upTo - lower) + 0.5 * increment) / (total + increment);
      s = Math.max(0.0, Math.min(1.0, -Math.log(share) / logWindow));
    }
    if (learn) {
      for (int i = b + 1; i <= BINS; i += i & -i) {
        tree[i] += increment;
      }
      total += increment;
      learned++;
      increment *= growth;
      if (increment > RESCALE_AT) {
        for (int i = 1; i <= BINS; i++) {
          tree[i] /= increment;
        }
        total /= increment;
        increment = 1.0;
      }
    }
    return s;
  }

  /** Passes the point to the raw detector (which may skip its scoring work); the rank stage learns nothing. */
  @Override
  void pass(long epochMillis, double value, boolean learn) {
    if (rawInternal != null) {
      rawInternal.pass(epochMillis, value, learn);
    } else {
      raw.update(epochMillis, value);
    }
  }
}
