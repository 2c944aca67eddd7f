package io.stratus.testkit.finops;

import io.stratus.finops.budget.BudgetStore;

/** The embedded budget store passes its kit. */
class InMemoryBudgetStoreCompatibilityTest extends BudgetStoreCompatibilityKit {
  @Override
  protected BudgetStore createStore() {
    return BudgetStore.inMemory();
  }
}
