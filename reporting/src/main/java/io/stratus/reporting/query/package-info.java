/**
 * One query model over cost data (finops {@link io.stratus.finops.spi.CostStore}) and performance data (monitoring
 * {@link io.stratus.monitoring.spi.MetricStore}): {@link io.stratus.reporting.query.AnalyticsQuery} (filters on any
 * dimension, time range, free-text search, group-by, drill-down paths, time grain, previous-period comparison), run
 * by an {@link io.stratus.reporting.query.AnalyticsEngine}, and {@link io.stratus.reporting.query.SavedView}s stored
 * and shared as JSON.
 */
package io.stratus.reporting.query;
