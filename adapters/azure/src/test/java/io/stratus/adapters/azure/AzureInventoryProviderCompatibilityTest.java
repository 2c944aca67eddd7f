package io.stratus.adapters.azure;

import io.stratus.spi.InventoryProvider;
import io.stratus.testkit.InventoryProviderCompatibilityKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class AzureInventoryProviderCompatibilityTest extends InventoryProviderCompatibilityKit {
  private static Stubs stubs;

  @BeforeAll
  static void start() {
    stubs = new Stubs();
    stubs.retailPrices();
    stubs.compute();
  }

  @AfterAll
  static void stop() {
    stubs.stop();
  }

  @Override
  protected InventoryProvider createProvider() {
    return AzureInventoryProvider.create(stubs.config().subscriptionId(Stubs.SUBSCRIPTION).build());
  }
}
