package io.stratus.adapters.jdbc;

import io.stratus.adapters.webhooks.Outbox;
import io.stratus.testkit.webhooks.OutboxCompatibilityKit;
import java.time.Duration;

/** The webhook outbox kit on Postgres, with claims leased for a minute. */
class PostgresOutboxTest extends OutboxCompatibilityKit {
  @Override
  protected Outbox createOutbox() {
    return JdbcStores.open(Databases.postgres()).webhookOutbox(Duration.ofMinutes(1));
  }
}
