package io.stratus.reporting.query;

import org.apiguardian.api.API;

/**
 * Which data an {@link AnalyticsQuery} reads.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum DataSet {
  /** Billed cost records (FOCUS) in a finops {@code CostStore}; the measure is a {@code CostMetric} name. */
  COST,
  /** Metric series in a monitoring {@code MetricStore}; the measure is a metric name. */
  METRICS
}
