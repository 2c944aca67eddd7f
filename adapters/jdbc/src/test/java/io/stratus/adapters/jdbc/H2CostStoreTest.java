package io.stratus.adapters.jdbc;

import io.stratus.finops.spi.CostStore;
import io.stratus.testkit.finops.CostStoreCompatibilityKit;

/** The cost store kit on H2 (JDBC batch path). */
class H2CostStoreTest extends CostStoreCompatibilityKit {
  @Override
  protected CostStore createStore() {
    return JdbcStores.open(Databases.h2()).costStore();
  }
}
