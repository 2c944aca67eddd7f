package io.stratus.timeseries.anomaly;

/**
 * Seasonal dynamic baseline: one exponentially weighted mean and variance per calendar slot (hour of day or hour of
 * week), so that a point is compared with what is usual at that time. Each slot adapts with span
 * {@code max(8, window / 4)} observations and scores once it has {@code min(warmUp, 16)} of its own. Bounded memory
 * (three numbers per slot). Not thread-safe.
 */
final class SeasonalBaselineDetector extends AbstractDetector {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private final double band;
  private final double alpha;
  private final int slotWarmUp;
  private final long offsetMillis;
  private final boolean weekly;
  private final double[] mean;
  private final double[] variance;
  private final long[] count;

  SeasonalBaselineDetector(DetectorOptions options) {
    super(options);
    this.band = options.bandWidth();
    this.alpha = 2.0 / (Math.max(8, options.window() / 4) + 1.0);
    this.slotWarmUp = Math.max(2, Math.min(options.warmUp(), 16));
    this.offsetMillis = options.zone().getTotalSeconds() * 1000L;
    this.weekly = options.seasonality() == DetectorOptions.Seasonality.HOUR_OF_WEEK;
    int slots = options.seasonality().slots();
    this.mean = new double[slots];
    this.variance = new double[slots];
    this.count = new long[slots];
  }

  int slot(long epochMillis) {
    long local = epochMillis + offsetMillis;
    int hour = (int) (Math.floorMod(local, DAY) / HOUR);
    if (!weekly) {
      return hour;
    }
    // 1970-01-01 was a Thursday; Monday is day 0.
    int dayOfWeek = (int) Math.floorMod(Math.floorDiv(local, DAY) + 3, 7L);
    return dayOfWeek * 24 + hour;
  }

  @Override
  double score(long epochMillis, double value, boolean learn) {
    int s = slot(epochMillis);
    double score = 0.0;
    long n = count[s];
    if (n >= slotWarmUp) {
      double sigma = Math.max(Math.sqrt(variance[s]), Scores.scaleFloor(mean[s]));
      score = Scores.fromBandRatio((value - mean[s]) / sigma / band);
    }
    if (learn) {
      if (n == 0) {
        mean[s] = value;
      } else {
        double a = Math.max(alpha, 1.0 / (n + 1));
        double diff = value - mean[s];
        double incr = a * diff;
        mean[s] += incr;
        variance[s] = (1.0 - a) * (variance[s] + diff * incr);
      }
      count[s] = n + 1;
    }
    return score;
  }
}
