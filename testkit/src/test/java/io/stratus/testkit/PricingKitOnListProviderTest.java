package io.stratus.testkit;

import io.stratus.spi.PricingProvider;

/**
 * The pricing kit passes on a correct provider.
 *
 * <p>The test methods and their assertions are inherited from the compatibility kit; this class only supplies the implementation under test.
 */
class PricingKitOnListProviderTest extends PricingProviderCompatibilityKit {
  @Override
  protected PricingProvider createProvider() {
    return new Fixtures.ListPricing(Fixtures.offers());
  }
}
