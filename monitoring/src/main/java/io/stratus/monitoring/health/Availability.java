package io.stratus.monitoring.health;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.spi.HealthTarget;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Availability of a target over a window, against an objective: time available (healthy or degraded), unavailable
 * (unhealthy) and unknown (no data, excluded from the ratio).
 *
 * <p>Immutable and thread-safe.
 *
 * @param target the target
 * @param window the window length
 * @param available time available
 * @param unavailable time unhealthy
 * @param unknown time without data
 * @param objective the SLO, e.g. 0.999
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Availability(
    HealthTarget target, Duration window, Duration available, Duration unavailable, Duration unknown,
    double objective) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the objective is outside [0, 1]
   */
  public Availability {
    Checks.nonNull(target, "availability.target");
    Checks.nonNull(window, "availability.window");
    Checks.nonNull(available, "availability.available");
    Checks.nonNull(unavailable, "availability.unavailable");
    Checks.nonNull(unknown, "availability.unknown");
    Checks.fraction(objective, "availability.objective");
  }

  /**
   * Available time over known time.
   *
   * @return the ratio in [0, 1], NaN when nothing is known
   */
  public double ratio() {
    long known = available.toMillis() + unavailable.toMillis();
    return known == 0 ? Double.NaN : (double) available.toMillis() / known;
  }

  /**
   * Whether the objective is met (unknown counts as met).
   *
   * @return true if the ratio is at least the objective or nothing is known
   */
  public boolean meetsObjective() {
    double r = ratio();
    return Double.isNaN(r) || r >= objective;
  }

  /**
   * Share of the error budget left: 1 when no downtime, 0 when exactly used up, negative when overspent.
   *
   * @return the remaining share; NaN when the objective is 1 or nothing is known
   */
  public double errorBudgetRemaining() {
    long known = available.toMillis() + unavailable.toMillis();
    double allowed = (1 - objective) * known;
    return known == 0 || allowed == 0 ? Double.NaN : 1 - unavailable.toMillis() / allowed;
  }
}
