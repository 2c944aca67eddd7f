package io.stratus.testkit.webhooks;

import io.stratus.adapters.webhooks.Outbox;

/** The in-memory outbox passes the outbox kit. */
class InMemoryOutboxCompatibilityTest extends OutboxCompatibilityKit {
  @Override
  protected Outbox createOutbox() {
    return Outbox.inMemory();
  }
}
