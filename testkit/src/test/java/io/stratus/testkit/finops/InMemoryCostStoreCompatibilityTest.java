package io.stratus.testkit.finops;

import io.stratus.finops.spi.CostStore;

/**
 * The embedded store passes its own kit.
 *
 * <p>The test methods and their assertions are inherited from the compatibility kit; this class only supplies the implementation under test.
 */
class InMemoryCostStoreCompatibilityTest extends CostStoreCompatibilityKit {
  @Override
  protected CostStore createStore() {
    return CostStore.inMemory();
  }
}
