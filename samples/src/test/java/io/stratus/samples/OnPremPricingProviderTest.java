package io.stratus.samples;

import io.stratus.spi.PricingProvider;
import io.stratus.testkit.PricingProviderCompatibilityKit;

/** The sample's own provider passes the same compatibility kit as the bundled catalog and the simulator. */
class OnPremPricingProviderTest extends PricingProviderCompatibilityKit {

  @Override
  protected PricingProvider createProvider() {
    return new OnPremPricingProvider();
  }
}
