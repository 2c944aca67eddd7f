package io.stratus.scheduler.catalog;

import io.stratus.spi.PricingProvider;
import io.stratus.testkit.PricingProviderCompatibilityKit;

/** The bundled catalog meets the {@link PricingProvider} contract. */
class BundledCatalogCompatibilityTest extends PricingProviderCompatibilityKit {
  @Override
  protected PricingProvider createProvider() {
    return new BundledCatalog();
  }
}
