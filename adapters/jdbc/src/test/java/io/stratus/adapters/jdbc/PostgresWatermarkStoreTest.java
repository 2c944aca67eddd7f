package io.stratus.adapters.jdbc;

import io.stratus.finops.spi.WatermarkStore;
import io.stratus.testkit.finops.WatermarkStoreCompatibilityKit;

/** The watermark store kit on Postgres. */
class PostgresWatermarkStoreTest extends WatermarkStoreCompatibilityKit {
  @Override
  protected WatermarkStore createStore() {
    return JdbcStores.open(Databases.postgres()).watermarkStore();
  }
}
