package io.stratus.adapters.jdbc;

import io.stratus.adapters.webhooks.SubscriptionStore;
import io.stratus.testkit.webhooks.SubscriptionStoreCompatibilityKit;

/** The subscription store kit on H2. */
class H2SubscriptionStoreTest extends SubscriptionStoreCompatibilityKit {
  @Override
  protected SubscriptionStore createStore() {
    return JdbcStores.open(Databases.h2()).subscriptionStore(TestCiphers.cipher());
  }
}
