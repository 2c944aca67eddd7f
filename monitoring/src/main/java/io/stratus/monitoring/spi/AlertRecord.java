package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.internal.Fingerprints;
import io.stratus.spi.Notification.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The persisted lifecycle state of one open alert, as an {@link AlertStore} keeps it; also of a resolved alert whose
 * firing was announced, until its resolution is announced too.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fingerprint the alert's fingerprint, {@link io.stratus.monitoring.alerting.Alert#fingerprint(java.util.Map)}
 * of its labels
 * @param instance occurrence number of the fingerprint, {@code >= 1}
 * @param labels the labels, including {@code alertname}
 * @param state {@link AlertState#PENDING}, {@link AlertState#FIRING}, or {@link AlertState#RESOLVED} for an announced
 *     alert whose resolution is not announced yet
 * @param severity the severity
 * @param forDuration how long the condition must hold before firing, {@code >= 0}
 * @param keepFiringFor how long the condition must be clear before resolving, {@code >= 0}
 * @param value the value at the last lifecycle change
 * @param activeSince when the condition started to hold
 * @param firedAt when it fired; present when firing, absent when pending, optional when resolved (a resolved record
 *     only serves to announce the resolution: fingerprint, instance, labels and severity are what matter)
 * @param clearSince since when the condition has been clear; empty while it holds
 * @param acknowledgedBy who acknowledged it, empty if nobody
 * @param announced whether a notification already announced it as firing
 * @param unannouncedResolution the instance number of an earlier, announced instance of the same fingerprint whose
 *     resolution has not been announced yet, or 0 if none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AlertRecord(
    String fingerprint,
    long instance,
    SortedMap<String, String> labels,
    AlertState state,
    Severity severity,
    Duration forDuration,
    Duration keepFiringFor,
    double value,
    Instant activeSince,
    Optional<Instant> firedAt,
    Optional<Instant> clearSince,
    Optional<String> acknowledgedBy,
    boolean announced,
    long unannouncedResolution) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the instance is below 1, the unannounced resolution is not 0 or an earlier
   *     instance, a duration is negative, {@code firedAt} is missing when firing or present when pending, a resolved
   *     record was not announced, or the fingerprint does not match the labels
   */
  public AlertRecord {
    Checks.nonBlank(fingerprint, "alertRecord.fingerprint");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(Checks.labels(labels, "alertRecord.labels")));
    Checks.nonNull(state, "alertRecord.state");
    Checks.nonNull(severity, "alertRecord.severity");
    Checks.nonNegative(forDuration, "alertRecord.forDuration");
    Checks.nonNegative(keepFiringFor, "alertRecord.keepFiringFor");
    Checks.nonNull(activeSince, "alertRecord.activeSince");
    Checks.nonNull(firedAt, "alertRecord.firedAt");
    Checks.nonNull(clearSince, "alertRecord.clearSince");
    Checks.nonNull(acknowledgedBy, "alertRecord.acknowledgedBy");
    if (instance < 1) {
      throw new IllegalArgumentException("alertRecord.instance must be >= 1, got " + instance);
    }
    if (unannouncedResolution < 0 || unannouncedResolution >= instance) {
      throw new IllegalArgumentException("alertRecord.unannouncedResolution must be 0 or an earlier instance than "
          + instance + ", got " + unannouncedResolution);
    }
    if (state == AlertState.RESOLVED && !announced) {
      throw new IllegalArgumentException("alertRecord.state RESOLVED is kept only for announced alerts, got "
          + "announced false");
    }
    if (firedAt.isPresent() == (state == AlertState.PENDING) && state != AlertState.RESOLVED) {
      throw new IllegalArgumentException("alertRecord.firedAt must be present when FIRING and absent when PENDING, "
          + "got state " + state + " and firedAt " + firedAt);
    }
    if (!Fingerprints.of(labels).equals(fingerprint)) {
      throw new IllegalArgumentException("alertRecord.fingerprint must be the fingerprint of its labels "
          + Fingerprints.of(labels) + ", got " + fingerprint);
    }
  }
}
