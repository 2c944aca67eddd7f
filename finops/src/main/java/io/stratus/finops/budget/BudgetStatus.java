package io.stratus.finops.budget;

import io.stratus.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a budget stands at one instant: its window, amount, actual spend so far, forecast spend by the window's end,
 * the thresholds crossed and the strongest control in force.
 *
 * <p>Immutable and thread-safe.
 *
 * @param budget the budget; never null
 * @param at when it was computed; never null
 * @param window the window containing {@code at}; never null
 * @param amount the window's budgeted amount; never null
 * @param actual exact spend in the window up to {@code at}; never null
 * @param forecast expected spend over the whole window (see {@link BudgetManager}); never below {@code actual}; never
 *     null
 * @param crossed the thresholds crossed, in the budget's order; never null
 * @param control the strongest action among the crossed thresholds; null when none is crossed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BudgetStatus(Budget budget, Instant at, BudgetPeriod.Window window, Money amount, Money actual,
    Money forecast, List<Threshold> crossed, Threshold.Action control) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a required component is null
   */
  public BudgetStatus {
    Objects.requireNonNull(budget, "budgetStatus.budget");
    Objects.requireNonNull(at, "budgetStatus.at");
    Objects.requireNonNull(window, "budgetStatus.window");
    Objects.requireNonNull(amount, "budgetStatus.amount");
    Objects.requireNonNull(actual, "budgetStatus.actual");
    Objects.requireNonNull(forecast, "budgetStatus.forecast");
    crossed = List.copyOf(Objects.requireNonNull(crossed, "budgetStatus.crossed"));
  }

  /**
   * Actual spend in percent of the amount.
   *
   * @return the percentage (infinite when the amount is zero and spend positive, 0 when both are zero)
   */
  public double actualPercent() {
    return percent(actual.amount());
  }

  /**
   * Forecast spend in percent of the amount.
   *
   * @return the percentage (infinite when the amount is zero and the forecast positive, 0 when both are zero)
   */
  public double forecastPercent() {
    return percent(forecast.amount());
  }

  private static String plain(BigDecimal v) {
    return v.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }

  private double percent(BigDecimal v) {
    if (amount.amount().signum() == 0) {
      return v.signum() > 0 ? Double.POSITIVE_INFINITY : 0;
    }
    return v.multiply(BigDecimal.valueOf(100)).divide(amount.amount(), MathContext.DECIMAL64).doubleValue();
  }

  /**
   * A one-line summary, e.g. {@code team-payments monthly 2025-03-01..2025-04-01: actual 1050.00 of 1000.00 USD
   * (105%), forecast 2900.00 (290%), control DENY_PLACEMENTS}.
   *
   * @return the summary; never null
   */
  public String summary() {
    return budget.name() + " " + window.start() + ".." + window.endExclusive() + ": actual "
        + plain(actual.amount()) + " of " + plain(amount.amount()) + " "
        + amount.currency().getCurrencyCode() + String.format(java.util.Locale.ROOT, " (%.0f%%), forecast ",
            actualPercent()) + plain(forecast.amount())
        + String.format(java.util.Locale.ROOT, " (%.0f%%)", forecastPercent())
        + (control == null ? "" : ", control " + control);
  }
}
