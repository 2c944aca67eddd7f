package io.stratus.timeseries.anomaly;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Creates the built-in streaming detectors. Thread-safe (stateless); each call returns a new, independent,
 * not-thread-safe detector.
 *
 * <p>Every factory has a no-argument form using {@link DetectorOptions#defaults()} and a form taking options, where
 * the band width sets the sensitivity and the exclusion schedule keeps marked periods (deployments, maintenance) out
 * of training.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Detectors {

  private Detectors() {
  }

  /**
   * Creates a robust rolling z-score detector: deviation from the median of the last {@code window} points in units
   * of their scaled median absolute deviation.
   *
   * @return a new detector with default options, never null
   */
  public static StreamingDetector robustZScore() {
    return robustZScore(DetectorOptions.defaults());
  }

  /**
   * Creates a robust rolling z-score detector with the given options.
   *
   * @param options sensitivity, window, warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector robustZScore(DetectorOptions options) {
    return new RobustZScoreDetector(Objects.requireNonNull(options, "options"));
  }

  /**
   * Creates an EWMA band detector: deviation from an exponentially weighted mean in units of the exponentially
   * weighted standard deviation, with span {@code window}.
   *
   * @return a new detector with default options, never null
   */
  public static StreamingDetector ewma() {
    return ewma(DetectorOptions.defaults());
  }

  /**
   * Creates an EWMA band detector with the given options.
   *
   * @param options sensitivity, span, warm-up and exclusions
   * @return a new detector, never null
   * @throws NullPointerException if {@code options} is null
   */
  public static StreamingDetector ewma(DetectorOptions options) {
    return new EwmaDetector(Objects.requireNonNull(options, "options"));
  }
}
