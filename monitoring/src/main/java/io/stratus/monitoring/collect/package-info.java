/**
 * Metric collection: the {@link io.stratus.monitoring.collect.MetricsSource} SPI, the series identity model
 * ({@link io.stratus.monitoring.collect.SeriesId}, {@link io.stratus.monitoring.collect.MetricSample}), normalization
 * of provider names, units and labels to one vocabulary, a host-scheduled collector with back-pressure, and rollups.
 */
package io.stratus.monitoring.collect;
