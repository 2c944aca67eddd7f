package io.stratus.monitoring.alerting;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What an alert rule watches. Metrics come from {@link AlertEngine#accept}; the other kinds are values a host (or
 * FinOps) feeds through {@link AlertEngine#acceptSignal}, such as daily spend, the share of a budget used, or an
 * anomaly score. A signal's series carries the label {@value #LABEL} with the kind's {@link #labelValue()}, and a
 * rule configured for a kind selects only series with it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum SignalKind {
  /** A monitoring metric. */
  METRIC,
  /** A cost figure, e.g. spend per day. */
  COST,
  /** A budget figure, e.g. the fraction of a budget used or forecast. */
  BUDGET,
  /** An anomaly figure, e.g. a detector's score or an anomaly's cost impact. */
  ANOMALY;

  /** The label that marks a signal's series with its kind. */
  public static final String LABEL = "signal";

  /**
   * The value of the {@value #LABEL} label for this kind.
   *
   * @return the lower-case name; never null
   */
  public String labelValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
