package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.monitoring.internal.Fingerprints;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.spi.Notification.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A snapshot of one alert instance.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fingerprint stable id of the label set (same labels, same fingerprint), used for deduplication
 * @param instance sequence number of this occurrence of the fingerprint, starting at 1
 * @param labels the labels: {@code alertname}, the rule's labels and the series' labels
 * @param state the lifecycle state
 * @param severity the severity
 * @param value the last value that was evaluated
 * @param activeSince when the condition started to hold
 * @param firedAt when it started firing, empty while pending
 * @param resolvedAt when it resolved, empty unless resolved
 * @param acknowledgedBy who acknowledged it, empty if nobody
 * @param silenced whether an active silence matches it now
 * @param inhibited whether an inhibition rule mutes it now
 * @param flapping whether it is flapping (notifications held back)
 * @param incidentId the incident it belongs to, empty until it fires
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Alert(
    String fingerprint,
    long instance,
    SortedMap<String, String> labels,
    AlertState state,
    Severity severity,
    double value,
    Instant activeSince,
    Optional<Instant> firedAt,
    Optional<Instant> resolvedAt,
    Optional<String> acknowledgedBy,
    boolean silenced,
    boolean inhibited,
    boolean flapping,
    Optional<String> incidentId) {
  /** Label that holds the alert name. */
  public static final String ALERTNAME = "alertname";

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public Alert {
    Checks.nonBlank(fingerprint, "alert.fingerprint");
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Checks.labels(labels, "alert.labels")));
    Checks.nonNull(state, "alert.state");
    Checks.nonNull(severity, "alert.severity");
    Checks.nonNull(activeSince, "alert.activeSince");
    Checks.nonNull(firedAt, "alert.firedAt");
    Checks.nonNull(resolvedAt, "alert.resolvedAt");
    Checks.nonNull(acknowledgedBy, "alert.acknowledgedBy");
    Checks.nonNull(incidentId, "alert.incidentId");
  }

  /**
   * The alert name.
   *
   * @return the {@code alertname} label; never null
   */
  public String name() {
    return labels.getOrDefault(ALERTNAME, "");
  }

  /**
   * The stable fingerprint of a label set: 16 hex digits of a 64-bit FNV-1a hash over the sorted labels.
   *
   * @param labels the labels; never null
   * @return the fingerprint; never null
   */
  public static String fingerprint(Map<String, String> labels) {
    return Fingerprints.of(labels);
  }
}
