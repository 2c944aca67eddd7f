package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import io.stratus.spi.Notification.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The history of one alert instance that fired: when it fired and resolved, who acknowledged it, who it is assigned
 * to, the comments, and how it was resolved.
 *
 * <p>Immutable and thread-safe. The {@code with...} methods return changed copies.
 *
 * @param fingerprint the alert's fingerprint
 * @param instance the instance number of the fingerprint, from 1
 * @param labels the alert's labels
 * @param severity the severity
 * @param state {@code FIRING} or {@code RESOLVED}
 * @param firedAt when it fired
 * @param resolvedAt when it resolved
 * @param acknowledgedBy who acknowledged it
 * @param acknowledgedAt when
 * @param assignee who it is assigned to
 * @param comments the comments, oldest first
 * @param resolvedBy who resolved it by hand; empty when its condition cleared
 * @param resolutionNote the note given when it was resolved by hand
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AlertHistoryRecord(
    String fingerprint,
    long instance,
    Map<String, String> labels,
    Severity severity,
    AlertState state,
    Instant firedAt,
    Optional<Instant> resolvedAt,
    Optional<String> acknowledgedBy,
    Optional<Instant> acknowledgedAt,
    Optional<String> assignee,
    List<Comment> comments,
    Optional<String> resolvedBy,
    Optional<String> resolutionNote) {

  /**
   * A comment on an alert.
   *
   * @param author who wrote it
   * @param at when
   * @param text what
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Comment(String author, Instant at, String text) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the author or text is blank
     */
    public Comment {
      Checks.nonBlank(author, "comment.author");
      Checks.nonNull(at, "comment.at");
      Checks.nonBlank(text, "comment.text");
    }
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the state is {@code PENDING} or the instance is below 1
   */
  public AlertHistoryRecord {
    Checks.nonNull(fingerprint, "history.fingerprint");
    labels = Map.copyOf(Checks.nonNull(labels, "history.labels"));
    Checks.nonNull(severity, "history.severity");
    Checks.nonNull(state, "history.state");
    Checks.nonNull(firedAt, "history.firedAt");
    Checks.nonNull(resolvedAt, "history.resolvedAt");
    Checks.nonNull(acknowledgedBy, "history.acknowledgedBy");
    Checks.nonNull(acknowledgedAt, "history.acknowledgedAt");
    Checks.nonNull(assignee, "history.assignee");
    comments = List.copyOf(Checks.nonNull(comments, "history.comments"));
    Checks.nonNull(resolvedBy, "history.resolvedBy");
    Checks.nonNull(resolutionNote, "history.resolutionNote");
    if (state == AlertState.PENDING) {
      throw new IllegalArgumentException("history.state must be FIRING or RESOLVED, got PENDING");
    }
    if (instance < 1) {
      throw new IllegalArgumentException("history.instance must be >= 1, got " + instance);
    }
  }

  /**
   * A new firing record.
   *
   * @param fingerprint the fingerprint; never null
   * @param instance the instance, from 1
   * @param labels the labels; never null
   * @param severity the severity; never null
   * @param firedAt when it fired; never null
   * @return the record; never null
   */
  public static AlertHistoryRecord firing(String fingerprint, long instance, Map<String, String> labels,
      Severity severity, Instant firedAt) {
    return new AlertHistoryRecord(fingerprint, instance, labels, severity, AlertState.FIRING, firedAt,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
        Optional.empty());
  }

  /**
   * This record resolved.
   *
   * @param at when; never null
   * @param by who resolved it by hand, or null when its condition cleared
   * @param note the note, or null
   * @return a changed copy; never null
   */
  public AlertHistoryRecord withResolved(Instant at, String by, String note) {
    return new AlertHistoryRecord(fingerprint, instance, labels, severity, AlertState.RESOLVED, firedAt,
        Optional.of(at), acknowledgedBy, acknowledgedAt, assignee, comments, Optional.ofNullable(by),
        Optional.ofNullable(note));
  }

  /**
   * This record acknowledged.
   *
   * @param by who; never null
   * @param at when; never null
   * @return a changed copy; never null
   */
  public AlertHistoryRecord withAcknowledged(String by, Instant at) {
    return new AlertHistoryRecord(fingerprint, instance, labels, severity, state, firedAt, resolvedAt,
        Optional.of(by), Optional.of(at), assignee, comments, resolvedBy, resolutionNote);
  }

  /**
   * This record assigned.
   *
   * @param to the assignee; never null
   * @return a changed copy; never null
   */
  public AlertHistoryRecord withAssignee(String to) {
    return new AlertHistoryRecord(fingerprint, instance, labels, severity, state, firedAt, resolvedAt,
        acknowledgedBy, acknowledgedAt, Optional.of(to), comments, resolvedBy, resolutionNote);
  }

  /**
   * This record with one more comment.
   *
   * @param comment the comment; never null
   * @return a changed copy; never null
   */
  public AlertHistoryRecord withComment(Comment comment) {
    List<Comment> all = new ArrayList<>(comments);
    all.add(Checks.nonNull(comment, "comment"));
    return new AlertHistoryRecord(fingerprint, instance, labels, severity, state, firedAt, resolvedAt,
        acknowledgedBy, acknowledgedAt, assignee, all, resolvedBy, resolutionNote);
  }
}
