package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Flapping suppression with hysteresis: an alert fingerprint that changed state ({@code FIRING} or {@code RESOLVED})
 * at least {@code enterAt} times within {@code window} is flapping and its notifications are held back; it stops
 * flapping when at most {@code leaveAt} changes remain in the window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param window the look-back window
 * @param enterAt changes in the window that start flapping, {@code >= 2}
 * @param leaveAt changes in the window at or below which flapping stops, {@code < enterAt}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FlapPolicy(Duration window, int enterAt, int leaveAt) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the thresholds are out of order
   */
  public FlapPolicy {
    Checks.positive(window, "flapPolicy.window");
    if (enterAt < 2 || leaveAt < 0 || leaveAt >= enterAt) {
      throw new IllegalArgumentException("flapPolicy needs enterAt >= 2 and 0 <= leaveAt < enterAt, got enterAt="
          + enterAt + ", leaveAt=" + leaveAt);
    }
  }

  /**
   * Six changes in an hour start flapping; two or fewer stop it.
   *
   * @return the policy; never null
   */
  public static FlapPolicy defaults() {
    return new FlapPolicy(Duration.ofHours(1), 6, 2);
  }
}
