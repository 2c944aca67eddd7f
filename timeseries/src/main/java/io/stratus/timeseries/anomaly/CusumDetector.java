package io.stratus.timeseries.anomaly;

import io.stratus.timeseries.changepoint.Cusum;

/**
 * Level-shift detector: a two-sided {@link Cusum} over points standardized by a slow exponentially weighted mean and
 * standard deviation (span {@code window}). The decision interval is {@code 2 * bandWidth} and the allowance 0.5
 * standard deviations; the score reaches 0.5 when the CUSUM signals. After a signal the baseline mean jumps to the
 * mean of the recent points (span {@code window / 16}), so the new level becomes the reference at once. Constant time
 * and memory. Not thread-safe.
 */
final class CusumDetector extends AbstractDetector {

  private final Cusum cusum;
  private final double h;
  private final double slowAlpha;
  private final double fastAlpha;
  private final int warmUp;
  private double mean;
  private double variance;
  private double fastMean;
  private long trained;

  CusumDetector(DetectorOptions options) {
    super(options);
    this.h = 2.0 * options.bandWidth();
    this.cusum = new Cusum(0.5, h);
    this.slowAlpha = 2.0 / (options.window() + 1.0);
    this.fastAlpha = 2.0 / (Math.max(2, options.window() / 16) + 1.0);
    this.warmUp = Math.max(2, options.warmUp());
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double score = 0.0;
    if (trained >= warmUp) {
      double sigma = Math.max(Math.sqrt(variance), Scores.scaleFloor(mean));
      double z = (value - mean) / sigma;
      // Clip single outliers so one spike cannot trip the level-shift test on its own.
      z = Math.max(-4.0, Math.min(4.0, z));
      if (learn) {
        boolean change = cusum.update(z);
        score = Scores.fromBandRatio(cusum.statistic());
        if (change) {
          mean = fastMean;
        }
      } else {
        double up = Math.max(0.0, cusum.upper() + z - 0.5);
        double down = Math.max(0.0, cusum.lower() - z - 0.5);
        score = Scores.fromBandRatio(Math.max(up, down) / h);
      }
    }
    if (learn) {
      if (trained == 0) {
        mean = value;
        fastMean = value;
      } else {
        double a = Math.max(slowAlpha, 1.0 / (trained + 1));
        double diff = value - mean;
        double incr = a * diff;
        mean += incr;
        variance = (1.0 - a) * (variance + diff * incr);
        fastMean += Math.max(fastAlpha, 1.0 / (trained + 1)) * (value - fastMean);
      }
      trained++;
    }
    return score;
  }
}
