package io.stratus.adapters.jdbc;

import io.stratus.finops.spi.CostStore;
import io.stratus.testkit.finops.CostStoreCompatibilityKit;

/** The cost store kit on a real PostgreSQL server (COPY path), rows in the default layout ({@code costStore()}). */
class PostgresCostStoreTest extends CostStoreCompatibilityKit {
  @Override
  protected CostStore createStore() {
    return JdbcStores.open(Databases.postgres()).costStore();
  }
}
