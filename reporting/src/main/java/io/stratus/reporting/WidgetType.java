package io.stratus.reporting;

import org.apiguardian.api.API;

/**
 * The kinds of dashboard {@link Widget}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum WidgetType {
  /** One figure: the query's total (Grafana {@code stat}). */
  KPI,
  /** Lines over time, one per group (Grafana {@code timeseries}). */
  TIME_SERIES,
  /** Bars per group (Grafana {@code bargauge}). */
  BAR,
  /** Stacked bars over time, one stack per bucket (Grafana {@code timeseries} drawn as stacked bars). */
  STACKED_BAR,
  /** The query's rows (Grafana {@code table}). */
  TABLE,
  /** The largest groups, as many as the query's top-N limit (Grafana {@code bargauge}). */
  TOP_N,
  /** Alerts whose labels match the query's filters (Grafana {@code alertlist}). */
  ALERT_LIST
}
