package io.stratus.finops.focus;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A billing period (usually a calendar month in UTC): the unit in which providers issue and re-issue billing data.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start inclusive start
 * @param end exclusive end; after {@code start}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BillingPeriod(Instant start, Instant end) implements Comparable<BillingPeriod> {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException if the period is empty or reversed
   */
  public BillingPeriod {
    Objects.requireNonNull(start, "billingPeriod.start must not be null");
    Objects.requireNonNull(end, "billingPeriod.end must not be null");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("billingPeriod.end must be after start " + start + ", got " + end);
    }
  }

  /**
   * The calendar month in UTC.
   *
   * @param month the month; never null
   * @return the period; never null
   */
  public static BillingPeriod of(YearMonth month) {
    return new BillingPeriod(
        month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
        month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /**
   * The billing period of a record.
   *
   * @param record the record; never null
   * @return its billing period; never null
   */
  public static BillingPeriod of(CostRecord record) {
    return new BillingPeriod(record.billingPeriodStart(), record.billingPeriodEnd());
  }

  /**
   * Whether an instant lies in the period.
   *
   * @param instant the instant; never null
   * @return true if {@code start <= instant < end}
   */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  @Override
  public int compareTo(BillingPeriod o) {
    int c = start.compareTo(o.start);
    return c != 0 ? c : end.compareTo(o.end);
  }

  @Override
  public String toString() {
    return start + ".." + end;
  }
}
