/**
 * Health of resources, regions and providers from active probes ({@link io.stratus.monitoring.spi.HealthProbe})
 * and metrics, with hysteresis and availability (SLO) accounting, health derived from members (VM to zone or region
 * to provider, {@link io.stratus.monitoring.health.DerivedHealthPolicy}), and a read view for the scheduler whose
 * {@link io.stratus.monitoring.health.HealthView#schedulerFilter()} keeps new work out of unhealthy regions and
 * providers.
 */
package io.stratus.monitoring.health;
