package io.stratus.testkit.finops;

import io.stratus.finops.query.CostStore;

/** The embedded store passes its own kit. */
class InMemoryCostStoreCompatibilityTest extends CostStoreCompatibilityKit {
  @Override
  protected CostStore createStore() {
    return CostStore.inMemory();
  }
}
