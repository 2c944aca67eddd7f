package io.stratus.testkit.webhooks;

import io.stratus.adapters.webhooks.FileOutbox;
import io.stratus.adapters.webhooks.Outbox;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** The file outbox (the embedded default) passes the outbox kit. */
class FileOutboxCompatibilityTest extends OutboxCompatibilityKit {
  @TempDir
  Path dir;

  @Override
  protected Outbox createOutbox() {
    return FileOutbox.open(dir.resolve(UUID.randomUUID() + ".journal"));
  }
}
