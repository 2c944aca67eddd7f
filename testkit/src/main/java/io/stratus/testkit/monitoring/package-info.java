/**
 * Compatibility kits for the monitoring SPIs: extend {@link io.stratus.testkit.monitoring.MetricsSourceCompatibilityKit},
 * {@link io.stratus.testkit.monitoring.MetricStoreCompatibilityKit} or
 * {@link io.stratus.testkit.monitoring.HealthProbeCompatibilityKit} in your test sources and implement the factory
 * method; every implementation (the simulator's, the embedded store, a host's own) must pass its kit.
 */
package io.stratus.testkit.monitoring;
