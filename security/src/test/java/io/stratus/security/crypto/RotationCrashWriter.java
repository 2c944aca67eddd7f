package io.stratus.security.crypto;

import io.stratus.security.audit.AuditLog;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The JVM {@link RotationCrashTest} kills: opens the key store and the records a day after the key's maximum age,
 * rotates and re-encrypts, printing {@code REPLACED id} after each durable replacement and pausing a little so the
 * parent can kill it in the middle of the pass.
 */
final class RotationCrashWriter {
  private RotationCrashWriter() {}

  public static void main(String[] args) throws InterruptedException {
    Path dir = Path.of(args[0]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    InstantSource later = InstantSource.fixed(KeyRotationSchedulerTest.T0.plus(Duration.ofDays(91)));
    LocalKeyManagementProvider keys = LocalKeyManagementProvider.open(dir.resolve("keys.p12"),
        EnvelopeCipherTest.PASS, KeyRotationSchedulerTest.CHEAP, later);
    FileEnvelopeStore store = new FileEnvelopeStore(dir.resolve("records"), id -> {
      out.println("REPLACED " + id);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (AuditLog audit = AuditLog.openFile(dir.resolve("audit.jsonl"), KeyRotationSchedulerTest.AUDIT_KEY, 4)) {
      out.println("STARTED");
      RotationProgress p = KeyRotationScheduler.builder(keys, store, audit, later).batchSize(5)
          .checkpoints(RotationProgressStore.file(dir.resolve("rotation.properties"))).build().runDue();
      out.println("DONE " + p.summary());
    }
  }
}
