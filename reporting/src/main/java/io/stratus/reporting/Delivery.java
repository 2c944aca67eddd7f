package io.stratus.reporting;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The record of one scheduled report run: delivered, failed (with the channel's error) or skipped (a run that fell
 * due while an earlier one was still owed, replaced by the newest).
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheduleId the schedule
 * @param scheduledFor the run time the cron expression gave
 * @param attemptedAt when the scheduler handled it (the injected clock)
 * @param status what happened
 * @param channel the id of the notification channel
 * @param notificationKey the key of the notification sent (empty when none was sent)
 * @param detail the error message of a failure, or why a run was skipped; empty on success
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Delivery(String scheduleId, Instant scheduledFor, Instant attemptedAt, Status status, String channel,
    String notificationKey, String detail) {
  /** Validates. */
  public Delivery {
    Objects.requireNonNull(scheduleId, "delivery.scheduleId");
    Objects.requireNonNull(scheduledFor, "delivery.scheduledFor");
    Objects.requireNonNull(attemptedAt, "delivery.attemptedAt");
    Objects.requireNonNull(status, "delivery.status");
    Objects.requireNonNull(channel, "delivery.channel");
    Objects.requireNonNull(notificationKey, "delivery.notificationKey");
    Objects.requireNonNull(detail, "delivery.detail");
  }

  /** What happened to a run. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Status {
    /** The channel accepted the notification. */
    DELIVERED,
    /** The report could not be made or the channel refused it. */
    FAILED,
    /** A missed run superseded by a later one in the same check. */
    SKIPPED
  }
}
