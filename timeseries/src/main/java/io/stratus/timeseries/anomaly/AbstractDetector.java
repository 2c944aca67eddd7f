package io.stratus.timeseries.anomaly;

/**
 * Validation, exclusion handling and labelling shared by the streaming detectors. Not thread-safe.
 *
 * <p>Subclasses implement {@link #score(long, double, boolean)}, which scores a validated point against the state
 * learned so far and then, when {@code learn} is true, learns from it. The ensemble calls it directly on its members,
 * so validation happens once per point.
 */
abstract class AbstractDetector implements StreamingDetector {

  private final ExclusionSchedule exclusions;
  private long lastEpochMillis;
  private boolean started;

  AbstractDetector(DetectorOptions options) {
    this.exclusions = options.exclusions();
  }

  @Override
  public final AnomalyResult update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, was " + value + " at epochMillis " + epochMillis);
    }
    if (started && epochMillis < lastEpochMillis) {
      throw new IllegalArgumentException("epochMillis must not decrease, was " + epochMillis
          + " after " + lastEpochMillis);
    }
    started = true;
    lastEpochMillis = epochMillis;
    double s = score(epochMillis, value, !exclusions.isExcluded(epochMillis));
    return new AnomalyResult(s, s >= 0.5);
  }

  /**
   * Scores a finite value at a non-decreasing time, then learns from it if {@code learn}.
   *
   * @return a score in [0, 1]
   */
  abstract double score(long epochMillis, double value, boolean learn);

  /**
   * Learns from a finite value at a non-decreasing time, as {@link #score(long, double, boolean)} does, for a caller
   * that does not need its score ({@link CascadeDetector}). A detector whose scoring work can be skipped overrides
   * this (its state may then differ from the scored path in whatever only scoring updates: random draws of a virtual
   * insertion, statistics of the scores themselves). The default scores and discards the score.
   */
  void pass(long epochMillis, double value, boolean learn) {
    score(epochMillis, value, learn);
  }
}
