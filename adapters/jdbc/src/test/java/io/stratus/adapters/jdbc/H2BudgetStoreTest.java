package io.stratus.adapters.jdbc;

import io.stratus.finops.budget.BudgetStore;
import io.stratus.testkit.finops.BudgetStoreCompatibilityKit;

/** The budget store kit on H2. */
class H2BudgetStoreTest extends BudgetStoreCompatibilityKit {
  @Override
  protected BudgetStore createStore() {
    return JdbcStores.open(Databases.h2()).budgetStore();
  }
}
