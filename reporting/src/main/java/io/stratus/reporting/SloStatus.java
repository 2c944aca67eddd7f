package io.stratus.reporting;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One service-level objective and what was attained over the report period.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name e.g. "jobs meet their deadline" or "search availability"
 * @param objective the target ratio in [0, 1], e.g. 0.999
 * @param attained the attained ratio in [0, 1]
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SloStatus(String name, double objective, double attained) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a ratio is outside [0, 1]
   */
  public SloStatus {
    Objects.requireNonNull(name, "sloStatus.name");
    if (!(objective >= 0 && objective <= 1) || !(attained >= 0 && attained <= 1)) {
      throw new IllegalArgumentException("sloStatus '" + name + "' objective and attained must be in [0, 1], got "
          + objective + ", " + attained);
    }
  }

  /**
   * Whether the objective was met.
   *
   * @return true when attained reaches the objective
   */
  public boolean met() {
    return attained >= objective;
  }
}
