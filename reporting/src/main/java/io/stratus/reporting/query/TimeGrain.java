package io.stratus.reporting.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apiguardian.api.API;

/**
 * The time buckets of a query result, in UTC.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum TimeGrain {
  /** One bucket for the whole range; its start is the range's start. */
  TOTAL,
  /** Hourly buckets. */
  HOUR,
  /** Daily buckets (UTC days). */
  DAY,
  /** Calendar months (UTC). */
  MONTH;

  /**
   * The start of the bucket that holds an instant.
   *
   * @param t the instant; never null
   * @param rangeStart the start of the query range, the bucket of {@link #TOTAL}; never null
   * @return the bucket start; never null
   */
  public Instant bucketOf(Instant t, Instant rangeStart) {
    switch (this) {
      case HOUR:
        return t.truncatedTo(ChronoUnit.HOURS);
      case DAY:
        return t.truncatedTo(ChronoUnit.DAYS);
      case MONTH:
        LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
        return d.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      default:
        return rangeStart;
    }
  }
}
