package io.stratus.adapters.prometheus;

import io.stratus.monitoring.spi.MetricKind;
import io.stratus.monitoring.spi.Unit;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One series family a {@link PrometheusMetricsSource} reads: a PromQL expression and what its samples are called in
 * the Prometheus dialect of the metric vocabulary, with their unit and kind.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the sample name, e.g. {@code node_network_receive_bytes_total}; not blank
 * @param promql the expression evaluated by {@code query_range}, e.g. the name itself or
 *     {@code sum by (instance) (rate(http_requests_total[5m]))}; not blank
 * @param unit the unit of the values; never null
 * @param kind gauge or counter (a counter's values are cumulative); never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record PrometheusQuery(String name, String promql, Unit unit, MetricKind kind) {
  /**
   * Validates the query.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the name or expression is blank
   */
  public PrometheusQuery {
    Objects.requireNonNull(name, "prometheusQuery.name must not be null");
    Objects.requireNonNull(promql, "prometheusQuery.promql must not be null");
    Objects.requireNonNull(unit, "prometheusQuery.unit must not be null");
    Objects.requireNonNull(kind, "prometheusQuery.kind must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("prometheusQuery.name must not be blank");
    }
    if (promql.isBlank()) {
      throw new IllegalArgumentException("prometheusQuery.promql must not be blank, for '" + name + "'");
    }
  }

  /**
   * A counter read as is: the expression is the metric name.
   *
   * @param name the Prometheus metric name, e.g. {@code http_requests_total}; not blank
   * @param unit the unit; never null
   * @return the query; never null
   */
  public static PrometheusQuery counter(String name, Unit unit) {
    return new PrometheusQuery(name, name, unit, MetricKind.COUNTER);
  }

  /**
   * A gauge read as is: the expression is the metric name.
   *
   * @param name the Prometheus metric name; not blank
   * @param unit the unit; never null
   * @return the query; never null
   */
  public static PrometheusQuery gauge(String name, Unit unit) {
    return new PrometheusQuery(name, name, unit, MetricKind.GAUGE);
  }
}
