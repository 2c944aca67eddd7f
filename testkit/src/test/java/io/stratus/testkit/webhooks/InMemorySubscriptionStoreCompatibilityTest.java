package io.stratus.testkit.webhooks;

import io.stratus.adapters.webhooks.SubscriptionStore;

/** The subscription store kit on the in-memory default. */
class InMemorySubscriptionStoreCompatibilityTest extends SubscriptionStoreCompatibilityKit {
  @Override
  protected SubscriptionStore createStore() {
    return SubscriptionStore.inMemory();
  }
}
