package io.stratus.reporting;

import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One optimization recommendation as the host's optimizer reports it: what to do, to which resource, what it saves
 * each month, and whether it has been carried out (realized) or is still available.
 *
 * <p>Immutable and thread-safe.
 *
 * @param category e.g. "rightsizing", "commitment", "idle", "scheduling"
 * @param resource the resource it applies to, may be empty
 * @param action what to do, one line
 * @param monthlySavings savings per month in the report's currency, non-negative
 * @param realized true once carried out
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Recommendation(String category, String resource, String action, BigDecimal monthlySavings,
    boolean realized) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the savings are negative
   */
  public Recommendation {
    Objects.requireNonNull(category, "recommendation.category");
    Objects.requireNonNull(resource, "recommendation.resource");
    Objects.requireNonNull(action, "recommendation.action");
    Objects.requireNonNull(monthlySavings, "recommendation.monthlySavings");
    if (monthlySavings.signum() < 0) {
      throw new IllegalArgumentException("recommendation.monthlySavings must be >= 0, got " + monthlySavings);
    }
  }
}
