/**
 * The monitoring SPIs and the values they exchange: {@link io.stratus.monitoring.spi.MetricsSource} (where samples
 * come from, as {@link io.stratus.monitoring.spi.RawSample}s), {@link io.stratus.monitoring.spi.MetricStore} (where
 * series live, addressed by {@link io.stratus.monitoring.spi.SeriesId} and {@link
 * io.stratus.monitoring.spi.SeriesSelector}), {@link io.stratus.monitoring.spi.AlertStore} (where alert lifecycle
 * state is persisted) and {@link io.stratus.monitoring.spi.HealthProbe} (active health checks). Implementations are
 * found with {@code java.util.ServiceLoader} or registered by hand, and must pass the matching compatibility kit in
 * {@code stratus-testkit}.
 */
package io.stratus.monitoring.spi;
