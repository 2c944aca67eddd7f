package io.stratus.scheduler.catalog;

import io.stratus.spi.PricingProvider;
import io.stratus.testkit.PricingProviderCompatibilityKit;

/**
 * The bundled catalog meets the {@link PricingProvider} contract.
 *
 * <p>The test methods and their assertions are inherited from the compatibility kit; this class only supplies the implementation under test.
 */
class BundledCatalogCompatibilityTest extends PricingProviderCompatibilityKit {
  @Override
  protected PricingProvider createProvider() {
    return new BundledCatalog();
  }
}
