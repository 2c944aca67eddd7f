/**
 * Capacity planning and scaling advice: {@link io.stratus.monitoring.capacity.PerformanceAnalyzer} (trend,
 * seasonality, time to exhaustion with intervals from the time-series engine's forecasts) and {@link
 * io.stratus.monitoring.capacity.ScalingAdvisor} (horizontal and vertical recommendations priced with a {@link
 * io.stratus.spi.PricingProvider}).
 */
package io.stratus.monitoring.capacity;
