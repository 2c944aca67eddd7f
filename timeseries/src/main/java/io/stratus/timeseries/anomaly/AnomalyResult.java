package io.stratus.timeseries.anomaly;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The outcome of scoring one point: an anomaly score and a label. Immutable and thread-safe.
 *
 * @param score how anomalous the point is, in {@code [0, 1]} ({@code 0}: ordinary, {@code 1}: extreme); detectors
 *     created by {@link Detectors} place {@code 0.5} at their configured band width
 * @param anomalous whether the detector labels the point anomalous
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record AnomalyResult(double score, boolean anomalous) {

  /**
   * Validates the score.
   *
   * @throws IllegalArgumentException if {@code score} is NaN or outside {@code [0, 1]}
   */
  public AnomalyResult {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be within [0, 1], was " + score);
    }
  }
}
