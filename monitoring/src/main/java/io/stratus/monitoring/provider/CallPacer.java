package io.stratus.monitoring.provider;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.stratus.ProviderException;
import io.stratus.monitoring.provider.ProviderCallTelemetry.Outcome;
import io.stratus.spi.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waits of one provider API's calls, within one deadline per call: a local rate limit (a Resilience4j {@link
 * RateLimiter} that counts permits on the provider's injected clock and only reserves them), backoffs and
 * server-given retry delays, every one waited through the injected {@link Sleeper}. A wait that would end past the
 * call's deadline is not waited: the call fails at once with a {@link ProviderException} that names the wait and the
 * deadline. The cloud adapters run every attempt of a call through one pacer per API:
 *
 * <pre>{@code
 * Instant deadline = pacer.deadline();
 * for (int attempt = 1; ; attempt++) {
 *   pacer.acquire(who, deadline, attempt - 1, last, traced);   // a permit, or a refusal
 *   ... the attempt; on a retryable failure e:
 *   pacer.awaitRetry(who, "failed after " + attempt + " attempts", backoff, serverDelay, deadline, e);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Public only for the cloud adapters in other modules; not API, it may change at any time.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CallPacer {
  private static final Logger LOG = LoggerFactory.getLogger(CallPacer.class);

  private final String providerId;
  private final RateLimiter limiter;
  private final String limit;
  private final String noPermitNote;
  private final Duration callDeadline;
  private final InstantSource clock;
  private final Sleeper sleeper;

  private CallPacer(Builder b) {
    this.providerId = b.providerId;
    this.limit = b.description == null ? "of " + b.permits + " per " + b.period : b.description;
    this.noPermitNote = b.noPermitNote;
    this.callDeadline = b.callDeadline;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    InstantSource time = b.clock;
    this.limiter = RateLimiter.of(b.name, RateLimiterConfig.custom()
        .limitForPeriod(b.permits)
        .limitRefreshPeriod(b.period)
        .timeoutDuration(b.longestPermitWait == null ? b.callDeadline : b.longestPermitWait)
        .build(), () -> epochNanos(time.instant()));
  }

  /**
   * A builder.
   *
   * @param providerId the provider id of the exceptions, e.g. {@code aws}; never null
   * @param name the rate limiter's name, e.g. {@code aws-ec2}; never null
   * @param clock the provider's clock, of the permits and deadlines; never null
   * @param sleeper the provider's sleeper, which performs every wait; never null
   * @return a builder with no limit set yet; never null
   */
  public static Builder builder(String providerId, String name, InstantSource clock, Sleeper sleeper) {
    return new Builder(providerId, name, clock, sleeper);
  }

  /**
   * The deadline of a call that starts now: the clock's instant plus the call deadline.
   *
   * @return the instant; never null
   */
  public Instant deadline() {
    return clock.instant().plus(callDeadline);
  }

  /**
   * Takes a permit of the rate limit, waiting for it through the sleeper, or refuses the attempt (recorded on {@code
   * traced} as {@link Outcome#RATE_LIMITED}) when there is none within the longest permit wait or before {@code
   * deadline}. A permit reserved but then not waited for is lost: the limit errs on the slow side.
   *
   * @param who what is called, the start of messages, e.g. {@code DescribeInstances}; never null
   * @param deadline the call's deadline, from {@link #deadline()}; never null
   * @param failedSoFar the attempts of this call that failed before this one, at least 0
   * @param last the failure of the previous attempt (the refusal's cause), or null on the first
   * @param traced the call's telemetry; never null
   * @throws ProviderException naming the limit, the deadline, the failed attempts and when the next permit comes
   */
  public void acquire(String who, Instant deadline, int failedSoFar, @Nullable Throwable last,
      ProviderCallTelemetry.Call traced) {
    long nanos = limiter.reservePermission();
    if (nanos < 0 || clock.instant().plusNanos(nanos).isAfter(deadline)) {
      traced.refused(Outcome.RATE_LIMITED);
      String message = who + ": no permit of the local rate limit " + limit + " before the call deadline of "
          + callDeadline + (failedSoFar == 0 ? "" : " after " + failedSoFar + " failed attempt(s)")
          + (nanos < 0 ? noPermitNote : " (the next one in " + Duration.ofNanos(nanos) + ")");
      throw last == null ? failure(message, null)
          : new ProviderException(providerId, message + ": " + last.getMessage(), last);
    }
    if (nanos > 0) {
      LOG.debug("{} waits {} for a rate-limit permit", who, Duration.ofNanos(nanos));
      pause(who, Duration.ofNanos(nanos));
    }
  }

  /**
   * Waits before the next attempt of a call: the longer of the backoff and the delay the server asked for, through
   * the sleeper; or, when that wait would end past {@code deadline}, fails at once without waiting.
   *
   * @param who what is called, as for {@link #acquire}; never null
   * @param failed what went wrong so far, e.g. {@code failed (throttled) after 2 attempts}; never null
   * @param backoff the retry policy's wait; never null, not negative
   * @param serverDelay the wait the server asked for ({@code Retry-After}, a gRPC {@code RetryInfo}), zero when none;
   *     never null
   * @param deadline the call's deadline; never null
   * @param cause the failure of the attempt; never null
   * @throws ProviderException naming the wait (and whether the server asked for it) and the deadline, when the wait
   *     would end past the deadline or the thread is interrupted while waiting
   */
  public void awaitRetry(String who, String failed, Duration backoff, Duration serverDelay, Instant deadline,
      Throwable cause) {
    boolean asked = serverDelay.compareTo(backoff) >= 0 && !serverDelay.isZero();
    Duration wait = asked ? serverDelay : backoff;
    String next = "the next attempt in " + wait + (asked ? " (the delay the server asked for)" : "");
    if (clock.instant().plus(wait).isAfter(deadline)) {
      throw new ProviderException(providerId, who + " " + failed + "; " + next + " would pass the call deadline of "
          + callDeadline + ": " + cause.getMessage(), cause);
    }
    LOG.debug("{} {}; {}", who, failed, next);
    pause(who, wait);
  }

  private void pause(String who, Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(providerId, who + ": interrupted while waiting " + d, e);
    }
  }

  @SuppressWarnings("NullAway") // ProviderException documents its cause as nullable
  private ProviderException failure(String message, @Nullable Throwable cause) {
    return new ProviderException(providerId, message, cause);
  }

  /**
   * The delay an HTTP {@code Retry-After} value asks for (RFC 9110 section 10.2.3): delay-seconds, or an HTTP-date
   * measured from {@code now} (a date already past asks for no delay).
   *
   * @param value the header value; never null
   * @param now the current instant on the provider's clock; never null
   * @return the delay, not negative; empty when the value is neither form
   */
  public static Optional<Duration> retryAfter(String value, Instant now) {
    String v = value.trim();
    if (!v.isEmpty() && v.length() <= 18 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** An instant as nanoseconds since the epoch: the rate limiter's time, on the injected clock. */
  static long epochNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  /**
   * Builds a {@link CallPacer}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public static final class Builder {
    private final String providerId;
    private final String name;
    private int permits;
    private Duration period = Duration.ZERO;
    private @Nullable String description;
    private @Nullable Duration longestPermitWait;
    private String noPermitNote = "";
    private Duration callDeadline = Duration.ofMinutes(2);
    private final InstantSource clock;
    private final Sleeper sleeper;

    private Builder(String providerId, String name, InstantSource clock, Sleeper sleeper) {
      this.providerId = Objects.requireNonNull(providerId, "providerId");
      this.name = Objects.requireNonNull(name, "name");
      this.clock = Objects.requireNonNull(clock, "clock");
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Sets the rate limit (required).
     *
     * @param permits calls per period, at least 1
     * @param period the period; positive, never null
     * @return this builder
     * @throws IllegalArgumentException if a bound is broken
     */
    public Builder limit(int permits, Duration period) {
      if (permits < 1) {
        throw new IllegalArgumentException("limit.permits must be >= 1, got " + permits);
      }
      this.period = positive(period, "limit.period");
      this.permits = permits;
      return this;
    }

    /**
     * Sets how messages name the limit, after "the local rate limit " (default {@code of <permits> per <period>}).
     *
     * @param value e.g. {@code of EC2 (20/s)}; never null
     * @return this builder
     */
    public Builder describedAs(String value) {
      this.description = Objects.requireNonNull(value, "description");
      return this;
    }

    /**
     * Sets the longest wait for a permit (default: the call deadline); no permit further away is reserved.
     *
     * @param value not negative; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder longestPermitWait(Duration value) {
      Objects.requireNonNull(value, "longestPermitWait");
      if (value.isNegative()) {
        throw new IllegalArgumentException("longestPermitWait must not be negative, got " + value);
      }
      this.longestPermitWait = value;
      return this;
    }

    /**
     * Sets what a refusal's message adds when there is no permit within the longest permit wait (default nothing).
     *
     * @param value e.g. {@code " (the next one is further away than that)"}; may be empty, never null
     * @return this builder
     */
    public Builder noPermitNote(String value) {
      this.noPermitNote = Objects.requireNonNull(value, "noPermitNote");
      return this;
    }

    /**
     * Sets the time limit of one call with all its attempts and waits (default 2 minutes).
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder callDeadline(Duration value) {
      this.callDeadline = positive(value, "callDeadline");
      return this;
    }

    /**
     * Builds the pacer.
     *
     * @return the pacer; never null
     * @throws IllegalStateException if no limit was set
     */
    public CallPacer build() {
      if (permits < 1) {
        throw new IllegalStateException("CallPacer " + name + ": limit(permits, period) is required");
      }
      return new CallPacer(this);
    }

    private static Duration positive(Duration d, String field) {
      Objects.requireNonNull(d, field);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(field + " must be positive, got " + d);
      }
      return d;
    }
  }
}
