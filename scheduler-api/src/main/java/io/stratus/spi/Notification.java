package io.stratus.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A message for people: an alert, a budget event, a recommendation. Channels decide how to render it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key a stable key for de-duplication, e.g. an alert fingerprint
 * @param severity how urgent it is
 * @param title one line
 * @param body details, plain text
 * @param labels routing labels (team, region, provider, ...)
 * @param at when it was raised
 * @param status whether what it reports is open, acknowledged or resolved; channels with incident state (a pager)
 *     use it with {@code key} to open, acknowledge and close one incident
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Notification(
    String key, Severity severity, String title, String body, Map<String, String> labels, Instant at,
    Status status) {

  /**
   * Whether what a notification reports is still open.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Status {
    /** Open: firing, or an event that needs attention. */
    OPEN,
    /** Someone is on it. */
    ACKNOWLEDGED,
    /** Over. */
    RESOLVED
  }

  /**
   * An {@linkplain Status#OPEN open} notification.
   *
   * @param key a stable key for de-duplication
   * @param severity how urgent it is
   * @param title one line
   * @param body details, plain text
   * @param labels routing labels
   * @param at when it was raised
   * @throws IllegalArgumentException if the key or title is blank
   */
  public Notification(
      String key, Severity severity, String title, String body, Map<String, String> labels, Instant at) {
    this(key, severity, title, body, labels, at, Status.OPEN);
  }

  /** How urgent a notification is. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Severity {
    /** For the record. */
    INFO,
    /** Needs attention soon. */
    WARNING,
    /** Needs attention now. */
    CRITICAL
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the key or title is blank
   */
  public Notification {
    Objects.requireNonNull(key, "notification.key");
    Objects.requireNonNull(severity, "notification.severity");
    Objects.requireNonNull(title, "notification.title");
    Objects.requireNonNull(body, "notification.body");
    Objects.requireNonNull(at, "notification.at");
    Objects.requireNonNull(status, "notification.status");
    if (key.isBlank() || title.isBlank()) {
      throw new IllegalArgumentException("notification.key and title must not be blank, got '" + key + "', '"
          + title + "'");
    }
    labels = Map.copyOf(Objects.requireNonNull(labels, "notification.labels"));
  }
}
