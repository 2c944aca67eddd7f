package io.stratus.simulation.environment;

import io.stratus.model.CloudProvider;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How a provider rounds billed time: the running time is rounded up to a multiple of {@code granularity} and is at
 * least {@code minimum}. Defaults ({@link #defaultFor}): AWS and GCP bill per second with a one-minute minimum (Linux
 * on-demand and spot); Azure bills per minute; any other provider per hour.
 *
 * <p>Immutable and thread-safe.
 *
 * @param granularity the billing unit; never null, positive
 * @param minimum the minimum billed time; never null, not negative
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BillingRule(Duration granularity, Duration minimum) {
  /** Per second, one-minute minimum. */
  public static final BillingRule PER_SECOND_MIN_60 = new BillingRule(Duration.ofSeconds(1), Duration.ofMinutes(1));
  /** Per minute, one-minute minimum. */
  public static final BillingRule PER_MINUTE = new BillingRule(Duration.ofMinutes(1), Duration.ofMinutes(1));
  /** Per started hour. */
  public static final BillingRule PER_HOUR = new BillingRule(Duration.ofHours(1), Duration.ofHours(1));

  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if granularity is not positive or minimum negative
   */
  public BillingRule {
    Objects.requireNonNull(granularity, "granularity");
    Objects.requireNonNull(minimum, "minimum");
    if (granularity.isNegative() || granularity.isZero()) {
      throw new IllegalArgumentException("granularity must be positive, was " + granularity);
    }
    if (minimum.isNegative()) {
      throw new IllegalArgumentException("minimum must not be negative, was " + minimum);
    }
  }

  /**
   * The default rule of a provider.
   *
   * @param provider the provider; never null
   * @return the rule; never null
   */
  public static BillingRule defaultFor(CloudProvider provider) {
    Objects.requireNonNull(provider, "provider");
    if (provider.equals(CloudProvider.AWS) || provider.equals(CloudProvider.GCP)) {
      return PER_SECOND_MIN_60;
    }
    if (provider.equals(CloudProvider.AZURE)) {
      return PER_MINUTE;
    }
    return PER_HOUR;
  }

  /**
   * The billed time of a run.
   *
   * @param runningNanos the running time in nanoseconds, {@code >= 0}
   * @return the billed time in nanoseconds: rounded up to the granularity, at least the minimum
   */
  public long billedNanos(long runningNanos) {
    long g = granularity.toNanos();
    long rounded = ((runningNanos + g - 1) / g) * g;
    return Math.max(rounded, minimum.toNanos());
  }
}
