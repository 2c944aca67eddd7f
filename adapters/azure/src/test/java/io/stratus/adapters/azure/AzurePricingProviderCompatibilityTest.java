package io.stratus.adapters.azure;

import io.stratus.spi.PricingProvider;
import io.stratus.testkit.PricingProviderCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AzurePricingProviderCompatibilityTest extends PricingProviderCompatibilityKit {
  private static Stubs stubs;

  @BeforeAll
  static void start() {
    stubs = new Stubs();
    stubs.retailPrices();
  }

  @AfterAll
  static void stop() {
    stubs.stop();
  }

  @Override
  protected PricingProvider createProvider() {
    return AzurePricingProvider.create(stubs.config().build());
  }
}
