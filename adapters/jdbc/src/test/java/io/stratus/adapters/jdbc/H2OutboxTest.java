package io.stratus.adapters.jdbc;

import io.stratus.adapters.webhooks.Outbox;
import io.stratus.testkit.webhooks.OutboxCompatibilityKit;
import java.time.Duration;

/** The webhook outbox kit on H2, with claims leased for a minute. */
class H2OutboxTest extends OutboxCompatibilityKit {
  @Override
  protected Outbox createOutbox() {
    return JdbcStores.open(Databases.h2()).webhookOutbox(Duration.ofMinutes(1));
  }
}
