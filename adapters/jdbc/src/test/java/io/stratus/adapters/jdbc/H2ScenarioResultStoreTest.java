package io.stratus.adapters.jdbc;

import io.stratus.simulation.store.ScenarioResultStore;

/** The scenario result store contract on H2. */
class H2ScenarioResultStoreTest extends ScenarioResultStoreContract {
  @Override
  protected ScenarioResultStore createStore() {
    return JdbcStores.open(Databases.h2()).scenarioResultStore();
  }
}
