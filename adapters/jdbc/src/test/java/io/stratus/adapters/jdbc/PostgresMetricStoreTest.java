package io.stratus.adapters.jdbc;

import io.stratus.monitoring.spi.MetricStore;
import io.stratus.testkit.monitoring.MetricStoreCompatibilityKit;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The metric store kit on PostgreSQL. The kit makes about 10,000 single appends, each its own committed transaction;
 * this test's sessions use {@code synchronous_commit=off} so that those commits do not each wait for a WAL flush on
 * the shared test machine. The kit checks the store's semantics; durability of commits is what the crash tests
 * check, with synchronous commits.
 */
class PostgresMetricStoreTest extends MetricStoreCompatibilityKit {
  @Override
  protected MetricStore createStore() {
    PGSimpleDataSource ds = (PGSimpleDataSource) Databases.postgres();
    ds.setOptions("-c synchronous_commit=off");
    return JdbcStores.open(ds).metricStore(Duration.ofMinutes(10));
  }
}
