/**
 * Provider SPIs: pricing, inventory, performance history and notification channels, all found through {@link
 * java.util.ServiceLoader} and kept by id in a {@link io.stratus.spi.ProviderRegistry}. Every implementation must pass
 * the matching compatibility kit in {@code stratus-testkit}.
 */
package io.stratus.spi;
