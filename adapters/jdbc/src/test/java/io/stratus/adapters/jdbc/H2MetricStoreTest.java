package io.stratus.adapters.jdbc;

import io.stratus.monitoring.spi.MetricStore;
import io.stratus.testkit.monitoring.MetricStoreCompatibilityKit;
import java.time.Duration;

/** The metric store kit on H2. */
class H2MetricStoreTest extends MetricStoreCompatibilityKit {
  @Override
  protected MetricStore createStore() {
    return JdbcStores.open(Databases.h2()).metricStore(Duration.ofMinutes(10));
  }
}
