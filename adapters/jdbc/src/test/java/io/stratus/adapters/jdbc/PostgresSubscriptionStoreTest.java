package io.stratus.adapters.jdbc;

import io.stratus.adapters.webhooks.SubscriptionStore;
import io.stratus.testkit.webhooks.SubscriptionStoreCompatibilityKit;

/** The subscription store kit on PostgreSQL. */
class PostgresSubscriptionStoreTest extends SubscriptionStoreCompatibilityKit {
  @Override
  protected SubscriptionStore createStore() {
    return JdbcStores.open(Databases.postgres()).subscriptionStore(TestCiphers.cipher());
  }
}
