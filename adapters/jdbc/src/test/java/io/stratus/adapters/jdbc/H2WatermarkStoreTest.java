package io.stratus.adapters.jdbc;

import io.stratus.finops.spi.WatermarkStore;
import io.stratus.testkit.finops.WatermarkStoreCompatibilityKit;

/** The watermark store kit on H2. */
class H2WatermarkStoreTest extends WatermarkStoreCompatibilityKit {
  @Override
  protected WatermarkStore createStore() {
    return JdbcStores.open(Databases.h2()).watermarkStore();
  }
}
