package io.stratus.testkit.finops;

import io.stratus.finops.spi.WatermarkStore;

/** The embedded watermark store passes its kit. */
class InMemoryWatermarkStoreCompatibilityTest extends WatermarkStoreCompatibilityKit {
  @Override
  protected WatermarkStore createStore() {
    return WatermarkStore.inMemory();
  }
}
