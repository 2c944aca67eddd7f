package io.stratus.adapters.jdbc;

import io.stratus.monitoring.spi.MetricStore;
import io.stratus.testkit.monitoring.MetricStoreCompatibilityKit;
import java.time.Duration;

/** The metric store kit on Postgres. */
class PostgresMetricStoreTest extends MetricStoreCompatibilityKit {
  @Override
  protected MetricStore createStore() {
    return JdbcStores.open(Databases.postgres()).metricStore(Duration.ofMinutes(10));
  }
}
