package io.stratus.finops.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apiguardian.api.API;

/**
 * How a query buckets cost over time, by the UTC start of each record's charge period.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Granularity {
  /** One bucket for the whole time range. */
  TOTAL,
  /** Hours. */
  HOUR,
  /** Days. */
  DAY,
  /** Calendar months. */
  MONTH;

  /**
   * The bucket an instant falls in, as a number (epoch hour, epoch day or months since 1970-01), for stores that
   * implement {@link io.stratus.finops.spi.CostStore#query} themselves. Thread-safe.
   *
   * @param epochSecond seconds since the epoch
   * @return the bucket number; 0 for {@link #TOTAL}
   */
  public long bucket(long epochSecond) {
    switch (this) {
      case HOUR:
        return Math.floorDiv(epochSecond, 3600);
      case DAY:
        return Math.floorDiv(epochSecond, 86400);
      case MONTH:
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86400));
        return (d.getYear() - 1970L) * 12 + d.getMonthValue() - 1;
      default:
        return 0;
    }
  }

  /**
   * The start of a bucket. Thread-safe.
   *
   * @param bucket a number from {@link #bucket(long)}
   * @return the start; null for {@link #TOTAL}
   */
  public Instant start(long bucket) {
    switch (this) {
      case HOUR:
        return Instant.ofEpochSecond(bucket * 3600);
      case DAY:
        return Instant.ofEpochSecond(bucket * 86400);
      case MONTH:
        return LocalDate.of((int) (1970 + Math.floorDiv(bucket, 12)), (int) (Math.floorMod(bucket, 12L) + 1), 1)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
      default:
        return null;
    }
  }
}
