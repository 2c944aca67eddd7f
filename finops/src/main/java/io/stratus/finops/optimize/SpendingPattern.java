package io.stratus.finops.optimize;

import io.stratus.model.Money;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a scope's daily cost behaved over a window: its total, its linear trend, and its weekly pattern.
 *
 * <p>The trend is the least-squares slope of the daily cost (seasonally adjusted when there are 14 days or more), per day and relative to the mean per month of 30.4375
 * days. The weekly pattern comes from a classical additive decomposition with period 7: each weekday's seasonal
 * index (added to the trend), and the seasonal strength {@code max(0, 1 - var(remainder) / var(seasonal +
 * remainder))} (Wang, Smith and Hyndman 2006); it is 0 with fewer than 14 days.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the first day (inclusive, UTC midnight)
 * @param to the end (exclusive, UTC midnight)
 * @param days the number of days
 * @param total the exact cost over the window
 * @param dailyMean the mean daily cost
 * @param trendPerDay the change of the daily cost per day, in the currency
 * @param trendPerMonth the trend over a month relative to the mean daily cost ({@code 0.05} = +5% per month); 0 when
 *     the mean is 0
 * @param weekdayEffect the additive seasonal index per weekday, in the currency; empty with fewer than 14 days
 * @param weeklyStrength the strength of the weekly pattern in {@code [0, 1]}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SpendingPattern(
    Instant from,
    Instant to,
    int days,
    Money total,
    double dailyMean,
    double trendPerDay,
    double trendPerMonth,
    Map<DayOfWeek, Double> weekdayEffect,
    double weeklyStrength) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public SpendingPattern {
    Objects.requireNonNull(from, "spendingPattern.from");
    Objects.requireNonNull(to, "spendingPattern.to");
    Objects.requireNonNull(total, "spendingPattern.total");
    weekdayEffect = weekdayEffect.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(weekdayEffect));
  }

  /**
   * Whether the weekly pattern is pronounced (strength at least 0.64, the customary threshold for a strong season).
   *
   * @return true if weekly seasonal
   */
  public boolean weeklySeasonal() {
    return weeklyStrength >= 0.64;
  }
}
