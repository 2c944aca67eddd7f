package io.stratus.testkit.monitoring;

import io.stratus.monitoring.spi.AlertHistoryStore;
import io.stratus.monitoring.spi.AlertStore;
import org.junit.jupiter.api.Nested;

/** The embedded alert stores pass their kits. */
class InMemoryAlertStoresCompatibilityTest {
  @Nested
  class Live extends AlertStoreCompatibilityKit {
    @Override
    protected AlertStore createStore() {
      return AlertStore.inMemory();
    }
  }

  @Nested
  class History extends AlertHistoryStoreCompatibilityKit {
    @Override
    protected AlertHistoryStore createStore() {
      return AlertHistoryStore.inMemory();
    }
  }
}
