package io.stratus.adapters.jdbc;

import io.stratus.finops.budget.BudgetStore;
import io.stratus.testkit.finops.BudgetStoreCompatibilityKit;

/** The budget store kit on Postgres. */
class PostgresBudgetStoreTest extends BudgetStoreCompatibilityKit {
  @Override
  protected BudgetStore createStore() {
    return JdbcStores.open(Databases.postgres()).budgetStore();
  }
}
