package io.stratus.timeseries.anomaly;

/** Maps deviations to scores in [0, 1]. Stateless. */
final class Scores {

  private Scores() {
  }

  /**
   * Maps a deviation measured in band widths to a score: {@code r^2 / (1 + r^2)}, so 0 maps to 0, the band edge
   * ({@code r = 1}) to 0.5, and large deviations approach 1. Monotone in {@code |r|}.
   */
  static double fromBandRatio(double r) {
    double r2 = r * r;
    if (!(r2 < 1e300)) {
      return r2 != r2 ? 0.0 : 1.0;
    }
    return r2 / (1.0 + r2);
  }

  /** Inverse of {@link #fromBandRatio(double)} for scores in [0, 1). */
  static double toBandRatio(double score) {
    if (score >= 1.0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.sqrt(score / (1.0 - score));
  }

  /** Scale to use when a robust scale collapses to zero: a tiny fraction of the level, never zero. */
  static double scaleFloor(double level) {
    return 1e-9 * Math.max(1.0, Math.abs(level));
  }
}
