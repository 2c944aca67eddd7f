package io.stratus.simulation.workload;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Multiplicative seasonality of a workload's arrival rate: a factor per hour of day (24 values), per day of week (7
 * values, Monday first) and a month-end factor applied on the last {@code monthEndDays} days of each month (batch
 * billing, reporting runs). Times are read in UTC. The factor at a time is the product of the three.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Seasonality {
  private static final Seasonality NONE = new Seasonality(ones(24), ones(7), 1.0, 0);

  private final double[] hourly;
  private final double[] weekly;
  private final double monthEndFactor;
  private final int monthEndDays;

  private Seasonality(double[] hourly, double[] weekly, double monthEndFactor, int monthEndDays) {
    this.hourly = hourly;
    this.weekly = weekly;
    this.monthEndFactor = monthEndFactor;
    this.monthEndDays = monthEndDays;
  }

  /**
   * No seasonality (every factor 1).
   *
   * @return the neutral seasonality; never null
   */
  public static Seasonality none() {
    return NONE;
  }

  /**
   * A typical business-hours profile: low at night, peaking mid-day, weekends at {@code weekendFactor}.
   *
   * @param peakToTrough ratio of the mid-day to the night factor, {@code >= 1}
   * @param weekendFactor factor for Saturday and Sunday, {@code >= 0}
   * @return the seasonality; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static Seasonality businessHours(double peakToTrough, double weekendFactor) {
    if (!(peakToTrough >= 1) || Double.isInfinite(peakToTrough)) {
      throw new IllegalArgumentException("peakToTrough must be finite and >= 1, was " + peakToTrough);
    }
    double[] h = new double[24];
    double low = 2 / (1 + peakToTrough);
    double high = low * peakToTrough;
    for (int i = 0; i < 24; i++) {
      // raised cosine centred on 13:00 UTC
      double w = 0.5 * (1 + StrictMath.cos(2 * Math.PI * (i + 0.5 - 13) / 24));
      h[i] = low + (high - low) * w;
    }
    double[] wk = ones(7);
    wk[5] = weekendFactor;
    wk[6] = weekendFactor;
    return of(h, wk, 1.0, 0);
  }

  /**
   * A seasonality from explicit factors.
   *
   * @param hourOfDay 24 non-negative factors, hour 0 first; never null
   * @param dayOfWeek 7 non-negative factors, Monday first; never null
   * @param monthEndFactor factor on the last {@code monthEndDays} days of a month, {@code >= 0}
   * @param monthEndDays days at the end of each month with the month-end factor, in [0, 28]
   * @return the seasonality; never null
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if a length or a value is out of range
   */
  public static Seasonality of(double[] hourOfDay, double[] dayOfWeek, double monthEndFactor, int monthEndDays) {
    return new Seasonality(
        factors(hourOfDay, 24, "hourOfDay"), factors(dayOfWeek, 7, "dayOfWeek"),
        checkFactor(monthEndFactor, "monthEndFactor"), checkDays(monthEndDays));
  }

  /**
   * A copy with a month-end factor.
   *
   * @param factor the factor, {@code >= 0}
   * @param days the number of days at the end of each month, in [0, 28]
   * @return the copy; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public Seasonality withMonthEnd(double factor, int days) {
    return new Seasonality(hourly, weekly, checkFactor(factor, "monthEndFactor"), checkDays(days));
  }

  /**
   * The factor at a time.
   *
   * @param epochSecond seconds since 1970-01-01T00:00Z
   * @return the product of the hour-of-day, day-of-week and month-end factors
   */
  public double factorAt(long epochSecond) {
    ZonedDateTime t = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    double f = hourly[t.getHour()] * weekly[t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()];
    if (monthEndDays > 0 && t.getDayOfMonth() > t.toLocalDate().lengthOfMonth() - monthEndDays) {
      f *= monthEndFactor;
    }
    return f;
  }

  private static double[] ones(int n) {
    double[] a = new double[n];
    Arrays.fill(a, 1.0);
    return a;
  }

  private static double[] factors(double[] values, int n, String name) {
    Objects.requireNonNull(values, name);
    if (values.length != n) {
      throw new IllegalArgumentException(name + " must have " + n + " values, had " + values.length);
    }
    for (int i = 0; i < n; i++) {
      checkFactor(values[i], name + "[" + i + "]");
    }
    return values.clone();
  }

  private static double checkFactor(double v, String name) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + v);
    }
    return v;
  }

  private static int checkDays(int days) {
    if (days < 0 || days > 28) {
      throw new IllegalArgumentException("monthEndDays must be in [0, 28], was " + days);
    }
    return days;
  }

  @Override
  public String toString() {
    return "Seasonality[hourly=" + Arrays.toString(hourly) + ", weekly=" + Arrays.toString(weekly) + ", monthEnd="
        + monthEndFactor + "x" + monthEndDays + "d]";
  }
}
