package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * How an {@link AlertEngine} delivers notifications: retries with exponential backoff and jitter up to an attempt
 * cap, a circuit breaker per channel, a bounded queue per channel, and a bounded dead-letter list.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; {@link #defaults()} gives 5 attempts starting 10
 * seconds apart (doubling, &plusmn;50% jitter, at most 10 minutes), a breaker that opens at 50% failures over the
 * last 20 calls (after at least 10) for one minute, 1,000 deliveries per channel queue and 10,000 dead letters, and
 * no batching.
 *
 * <p>Batching ({@link Builder#batching}) is per channel: the first notification for a batching channel opens a window
 * on the engine's clock; every notification for that channel until the window closes (or the batch holds {@link
 * #batchMaxSize()} notifications) joins it, and the channel gets one message for the whole batch: a digest
 * notification whose title counts the alerts, whose body has one line per alert, whose severity is the highest, and
 * whose labels are those all alerts share plus {@code batch.size}. The channel formats it with its own template. A
 * batch of one is delivered unchanged.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DeliveryPolicy {
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final double multiplier;
  private final double jitter;
  private final Duration maxBackoff;
  private final int queueCapacity;
  private final int deadLetterCapacity;
  private final float failureRateThreshold;
  private final int breakerWindow;
  private final int breakerMinimumCalls;
  private final Duration breakerOpenFor;
  private final Map<String, Duration> batchWindows;
  private final int batchMaxSize;

  private DeliveryPolicy(Builder b) {
    this.batchWindows = Map.copyOf(b.batchWindows);
    this.batchMaxSize = b.batchMaxSize;
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.maxBackoff = b.maxBackoff;
    this.queueCapacity = b.queueCapacity;
    this.deadLetterCapacity = b.deadLetterCapacity;
    this.failureRateThreshold = b.failureRateThreshold;
    this.breakerWindow = b.breakerWindow;
    this.breakerMinimumCalls = b.breakerMinimumCalls;
    this.breakerOpenFor = b.breakerOpenFor;
  }

  /**
   * The default policy.
   *
   * @return the policy; never null
   */
  public static DeliveryPolicy defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Attempts per delivery, the first one included.
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The wait before the first retry.
   *
   * @return a positive duration; never null
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * The factor between successive waits.
   *
   * @return at least 1
   */
  public double multiplier() {
    return multiplier;
  }

  /**
   * The randomization factor of each wait: a wait {@code w} becomes a uniform draw in {@code w * (1 +/- jitter)}.
   *
   * @return in {@code [0, 1)}
   */
  public double jitter() {
    return jitter;
  }

  /**
   * The longest wait between two attempts.
   *
   * @return a positive duration; never null
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * Deliveries a channel may have queued or waiting for a retry; more are counted as overflow and dead-lettered.
   *
   * @return at least 1
   */
  public int queueCapacity() {
    return queueCapacity;
  }

  /**
   * Dead letters kept; the oldest is dropped (and counted) beyond it.
   *
   * @return at least 1
   */
  public int deadLetterCapacity() {
    return deadLetterCapacity;
  }

  /**
   * The failure rate, in percent, at which a channel's circuit breaker opens.
   *
   * @return in {@code (0, 100]}
   */
  public float failureRateThreshold() {
    return failureRateThreshold;
  }

  /**
   * The number of recent calls the breaker's failure rate is computed over.
   *
   * @return at least 1
   */
  public int breakerWindow() {
    return breakerWindow;
  }

  /**
   * Calls needed before the breaker computes a failure rate.
   *
   * @return at least 1
   */
  public int breakerMinimumCalls() {
    return breakerMinimumCalls;
  }

  /**
   * How long an open breaker rejects calls before it lets trial calls through.
   *
   * @return a positive duration; never null
   */
  public Duration breakerOpenFor() {
    return breakerOpenFor;
  }

  /**
   * The batching window of each batching channel, by channel id; channels not listed are not batched.
   *
   * @return unmodifiable; never null
   */
  public Map<String, Duration> batchWindows() {
    return batchWindows;
  }

  /**
   * The most notifications one batch holds; a full batch is closed and the next notification opens a new one.
   *
   * @return at least 2
   */
  public int batchMaxSize() {
    return batchMaxSize;
  }

  @Override
  public String toString() {
    return "DeliveryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
        + multiplier + ", jitter=" + jitter + ", maxBackoff=" + maxBackoff + ", queueCapacity=" + queueCapacity
        + ", deadLetterCapacity=" + deadLetterCapacity + ", failureRateThreshold=" + failureRateThreshold
        + ", breakerWindow=" + breakerWindow + ", breakerMinimumCalls=" + breakerMinimumCalls + ", breakerOpenFor="
        + breakerOpenFor + ", batchWindows=" + new TreeMap<>(batchWindows) + ", batchMaxSize=" + batchMaxSize + "]";
  }

  /**
   * Builds a {@link DeliveryPolicy}. Not thread-safe; {@link #build()} may run more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofSeconds(10);
    private double multiplier = 2;
    private double jitter = 0.5;
    private Duration maxBackoff = Duration.ofMinutes(10);
    private int queueCapacity = 1_000;
    private int deadLetterCapacity = 10_000;
    private float failureRateThreshold = 50;
    private int breakerWindow = 20;
    private int breakerMinimumCalls = 10;
    private Duration breakerOpenFor = Duration.ofMinutes(1);
    private final Map<String, Duration> batchWindows = new TreeMap<>();
    private int batchMaxSize = 50;

    private Builder() {}

    /**
     * Batches the notifications for one channel over a window of the engine's clock (see the class description).
     * Calling it again for the same channel replaces its window.
     *
     * @param channelId the channel's id; never null or blank
     * @param window how long a batch stays open after its first notification, positive
     * @return this builder
     * @throws IllegalArgumentException if the id is blank or the window not positive
     */
    public Builder batching(String channelId, Duration window) {
      Objects.requireNonNull(channelId, "deliveryPolicy.batching.channelId");
      if (channelId.isBlank()) {
        throw new IllegalArgumentException("deliveryPolicy.batching.channelId must not be blank");
      }
      batchWindows.put(channelId, Checks.positive(window, "deliveryPolicy.batching.window"));
      return this;
    }

    /**
     * The most notifications one batch holds; default 50.
     *
     * @param value at least 2
     * @return this builder
     * @throws IllegalArgumentException if below 2
     */
    public Builder batchMaxSize(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("deliveryPolicy.batchMaxSize must be >= 2, got " + value);
      }
      this.batchMaxSize = value;
      return this;
    }

    /**
     * Attempts per delivery, the first one included; default 5.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxAttempts(int value) {
      this.maxAttempts = Checks.positive(value, "deliveryPolicy.maxAttempts");
      return this;
    }

    /**
     * Backoff: the first wait, the factor between waits, and the longest wait; default 10 s, 2, 10 min.
     *
     * @param initial the first wait, positive
     * @param factor the factor, at least 1
     * @param max the longest wait, at least {@code initial}
     * @return this builder
     * @throws IllegalArgumentException if a value breaks its rule
     */
    public Builder backoff(Duration initial, double factor, Duration max) {
      Checks.positive(initial, "deliveryPolicy.initialBackoff");
      Checks.positive(max, "deliveryPolicy.maxBackoff");
      if (!(factor >= 1) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("deliveryPolicy.multiplier must be finite and >= 1, got " + factor);
      }
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("deliveryPolicy.maxBackoff must be >= initialBackoff (" + initial
            + "), got " + max);
      }
      this.initialBackoff = initial;
      this.multiplier = factor;
      this.maxBackoff = max;
      return this;
    }

    /**
     * The randomization factor of each wait; default 0.5. Zero gives exact exponential waits.
     *
     * @param value in {@code [0, 1)}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder jitter(double value) {
      if (!(value >= 0 && value < 1)) {
        throw new IllegalArgumentException("deliveryPolicy.jitter must be in [0, 1), got " + value);
      }
      this.jitter = value;
      return this;
    }

    /**
     * Deliveries a channel may have queued or waiting for a retry; default 1,000.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder queueCapacity(int value) {
      this.queueCapacity = Checks.positive(value, "deliveryPolicy.queueCapacity");
      return this;
    }

    /**
     * Dead letters kept; default 10,000.
     *
     * @param value at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder deadLetterCapacity(int value) {
      this.deadLetterCapacity = Checks.positive(value, "deliveryPolicy.deadLetterCapacity");
      return this;
    }

    /**
     * The per-channel circuit breaker: it opens when at least {@code failureRatePercent} of the last {@code window}
     * calls failed (once {@code minimumCalls} were made) and rejects calls until more than {@code openFor} has
     * passed; then one trial call decides whether it closes or opens again. Default 50%, 20, 10, one minute.
     *
     * @param failureRatePercent in {@code (0, 100]}
     * @param window at least 1
     * @param minimumCalls at least 1
     * @param openFor positive
     * @return this builder
     * @throws IllegalArgumentException if a value breaks its rule
     */
    public Builder circuitBreaker(float failureRatePercent, int window, int minimumCalls, Duration openFor) {
      if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
        throw new IllegalArgumentException("deliveryPolicy.failureRateThreshold must be in (0, 100], got "
            + failureRatePercent);
      }
      this.breakerWindow = Checks.positive(window, "deliveryPolicy.breakerWindow");
      this.breakerMinimumCalls = Checks.positive(minimumCalls, "deliveryPolicy.breakerMinimumCalls");
      this.breakerOpenFor = Checks.positive(openFor, "deliveryPolicy.breakerOpenFor");
      this.failureRateThreshold = failureRatePercent;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return a new policy; never null
     */
    public DeliveryPolicy build() {
      return new DeliveryPolicy(this);
    }
  }
}
