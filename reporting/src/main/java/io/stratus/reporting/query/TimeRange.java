package io.stratus.reporting.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The time range of a query: either fixed ({@link #between}) or relative to the time the query runs ({@link #last}),
 * so a saved view "last 7 days" stays useful. Ranges are half-open: {@code [from, to)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TimeRange {
  private final Instant from;
  private final Instant to;
  private final Duration last;

  private TimeRange(Instant from, Instant to, Duration last) {
    this.from = from;
    this.to = to;
    this.last = last;
  }

  /**
   * A fixed range.
   *
   * @param from inclusive start; never null
   * @param to exclusive end, after {@code from}; never null
   * @return the range; never null
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public static TimeRange between(Instant from, Instant to) {
    Objects.requireNonNull(from, "timeRange.from");
    Objects.requireNonNull(to, "timeRange.to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("timeRange.to must be after from " + from + ", got " + to);
    }
    return new TimeRange(from, to, null);
  }

  /**
   * The range that ends when the query runs and reaches back {@code length}.
   *
   * @param length how far back; positive; never null
   * @return the range; never null
   * @throws IllegalArgumentException if the length is zero or negative
   */
  public static TimeRange last(Duration length) {
    Objects.requireNonNull(length, "timeRange.last");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("timeRange.last must be positive, got " + length);
    }
    return new TimeRange(null, null, length);
  }

  /**
   * The fixed start, for a fixed range.
   *
   * @return the start, empty for a relative range
   */
  public Optional<Instant> from() {
    return Optional.ofNullable(from);
  }

  /**
   * The fixed end, for a fixed range.
   *
   * @return the end, empty for a relative range
   */
  public Optional<Instant> to() {
    return Optional.ofNullable(to);
  }

  /**
   * The length of a relative range.
   *
   * @return the length, empty for a fixed range
   */
  public Optional<Duration> last() {
    return Optional.ofNullable(last);
  }

  /**
   * The start of the range when the query runs at {@code now}.
   *
   * @param now when the query runs; never null
   * @return the inclusive start; never null
   */
  public Instant startAt(Instant now) {
    return last != null ? now.minus(last) : from;
  }

  /**
   * The end of the range when the query runs at {@code now}.
   *
   * @param now when the query runs; never null
   * @return the exclusive end; never null
   */
  public Instant endAt(Instant now) {
    return last != null ? now : to;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeRange r && Objects.equals(r.from, from) && Objects.equals(r.to, to)
        && Objects.equals(r.last, last);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, last);
  }

  @Override
  public String toString() {
    return last != null ? "last " + last : "[" + from + ", " + to + ")";
  }
}
