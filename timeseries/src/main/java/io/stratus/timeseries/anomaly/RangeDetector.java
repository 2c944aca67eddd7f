package io.stratus.timeseries.anomaly;

/**
 * New-extreme ("spatial") detector, as in Numenta's NAB detector: a point scores 1 when it lies beyond the smallest or
 * largest value learned so far by more than {@value #TOLERANCE} of their range, and 0 otherwise. It catches level
 * shifts and spikes to values never seen before, whatever the series' noise. Scores 0 until {@code warmUp} points have
 * been learned and while the learned range is empty. Constant memory and time. Not thread-safe.
 */
final class RangeDetector extends AbstractDetector {

  static final double TOLERANCE = 0.05;

  private final int warmUp;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long learned;

  RangeDetector(DetectorOptions options) {
    super(options);
    this.warmUp = Math.max(2, options.warmUp());
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    double s = 0.0;
    if (learned >= warmUp && max > min) {
      double tolerance = (max - min) * TOLERANCE;
      if (value > max + tolerance || value < min - tolerance) {
        s = 1.0;
      }
    }
    if (learn) {
      min = Math.min(min, value);
      max = Math.max(max, value);
      learned++;
    }
    return s;
  }
}
