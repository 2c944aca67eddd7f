package io.stratus.monitoring.health;

import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How observations become states. An observation is classified by its probe outcome, error rate, saturation and
 * probe latency; the state moves to a worse level only after {@code toWorse} consecutive observations at that level
 * and to a better level only after {@code toBetter} (hysteresis). A target without any observation for
 * {@code staleAfter} becomes {@link HealthState#UNKNOWN} (missing data).
 *
 * <p>Immutable and thread-safe.
 *
 * @param toWorse consecutive observations needed to move to a worse state, {@code >= 1}
 * @param toBetter consecutive observations needed to move to a better state, {@code >= 1}
 * @param staleAfter silence after which the state is unknown
 * @param errorRateDegraded error-rate fraction from which an observation is degraded
 * @param errorRateUnhealthy error-rate fraction from which it is unhealthy
 * @param saturationDegraded saturation fraction (0-1) from which it is degraded
 * @param saturationUnhealthy saturation fraction from which it is unhealthy
 * @param slowProbe probe latency from which an {@code UP} probe counts as degraded
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record HealthPolicy(
    int toWorse,
    int toBetter,
    Duration staleAfter,
    double errorRateDegraded,
    double errorRateUnhealthy,
    double saturationDegraded,
    double saturationUnhealthy,
    Duration slowProbe) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a count is below 1, a fraction is outside [0, 1] or levels are out of order
   */
  public HealthPolicy {
    Checks.positive(toWorse, "healthPolicy.toWorse");
    Checks.positive(toBetter, "healthPolicy.toBetter");
    Checks.positive(staleAfter, "healthPolicy.staleAfter");
    Checks.fraction(errorRateDegraded, "healthPolicy.errorRateDegraded");
    Checks.fraction(errorRateUnhealthy, "healthPolicy.errorRateUnhealthy");
    Checks.fraction(saturationDegraded, "healthPolicy.saturationDegraded");
    Checks.fraction(saturationUnhealthy, "healthPolicy.saturationUnhealthy");
    Checks.positive(slowProbe, "healthPolicy.slowProbe");
    if (errorRateDegraded > errorRateUnhealthy || saturationDegraded > saturationUnhealthy) {
      throw new IllegalArgumentException("healthPolicy degraded levels must not exceed unhealthy levels, got error "
          + errorRateDegraded + "/" + errorRateUnhealthy + ", saturation " + saturationDegraded + "/"
          + saturationUnhealthy);
    }
  }

  /**
   * Three bad observations to go down, two good ones to come back, unknown after 5 minutes of silence; errors
   * degrade at 1 % and break at 5 %; saturation degrades at 85 % and breaks at 98 %; probes slower than 2 s degrade.
   *
   * @return the policy; never null
   */
  public static HealthPolicy defaults() {
    return new HealthPolicy(3, 2, Duration.ofMinutes(5), 0.01, 0.05, 0.85, 0.98, Duration.ofSeconds(2));
  }
}
