package io.stratus.timeseries.anomaly;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A streaming anomaly detector: it takes one point at a time, keeps bounded state, and scores each point against what
 * it has learned from the points before it.
 *
 * <p>Implementations are <b>not thread-safe</b>: one instance follows one series, fed by one thread at a time (the
 * host may hand the series between threads with the usual happens-before edge). Instances created by
 * {@link Detectors} are deterministic: the same inputs in the same order give the same results.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface StreamingDetector {

  /**
   * Scores one point and then learns from it (unless its time lies in an excluded period, see
   * {@link ExclusionSchedule}).
   *
   * @param epochMillis the point's time in milliseconds since the epoch; not earlier than the previous call's
   *     (equal times, such as repeated clock hours, are accepted)
   * @param value the observed value; must be finite
   * @return the point's score in {@code [0, 1]} and its label, never null; during warm-up the score is {@code 0}
   * @throws IllegalArgumentException if {@code value} is NaN or infinite, or {@code epochMillis} is earlier than the
   *     previous point's time; the detector's state is unchanged in that case
   */
  AnomalyResult update(long epochMillis, double value);
}
