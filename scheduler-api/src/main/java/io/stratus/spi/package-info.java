/**
 * Provider SPIs: pricing, inventory, performance history, notification channels and plan simulation (what-if checks of
 * a {@link io.stratus.scheduler.PlacementPlan} before a host applies it), all found through {@link
 * java.util.ServiceLoader} and kept by id in a {@link io.stratus.spi.ProviderRegistry}. Every implementation must pass
 * the matching compatibility kit in {@code stratus-testkit}.
 */
@NullMarked
package io.stratus.spi;

import org.jspecify.annotations.NullMarked;
