/**
 * The embedded metric store: the Gorilla-compressed {@link io.stratus.monitoring.store.InMemoryMetricStore} with
 * resolved {@link io.stratus.monitoring.store.SeriesHandle}s for fast appends and downsampling on read (optionally on a
 * host-supplied executor). The {@link io.stratus.monitoring.spi.MetricStore} SPI it implements, series selectors and
 * label matchers live in {@link io.stratus.monitoring.spi}.
 */
package io.stratus.monitoring.store;
