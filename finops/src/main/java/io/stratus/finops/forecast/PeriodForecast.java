package io.stratus.finops.forecast;

import io.stratus.model.Money;
import java.time.LocalDate;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The cost of one period (a month, a quarter): what was billed up to the forecast day, and the forecast total with
 * its 80% and 95% prediction intervals. Totals include the actual cost to date; the intervals cover the remainder.
 *
 * <p>Immutable and thread-safe.
 *
 * @param label e.g. {@code 2025-03} or {@code 2025-Q1}
 * @param from the first day
 * @param to the day after the last
 * @param actualToDate the exact cost recorded in the period before the forecast day
 * @param expected the forecast total (actual to date plus the point forecast of the remaining days)
 * @param lower80 the lower bound of the 80% interval
 * @param upper80 the upper bound of the 80% interval
 * @param lower95 the lower bound of the 95% interval
 * @param upper95 the upper bound of the 95% interval
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PeriodForecast(
    String label,
    LocalDate from,
    LocalDate to,
    Money actualToDate,
    Money expected,
    Money lower80,
    Money upper80,
    Money lower95,
    Money upper95) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the bounds are not nested {@code lower95 <= lower80 <= expected <= upper80 <=
   *     upper95}
   */
  public PeriodForecast {
    Objects.requireNonNull(label, "periodForecast.label");
    Objects.requireNonNull(from, "periodForecast.from");
    Objects.requireNonNull(to, "periodForecast.to");
    Objects.requireNonNull(actualToDate, "periodForecast.actualToDate");
    if (lower95.compareTo(lower80) > 0 || lower80.compareTo(expected) > 0 || expected.compareTo(upper80) > 0
        || upper80.compareTo(upper95) > 0) {
      throw new IllegalArgumentException("periodForecast " + label + ": bounds not nested: " + lower95 + " <= "
          + lower80 + " <= " + expected + " <= " + upper80 + " <= " + upper95);
    }
  }
}
