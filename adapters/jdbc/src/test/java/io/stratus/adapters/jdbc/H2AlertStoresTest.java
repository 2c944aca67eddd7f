package io.stratus.adapters.jdbc;

import io.stratus.monitoring.spi.AlertHistoryStore;
import io.stratus.monitoring.spi.AlertStore;
import io.stratus.testkit.monitoring.AlertHistoryStoreCompatibilityKit;
import io.stratus.testkit.monitoring.AlertStoreCompatibilityKit;
import org.junit.jupiter.api.Nested;

/** The alert store kits on H2. */
class H2AlertStoresTest {
  @Nested
  class Live extends AlertStoreCompatibilityKit {
    @Override
    protected AlertStore createStore() {
      return JdbcStores.open(Databases.h2()).alertStore();
    }
  }

  @Nested
  class History extends AlertHistoryStoreCompatibilityKit {
    @Override
    protected AlertHistoryStore createStore() {
      return JdbcStores.open(Databases.h2()).alertHistoryStore();
    }
  }
}
