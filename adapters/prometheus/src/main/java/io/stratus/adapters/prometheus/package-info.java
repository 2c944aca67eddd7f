/**
 * Prometheus integration: {@link io.stratus.adapters.prometheus.PrometheusExporter} serves Stratus's own meters (and
 * any others in a Micrometer {@code PrometheusMeterRegistry}) in the Prometheus exposition format, {@link
 * io.stratus.adapters.prometheus.PrometheusMetricsSource} reads series from a Prometheus server's {@code query_range}
 * API as a monitoring {@code MetricsSource}, and {@link io.stratus.adapters.prometheus.StratusDashboard} is a Grafana
 * dashboard for the SDK's metrics. Logger: {@code io.stratus.adapters.prometheus}.
 */
@NullMarked
package io.stratus.adapters.prometheus;

import org.jspecify.annotations.NullMarked;
