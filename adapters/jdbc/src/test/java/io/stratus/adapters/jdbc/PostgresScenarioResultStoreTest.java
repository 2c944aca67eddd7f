package io.stratus.adapters.jdbc;

import io.stratus.simulation.store.ScenarioResultStore;

/** The scenario result store contract on PostgreSQL. */
class PostgresScenarioResultStoreTest extends ScenarioResultStoreContract {
  @Override
  protected ScenarioResultStore createStore() {
    return JdbcStores.open(Databases.postgres()).scenarioResultStore();
  }
}
