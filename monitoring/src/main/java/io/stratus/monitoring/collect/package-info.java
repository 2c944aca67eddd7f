/**
 * Metric collection: a host-scheduled {@link io.stratus.monitoring.collect.MetricsCollector} with back-pressure that
 * reads {@link io.stratus.monitoring.spi.MetricsSource}s, normalization of provider names, units and labels to one
 * vocabulary, and rollups. The SPI and the series identity model ({@link io.stratus.monitoring.spi.SeriesId}, {@link
 * io.stratus.monitoring.spi.MetricSample}) live in {@link io.stratus.monitoring.spi}.
 */
package io.stratus.monitoring.collect;
