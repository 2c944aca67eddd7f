package io.stratus.adapters.webhooks;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One line of the delivery log: an attempt to deliver, its outcome and what happens next.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key which delivery; never null
 * @param attempt the attempt number, from 1
 * @param at when the attempt finished; never null
 * @param outcome what it led to; never null
 * @param statusCode the HTTP status, 0 if no response (timeout, connection or protocol error)
 * @param detail the error or response summary, at most {@value #MAX_DETAIL} characters; never null
 * @param nextAttemptAt when the retry is due if the outcome is {@link Outcome#RETRY}, else {@code at}; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeliveryAttempt(DeliveryKey key, int attempt, Instant at, Outcome outcome, int statusCode,
    String detail, Instant nextAttemptAt) {

  /** The longest detail kept. */
  public static final int MAX_DETAIL = 500;

  /** What an attempt led to. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Outcome {
    /** Delivered (2xx). */
    DELIVERED,
    /** Failed; a retry is scheduled. */
    RETRY,
    /** Failed for good; moved to the dead-letter store. */
    DEAD
  }

  /**
   * Validates; truncates the detail.
   *
   * @throws IllegalArgumentException if the attempt number or status code is out of range, or a retry is not after
   *     the attempt
   */
  public DeliveryAttempt {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
    }
    if (statusCode != 0 && (statusCode < 100 || statusCode > 599)) {
      throw new IllegalArgumentException("statusCode must be 0 or 100..599, got " + statusCode);
    }
    if (outcome == Outcome.RETRY && nextAttemptAt.isBefore(at)) {
      throw new IllegalArgumentException("a retry's nextAttemptAt " + nextAttemptAt + " must not be before " + at);
    }
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
  }
}
