package io.stratus.adapters.webhooks;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The state of one delivery in an {@link Outbox}: the signed-over body, how many attempts were made, when the next
 * is due, and whether it is still pending, delivered or dead-lettered.
 *
 * <p>Immutable and thread-safe (the body is copied in and out).
 *
 * @param key which event to which subscription; never null
 * @param body the exact request body (a CloudEvents JSON event); empty once delivered; never null
 * @param enqueuedAt when the event was accepted; never null
 * @param state where the delivery stands; never null
 * @param attempts attempts made so far; not negative
 * @param nextAttemptAt when the next attempt is due (meaningful while pending); never null
 * @param lastError the last failure, empty if none; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record OutboxEntry(DeliveryKey key, byte[] body, Instant enqueuedAt, State state, int attempts,
    Instant nextAttemptAt, String lastError) {

  /** Where a delivery stands. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum State {
    /** Waiting for its first attempt or a retry. */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** Given up; kept in the dead-letter store until replayed. */
    DEAD
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if attempts is negative
   */
  public OutboxEntry {
    Objects.requireNonNull(key, "key");
    body = Objects.requireNonNull(body, "body").clone();
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
    }
  }

  /**
   * A new pending delivery, due at once.
   *
   * @param key which event to which subscription; never null
   * @param body the request body; never null
   * @param at when it was accepted; never null
   * @return the entry; never null
   */
  public static OutboxEntry pending(DeliveryKey key, byte[] body, Instant at) {
    return new OutboxEntry(key, body, at, State.PENDING, 0, at, "");
  }

  /**
   * The request body.
   *
   * @return a copy; never null
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboxEntry && key.equals(((OutboxEntry) o).key) && java.util.Arrays.equals(body,
        ((OutboxEntry) o).body) && enqueuedAt.equals(((OutboxEntry) o).enqueuedAt) && state == ((OutboxEntry) o).state
        && attempts == ((OutboxEntry) o).attempts && nextAttemptAt.equals(((OutboxEntry) o).nextAttemptAt)
        && lastError.equals(((OutboxEntry) o).lastError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, state, attempts, nextAttemptAt);
  }

  @Override
  public String toString() {
    return "OutboxEntry[" + key + ", " + state + ", attempts=" + attempts + ", next=" + nextAttemptAt + ", body="
        + body.length + " bytes" + (lastError.isEmpty() ? "" : ", lastError=" + lastError) + "]";
  }
}
