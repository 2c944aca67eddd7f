package io.stratus.adapters.jdbc;

import io.stratus.finops.budget.ApprovalStore;
import io.stratus.testkit.finops.ApprovalStoreCompatibilityKit;

/** The approval store kit on Postgres. */
class PostgresApprovalStoreTest extends ApprovalStoreCompatibilityKit {
  @Override
  protected ApprovalStore createStore() {
    return JdbcStores.open(Databases.postgres()).approvalStore();
  }
}
