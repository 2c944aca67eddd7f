package io.stratus.adapters.jdbc;

import io.stratus.monitoring.spi.MetricStore;
import io.stratus.testkit.monitoring.MetricStoreCompatibilityKit;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The metric store kit on PostgreSQL. The kit makes about 10,000 single appends, each its own committed transaction;
 * this test's sessions use {@code synchronous_commit=off} so that those commits do not each wait for a WAL flush on
 * the shared test machine, and reuse pooled connections (a new PostgreSQL connection is a new server process: without
 * the pool the kit took eight minutes here). The kit checks the store's semantics; durability of commits is what the
 * crash tests check, with synchronous commits and unpooled connections.
 */
class PostgresMetricStoreTest extends MetricStoreCompatibilityKit {
  @Override
  protected MetricStore createStore() {
    PGSimpleDataSource fresh = (PGSimpleDataSource) Databases.postgres();
    PGConnectionPoolDataSource pooled = new PGConnectionPoolDataSource();
    pooled.setURL(PostgresServer.url(fresh));
    pooled.setOptions("-c synchronous_commit=off");
    pooled.setConnectTimeout(fresh.getConnectTimeout());
    pooled.setSocketTimeout(fresh.getSocketTimeout());
    return JdbcStores.open(JdbcConnectionPool.create(pooled)).metricStore(Duration.ofMinutes(10));
  }
}
