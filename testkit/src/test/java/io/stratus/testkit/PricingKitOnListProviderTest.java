package io.stratus.testkit;

import io.stratus.spi.PricingProvider;

/** The pricing kit passes on a correct provider. */
class PricingKitOnListProviderTest extends PricingProviderCompatibilityKit {
  @Override
  protected PricingProvider createProvider() {
    return new Fixtures.ListPricing(Fixtures.offers());
  }
}
