package io.stratus.reporting;

import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One budget's standing, as the host's budget engine reports it; reports show these lines as given.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the budget's name
 * @param amount the budgeted amount for the period, positive
 * @param actual spend so far, in the report's currency
 * @param forecast projected spend at the end of the budget period
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BudgetStatus(String name, BigDecimal amount, BigDecimal actual, BigDecimal forecast) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the amount is not positive or a figure is negative
   */
  public BudgetStatus {
    Objects.requireNonNull(name, "budgetStatus.name");
    Objects.requireNonNull(amount, "budgetStatus.amount");
    Objects.requireNonNull(actual, "budgetStatus.actual");
    Objects.requireNonNull(forecast, "budgetStatus.forecast");
    if (amount.signum() <= 0 || actual.signum() < 0 || forecast.signum() < 0) {
      throw new IllegalArgumentException("budgetStatus '" + name + "' needs amount > 0 and actual, forecast >= 0, "
          + "got " + amount + ", " + actual + ", " + forecast);
    }
  }

  /**
   * Whether spend already exceeds the amount.
   *
   * @return true when over budget
   */
  public boolean isOver() {
    return actual.compareTo(amount) > 0;
  }

  /**
   * Whether the forecast exceeds the amount.
   *
   * @return true when forecast to be over budget
   */
  public boolean isForecastOver() {
    return forecast.compareTo(amount) > 0;
  }
}
