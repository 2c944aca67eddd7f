/**
 * The metric store: the {@link io.stratus.monitoring.store.MetricStore} SPI, series selectors with label matchers,
 * downsampling on read, and the embedded Gorilla-compressed {@link io.stratus.monitoring.store.InMemoryMetricStore}.
 */
package io.stratus.monitoring.store;
