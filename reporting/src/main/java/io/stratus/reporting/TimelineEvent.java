package io.stratus.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An anomaly, incident or alert for the reports' timeline, as the host's detectors and alerting report it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when it started
 * @param kind what it is
 * @param severity e.g. "critical", "warning", "info"
 * @param subject what it concerns (a service, team or resource)
 * @param detail one line of detail
 * @param costImpact the estimated cost impact in the report's currency, zero when unknown or none
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record TimelineEvent(Instant at, Kind kind, String severity, String subject, String detail,
    BigDecimal costImpact) {
  /** Validates. */
  public TimelineEvent {
    Objects.requireNonNull(at, "timelineEvent.at");
    Objects.requireNonNull(kind, "timelineEvent.kind");
    Objects.requireNonNull(severity, "timelineEvent.severity");
    Objects.requireNonNull(subject, "timelineEvent.subject");
    Objects.requireNonNull(detail, "timelineEvent.detail");
    Objects.requireNonNull(costImpact, "timelineEvent.costImpact");
  }

  /** What kind of event. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** A cost anomaly. */
    COST_ANOMALY,
    /** A metric anomaly. */
    METRIC_ANOMALY,
    /** An alert that fired. */
    ALERT,
    /** An incident (correlated alerts). */
    INCIDENT
  }
}
