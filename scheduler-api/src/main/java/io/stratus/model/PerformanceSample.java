package io.stratus.model;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One observation of a running machine's performance. Latency and benchmark score are {@link Double#NaN} when not
 * measured; utilizations are always measured.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when it was observed
 * @param cpuUtilization CPU utilization as a fraction in [0, 1]
 * @param memoryUtilization memory utilization as a fraction in [0, 1]
 * @param p95LatencyMillis p95 request latency in ms, {@code >= 0}, or NaN when not measured
 * @param benchmarkScore CPU benchmark score per vCPU (1.0 = reference core), {@code >= 0}, or NaN when not measured
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PerformanceSample(
    Instant at,
    @JsonRequired double cpuUtilization,
    @JsonRequired double memoryUtilization,
    @JsonRequired double p95LatencyMillis,
    @JsonRequired double benchmarkScore) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a utilization is outside [0, 1] or a measured value is negative or infinite
   */
  public PerformanceSample {
    Require.nonNull(at, "performanceSample.at");
    Require.probability(cpuUtilization, "performanceSample.cpuUtilization");
    Require.probability(memoryUtilization, "performanceSample.memoryUtilization");
    if (!Double.isNaN(p95LatencyMillis)) {
      Require.finiteNonNegative(p95LatencyMillis, "performanceSample.p95LatencyMillis");
    }
    if (!Double.isNaN(benchmarkScore)) {
      Require.finiteNonNegative(benchmarkScore, "performanceSample.benchmarkScore");
    }
  }
}
