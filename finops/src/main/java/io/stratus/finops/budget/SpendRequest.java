package io.stratus.finops.budget;

import io.stratus.finops.query.Dimension;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * New spend that budgets are asked about: what it is for (a key such as a workload id), where it falls (the
 * dimension values that budget scopes are matched against, e.g. {@code tag:team=payments}), its hourly rate and how
 * long it runs.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key what the spend is for; one approval request per budget and key; never null or blank
 * @param attributes the spend's dimension values; never null
 * @param hourlyRate what it costs per hour; non-negative; never null
 * @param duration how long it runs; {@link Duration#ZERO} for open-ended (it then counts until each budget's window
 *     ends); never null
 * @param requester who asks; never null
 * @param reason why; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SpendRequest(String key, Map<Dimension, String> attributes, Money hourlyRate, Duration duration,
    String requester, String reason) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the key is blank, the rate negative or the duration negative
   */
  public SpendRequest {
    Objects.requireNonNull(key, "spendRequest.key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("spendRequest.key must not be blank");
    }
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "spendRequest.attributes"));
    Objects.requireNonNull(hourlyRate, "spendRequest.hourlyRate");
    Objects.requireNonNull(duration, "spendRequest.duration");
    Objects.requireNonNull(requester, "spendRequest.requester");
    Objects.requireNonNull(reason, "spendRequest.reason");
    if (hourlyRate.amount().signum() < 0) {
      throw new IllegalArgumentException("spendRequest.hourlyRate must be >= 0, got " + hourlyRate);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("spendRequest.duration must be >= 0, got " + duration);
    }
  }

  /**
   * The spend falling in {@code [from, to)} if it starts at {@code from}.
   *
   * @param from the start; never null
   * @param to the window's end; never null
   * @return the rate times the hours it runs before {@code to}; never null
   */
  public Money costUntil(Instant from, Instant to) {
    long seconds = Math.max(0, to.getEpochSecond() - from.getEpochSecond());
    if (!duration.isZero()) {
      seconds = Math.min(seconds, duration.getSeconds());
    }
    BigDecimal hours = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), MathContext.DECIMAL64);
    return new Money(hourlyRate.amount().multiply(hours, MathContext.DECIMAL64), hourlyRate.currency());
  }
}
