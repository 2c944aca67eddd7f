package io.stratus.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * A clock that only moves when told to: set it to an instant or advance it by a duration. Use it wherever Stratus
 * takes an {@link InstantSource} or a {@link Clock} (it is both) to make time-dependent code deterministic, and
 * {@link #nanoTicker()} where a time budget takes a nano ticker. Thread-safe.
 *
 * <p>Every read sees the latest {@link #set}/{@link #advance}; concurrent advances add up. Views made
 * with {@link #withZone(ZoneId)} share the same time.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ControllableClock extends Clock {
  /** The default start, 2026-01-01T00:00:00Z, a fixed instant so tests never depend on the wall clock. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ControllableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * A clock at {@link #DEFAULT_START} in UTC.
   *
   * @return a new clock; never null
   */
  public static ControllableClock create() {
    return at(DEFAULT_START);
  }

  /**
   * A clock at the given instant in UTC.
   *
   * @param start the initial instant; never null
   * @return a new clock; never null
   */
  public static ControllableClock at(Instant start) {
    return new ControllableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * Sets the time. Moving backwards is allowed (to test clock skew).
   *
   * @param instant the new time; never null
   * @return this clock
   */
  public ControllableClock set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
    return this;
  }

  /**
   * Moves the time forward.
   *
   * @param duration how far, not negative; never null
   * @return the new time; never null
   * @throws IllegalArgumentException if the duration is negative
   */
  public Instant advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must be >= 0 (use set() to go back), got " + duration);
    }
    return now.updateAndGet(t -> t.plus(duration));
  }

  /**
   * Moves the time forward by milliseconds.
   *
   * @param millis how far, {@code >= 0}
   * @return the new time; never null
   * @throws IllegalArgumentException if negative
   */
  public Instant advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }

  /**
   * The current time.
   *
   * @return the instant last set or advanced to; never null
   */
  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * A nano ticker that follows this clock: nanoseconds since the epoch of the current {@link #instant()}. Only
   * differences between two readings are meaningful, as with {@link System#nanoTime()}.
   *
   * @return a ticker; never null
   */
  public LongSupplier nanoTicker() {
    return () -> {
      Instant t = now.get();
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    };
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * A view in another zone that shares this clock's time.
   *
   * @param zone the zone; never null
   * @return a clock sharing the time; never null
   */
  @Override
  public ControllableClock withZone(ZoneId zone) {
    return new ControllableClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControllableClock c && c.now == now && c.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(now) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "ControllableClock[" + now.get() + ", " + zone + "]";
  }
}
