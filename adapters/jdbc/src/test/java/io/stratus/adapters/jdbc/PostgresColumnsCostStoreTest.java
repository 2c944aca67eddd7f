package io.stratus.adapters.jdbc;

import io.stratus.finops.spi.CostStore;
import io.stratus.testkit.finops.CostStoreCompatibilityKit;

/** The cost store kit on a real PostgreSQL server (COPY path), rows in {@link CostRowLayout#COLUMNS} layout. */
class PostgresColumnsCostStoreTest extends CostStoreCompatibilityKit {
  @Override
  protected CostStore createStore() {
    return JdbcStores.open(Databases.postgres()).costStore(CostRowLayout.COLUMNS);
  }
}
