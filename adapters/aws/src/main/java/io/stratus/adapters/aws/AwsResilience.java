package io.stratus.adapters.aws;

import io.stratus.spi.Sleeper;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How the adapter survives throttling and outages: every remote call runs under a rate limiter (per {@link
 * AwsService}, at its documented quota), a circuit breaker (per service endpoint) and a retry with exponential backoff
 * and full random jitter on throttling ({@code ThrottlingException}, {@code Throttling}, {@code RequestLimitExceeded},
 * HTTP 429), server errors (5xx), timeouts and I/O failures. Client errors (a bad request, missing permissions, a
 * malformed response) are not retried. Throttling (the SDK's own classification, {@code
 * AwsServiceException.isThrottlingException()}, plus Cost Explorer's {@code LimitExceededException}) is not an outage:
 * the circuit breaker ignores it, so only server errors, timeouts and I/O failures open it. When a throttled or failed
 * response carries {@code Retry-After} (seconds or an HTTP date) longer than the backoff, that delay is waited instead.
 *
 * <p>The AWS SDK's own retries are switched off ({@code AwsRetryStrategy.doNotRetry()}), so this policy is the only
 * one: an attempt is one HTTP request, bounded by {@link #attemptTimeout()} (the SDK's {@code apiCallAttemptTimeout},
 * which aborts the request itself) and by the HTTP client's connect timeout. One {@link #callDeadline()} bounds the
 * whole call: every wait (a rate-limiter permit, a backoff, a server's {@code Retry-After}) counts against it, and a
 * wait that would end past it fails the call at once, naming the wait and the deadline, instead of waiting. Waits go
 * through the {@link Sleeper}, and the rate limiters count permits on the adapter's injected clock (never the
 * system's), so tests run the policy on a fake clock without sleeping.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; {@link #defaults()} suits most hosts.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AwsResilience {
  private static final AwsResilience DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double multiplier;
  private final double jitter;
  private final Duration attemptTimeout;
  private final Duration connectTimeout;
  private final int breakerWindow;
  private final float breakerFailureRatePercent;
  private final Duration breakerOpenFor;
  private final Map<AwsService, Integer> ratesPerSecond;
  private final Duration maxRateLimitWait;
  private final Duration callDeadline;
  private final Sleeper sleeper;

  private AwsResilience(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.attemptTimeout = b.attemptTimeout;
    this.connectTimeout = b.connectTimeout;
    this.breakerWindow = b.breakerWindow;
    this.breakerFailureRatePercent = b.breakerFailureRatePercent;
    this.breakerOpenFor = b.breakerOpenFor;
    this.ratesPerSecond = Map.copyOf(b.ratesPerSecond);
    this.maxRateLimitWait = b.maxRateLimitWait;
    this.callDeadline = b.callDeadline;
    this.sleeper = b.sleeper;
  }

  /**
   * The defaults: 5 attempts, backoff from 200 ms doubling to at most 20 s with 50 % jitter, 30 s per attempt, 5 s to
   * connect, a breaker that opens for 30 s when half of the last 20 calls failed, the documented rates, at most 30 s
   * of waiting for a rate-limiter permit, 2 minutes per call with its retries and waits, and the real sleeper.
   *
   * @return the defaults; never null
   */
  public static AwsResilience defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Attempts per call, the first included.
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The backoff before the second attempt, before jitter.
   *
   * @return the duration; never null
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * The longest backoff.
   *
   * @return the duration; never null
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * The factor between consecutive backoffs.
   *
   * @return at least 1
   */
  public double multiplier() {
    return multiplier;
  }

  /**
   * The randomization factor of each backoff: a wait is drawn uniformly from {@code backoff * [1 - jitter, 1 +
   * jitter]}.
   *
   * @return in [0, 1)
   */
  public double jitter() {
    return jitter;
  }

  /**
   * The time limit of one attempt (one HTTP request and its response).
   *
   * @return the duration; never null
   */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /**
   * The time limit for opening a connection.
   *
   * @return the duration; never null
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How many of the latest calls the circuit breaker judges.
   *
   * @return at least 1
   */
  public int breakerWindow() {
    return breakerWindow;
  }

  /**
   * The failure rate, in percent of the window, at which the circuit breaker opens.
   *
   * @return in (0, 100]
   */
  public float breakerFailureRatePercent() {
    return breakerFailureRatePercent;
  }

  /**
   * How long an open circuit breaker rejects calls before it lets trial calls through.
   *
   * @return the duration; never null
   */
  public Duration breakerOpenFor() {
    return breakerOpenFor;
  }

  /**
   * The sustained request rate allowed for a service.
   *
   * @param service the service; never null
   * @return requests per second; the configured rate, else {@link AwsService#documentedRatePerSecond()}
   */
  public int ratePerSecond(AwsService service) {
    return ratesPerSecond.getOrDefault(Objects.requireNonNull(service, "service"), service.documentedRatePerSecond());
  }

  /**
   * The longest wait for a rate-limiter permit before a call fails.
   *
   * @return the duration; never null
   */
  public Duration maxRateLimitWait() {
    return maxRateLimitWait;
  }

  /**
   * The time limit of one call with all its attempts and waits, on the adapter's clock: a rate-limiter permit or a
   * backoff that would end past it fails the call at once.
   *
   * @return the duration; never null
   */
  public Duration callDeadline() {
    return callDeadline;
  }

  /**
   * The sleeper that performs every wait.
   *
   * @return the sleeper; never null
   */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "AwsResilience{maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff + " x"
        + multiplier + " jitter " + jitter + ", attemptTimeout=" + attemptTimeout + ", breaker=" + breakerWindow
        + " calls/" + breakerFailureRatePercent + "%/" + breakerOpenFor + ", rates=" + ratesPerSecond
        + ", maxRateLimitWait=" + maxRateLimitWait + ", callDeadline=" + callDeadline + "}";
  }

  /**
   * Builds an {@link AwsResilience}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(20);
    private double multiplier = 2;
    private double jitter = 0.5;
    private Duration attemptTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private int breakerWindow = 20;
    private float breakerFailureRatePercent = 50;
    private Duration breakerOpenFor = Duration.ofSeconds(30);
    private final Map<AwsService, Integer> ratesPerSecond = new EnumMap<>(AwsService.class);
    private Duration maxRateLimitWait = Duration.ofSeconds(30);
    private Duration callDeadline = Duration.ofMinutes(2);
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /**
     * Sets the attempts per call, the first included (default 5; 1 disables retries).
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("awsResilience.maxAttempts must be >= 1, got " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Sets the exponential backoff (default 200 ms doubling up to 20 s, jitter 0.5).
     *
     * @param initial the first backoff; positive
     * @param multiplier the growth factor; at least 1
     * @param max the longest backoff; at least {@code initial}
     * @param jitter the randomization factor; in [0, 1)
     * @return this builder
     * @throws IllegalArgumentException if a rule is broken
     */
    public Builder backoff(Duration initial, double multiplier, Duration max, double jitter) {
      positive(initial, "awsResilience.initialBackoff");
      positive(max, "awsResilience.maxBackoff");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "awsResilience.maxBackoff must be >= initialBackoff " + initial + ", got " + max);
      }
      if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("awsResilience.multiplier must be a finite number >= 1, got " + multiplier);
      }
      if (!(jitter >= 0 && jitter < 1)) {
        throw new IllegalArgumentException("awsResilience.jitter must be in [0, 1), got " + jitter);
      }
      this.initialBackoff = initial;
      this.multiplier = multiplier;
      this.maxBackoff = max;
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the time limits of one attempt and of connecting (default 30 s and 5 s).
     *
     * @param attempt the limit of one request and its response; positive
     * @param connect the limit for opening a connection; positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeouts(Duration attempt, Duration connect) {
      this.attemptTimeout = positive(attempt, "awsResilience.attemptTimeout");
      this.connectTimeout = positive(connect, "awsResilience.connectTimeout");
      return this;
    }

    /**
     * Sets the circuit breaker of each service endpoint (default 20 calls, 50 %, 30 s). It judges server errors,
     * timeouts and I/O failures; throttling never opens it.
     *
     * @param window how many of the latest calls are judged; at least 1
     * @param failureRatePercent the failure rate that opens it; in (0, 100]
     * @param openFor how long it stays open; positive
     * @return this builder
     * @throws IllegalArgumentException if a rule is broken
     */
    public Builder circuitBreaker(int window, float failureRatePercent, Duration openFor) {
      if (window < 1) {
        throw new IllegalArgumentException("awsResilience.breakerWindow must be >= 1, got " + window);
      }
      if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
        throw new IllegalArgumentException(
            "awsResilience.breakerFailureRatePercent must be in (0, 100], got " + failureRatePercent);
      }
      this.breakerWindow = window;
      this.breakerFailureRatePercent = failureRatePercent;
      this.breakerOpenFor = positive(openFor, "awsResilience.breakerOpenFor");
      return this;
    }

    /**
     * Overrides the rate limit of one service (default: its documented quota), e.g. after a quota increase.
     *
     * @param service the service; never null
     * @param perSecond requests per second; at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder ratePerSecond(AwsService service, int perSecond) {
      Objects.requireNonNull(service, "service");
      if (perSecond < 1) {
        throw new IllegalArgumentException(
            "awsResilience.ratePerSecond[" + service + "] must be >= 1, got " + perSecond);
      }
      ratesPerSecond.put(service, perSecond);
      return this;
    }

    /**
     * Sets the longest wait for a rate-limiter permit (default 30 s); a call that would wait longer fails.
     *
     * @param value not negative; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRateLimitWait(Duration value) {
      Objects.requireNonNull(value, "awsResilience.maxRateLimitWait");
      if (value.isNegative()) {
        throw new IllegalArgumentException("awsResilience.maxRateLimitWait must not be negative, got " + value);
      }
      this.maxRateLimitWait = value;
      return this;
    }

    /**
     * Sets the time limit of one call with all its attempts and waits (default 2 minutes). A rate-limiter permit or a
     * backoff that would end past it fails the call at once; an attempt under way is bounded by {@link #timeouts}.
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder callDeadline(Duration value) {
      this.callDeadline = positive(value, "awsResilience.callDeadline");
      return this;
    }

    /**
     * Sets the sleeper that performs every wait (default {@link Sleeper#system()}).
     *
     * @param value never null
     * @return this builder
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "awsResilience.sleeper");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy; never null
     */
    public AwsResilience build() {
      return new AwsResilience(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
