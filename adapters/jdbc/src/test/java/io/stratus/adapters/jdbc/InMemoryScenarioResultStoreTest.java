package io.stratus.adapters.jdbc;

import io.stratus.simulation.store.ScenarioResultStore;

/** The scenario result store contract on the in-memory default, the reference the database stores must match. */
class InMemoryScenarioResultStoreTest extends ScenarioResultStoreContract {
  @Override
  protected ScenarioResultStore createStore() {
    return ScenarioResultStore.inMemory();
  }
}
