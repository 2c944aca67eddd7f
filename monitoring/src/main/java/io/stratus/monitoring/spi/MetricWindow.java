package io.stratus.monitoring.spi;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The window {@link MetricsSource#fetch} is asked for, {@code [from, to)}, with the window rule in one place: a sample
 * belongs to the window of its own timestamp and to no other. Sources build it from {@code fetch}'s arguments (which
 * checks them) and keep only the samples it {@link #contains}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from start, inclusive
 * @param to end, exclusive; after {@code from}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MetricWindow(Instant from, Instant to) {
  /**
   * Checks the window.
   *
   * @throws NullPointerException if a bound is null
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public MetricWindow {
    Objects.requireNonNull(from, "metricWindow.from");
    Objects.requireNonNull(to, "metricWindow.to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("metricWindow.to must be after from " + from + ", got " + to);
    }
  }

  /**
   * The window {@code [from, to)}.
   *
   * @param from start, inclusive; never null
   * @param to end, exclusive; never null, after {@code from}
   * @return the window; never null
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public static MetricWindow of(Instant from, Instant to) {
    return new MetricWindow(from, to);
  }

  /**
   * Whether an instant lies in the window: {@code from <= at < to}.
   *
   * @param at the instant; never null
   * @return true if it does
   */
  public boolean contains(Instant at) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  /**
   * Whether a sample time in epoch milliseconds (as {@link RawSample#epochMillis()}) lies in the window, compared at
   * millisecond precision: {@code from.toEpochMilli() <= epochMillis < to.toEpochMilli()}.
   *
   * @param epochMillis the sample time
   * @return true if it does
   */
  public boolean containsMillis(long epochMillis) {
    return epochMillis >= from.toEpochMilli() && epochMillis < to.toEpochMilli();
  }
}
