package io.stratus.adapters.jdbc;

import io.stratus.finops.budget.ApprovalStore;
import io.stratus.testkit.finops.ApprovalStoreCompatibilityKit;

/** The approval store kit on H2. */
class H2ApprovalStoreTest extends ApprovalStoreCompatibilityKit {
  @Override
  protected ApprovalStore createStore() {
    return JdbcStores.open(Databases.h2()).approvalStore();
  }
}
