package io.stratus.testkit.finops;

import io.stratus.finops.budget.ApprovalStore;

/** The embedded approval store passes its kit. */
class InMemoryApprovalStoreCompatibilityTest extends ApprovalStoreCompatibilityKit {
  @Override
  protected ApprovalStore createStore() {
    return ApprovalStore.inMemory();
  }
}
