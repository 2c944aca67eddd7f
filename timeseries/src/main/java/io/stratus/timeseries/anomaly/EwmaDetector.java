package io.stratus.timeseries.anomaly;

/**
 * Exponentially weighted mean and variance bands: a point's deviation from the exponentially weighted mean, in units
 * of the exponentially weighted standard deviation, with smoothing factor {@code 2 / (window + 1)}. Constant time and
 * memory per point. Not thread-safe.
 */
final class EwmaDetector extends AbstractDetector {

  private final double band;
  private final double alpha;
  private final int warmUp;
  private double mean;
  private double variance;
  private long trained;

  EwmaDetector(DetectorOptions options) {
    super(options);
    this.band = options.bandWidth();
    this.alpha = 2.0 / (options.window() + 1.0);
    this.warmUp = Math.max(2, options.warmUp());
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double s = 0.0;
    if (trained >= warmUp) {
      double sigma = Math.max(Math.sqrt(variance), Scores.scaleFloor(mean));
      s = Scores.fromBandRatio((value - mean) / sigma / band);
    }
    if (learn) {
      if (trained == 0) {
        mean = value;
      } else {
        // Faster start: average plainly until the exponential weight takes over.
        double a = Math.max(alpha, 1.0 / (trained + 1));
        double diff = value - mean;
        double incr = a * diff;
        mean += incr;
        variance = (1.0 - a) * (variance + diff * incr);
      }
      trained++;
    }
    return s;
  }
}
