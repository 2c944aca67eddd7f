package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.spi.Notification;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A delivery an {@link AlertEngine} gave up on: the channel, the notification, why, and when. The host can look at
 * them and replay them with {@link AlertEngine#replayDeadLetters()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id unique in its store ({@code dl-<epoch millis>-<number>}, numbered above the letters already stored),
 *     what {@link DeadLetterStore#remove} takes
 * @param channelId the channel's id
 * @param notification what was not delivered
 * @param reason why it was given up
 * @param attempts calls made to the channel for it
 * @param lastError the last failure's type and message, or the overflow note; never contains the notification
 * @param at when it was given up, by the engine's clock
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DeadLetter(
    String id, String channelId, Notification notification, Reason reason, int attempts, String lastError, Instant at) {

  /** Why a delivery was given up. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Reason {
    /** Every attempt allowed by the {@link DeliveryPolicy} failed (or was refused by the open circuit). */
    RETRIES_EXHAUSTED,
    /** The channel's queue was full when it was offered. */
    QUEUE_FULL
  }

  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if attempts is negative
   */
  public DeadLetter {
    Checks.nonNull(id, "deadLetter.id");
    Checks.nonNull(channelId, "deadLetter.channelId");
    Checks.nonNull(notification, "deadLetter.notification");
    Checks.nonNull(reason, "deadLetter.reason");
    Checks.nonNull(lastError, "deadLetter.lastError");
    Checks.nonNull(at, "deadLetter.at");
    if (attempts < 0) {
      throw new IllegalArgumentException("deadLetter.attempts must be >= 0, got " + attempts);
    }
  }
}
