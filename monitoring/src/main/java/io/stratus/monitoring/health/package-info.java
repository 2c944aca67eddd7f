/**
 * Health of resources, regions and providers from active probes ({@link io.stratus.monitoring.health.HealthProbe})
 * and metrics, with hysteresis and availability (SLO) accounting, and a read view for the scheduler.
 */
package io.stratus.monitoring.health;
