/**
 * The simulated multi-cloud: an {@link io.stratus.simulation.environment.EnvironmentSimulator} for AWS, GCP and Azure
 * (regions and zones with jurisdictions, catalog prices, quotas, provisioning latency, throttling, failures and
 * outages, spot price process and interruptions, billing rules) that implements the pricing, inventory and
 * performance history SPIs, registered through {@link java.util.ServiceLoader} under the id {@code simulated}.
 */
package io.stratus.simulation.environment;
