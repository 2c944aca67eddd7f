package io.stratus.scheduler;

import org.apiguardian.api.API;

/**
 * What a scheduler predicts for a workload on a candidate, and whether each figure was observed (from a
 * {@code PerformanceHistoryProvider}) or estimated.
 *
 * <p>Immutable and thread-safe.
 *
 * @param expectedHourlyCost the expected hourly cost used for ranking: the marginal price, plus for interruptible
 *     candidates the interruption rate as a rework surcharge; finite and {@code >= 0}
 * @param cpuScore CPU score per vCPU (1.0 = reference core), finite and {@code >= 0}
 * @param cpuObserved whether {@code cpuScore} was observed
 * @param p95LatencyMillis p95 round-trip time to the farthest user location in ms; 0 when the workload names none
 * @param latencyObserved whether every latency figure behind {@code p95LatencyMillis} was observed
 * @param failureRate monthly probability of failure or interruption in [0, 1]
 * @param failureObserved whether {@code failureRate} was observed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Prediction(
    double expectedHourlyCost,
    double cpuScore,
    boolean cpuObserved,
    double p95LatencyMillis,
    boolean latencyObserved,
    double failureRate,
    boolean failureObserved) {

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a figure breaks its rule
   */
  public Prediction {
    check(expectedHourlyCost, "prediction.expectedHourlyCost");
    check(cpuScore, "prediction.cpuScore");
    check(p95LatencyMillis, "prediction.p95LatencyMillis");
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new IllegalArgumentException("prediction.failureRate must be in [0, 1], got " + failureRate);
    }
  }

  private static void check(double value, String field) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(field + " must be finite and >= 0, got " + value);
    }
  }

  /**
   * Predicted availability: the probability of running a month without failure or interruption.
   *
   * @return {@code 1 - failureRate}
   */
  public double availability() {
    return 1 - failureRate;
  }
}
