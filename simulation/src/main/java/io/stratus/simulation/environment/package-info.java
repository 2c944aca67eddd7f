/**
 * The simulated multi-cloud: an {@link io.stratus.simulation.environment.EnvironmentSimulator} for AWS, GCP and Azure
 * (regions and zones with jurisdictions, catalog prices, quotas, provisioning latency, throttling, failures and
 * outages, spot price process and interruptions, billing rules) that implements the pricing, inventory and
 * performance history SPIs. A demo environment's pricing, inventory, performance history, billing and metrics
 * providers are registered through {@link java.util.ServiceLoader} under the id {@code simulated}; they are {@linkplain
 * io.stratus.spi.StratusProvider#isSimulated() simulated}, so {@link io.stratus.spi.ProviderRegistry#load} holds them
 * back until the host opts in ({@code includeSimulated()} or {@code require("simulated")}), and the demo environment
 * is built on first use, not when they are loaded.
 */
package io.stratus.simulation.environment;
