/**
 * The metric store: the {@link io.stratus.monitoring.store.MetricStore} SPI, series selectors with label matchers,
 * downsampling on read (optionally on a host-supplied executor), and the embedded Gorilla-compressed {@link
 * io.stratus.monitoring.store.InMemoryMetricStore} with resolved {@link io.stratus.monitoring.store.SeriesHandle}s for
 * fast appends.
 */
package io.stratus.monitoring.store;
