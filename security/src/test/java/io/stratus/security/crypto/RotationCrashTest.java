package io.stratus.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.security.audit.AuditLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the background re-encryption: a JVM rotating the local key store's key and re-encrypting 60 file
 * records is killed with SIGKILL in the middle of the pass; afterwards every record decrypts to its plaintext (some
 * under the old key, some under the new), the checkpoint has moved past the start, and a resumed run finishes the
 * pass without rotating again.
 */
class RotationCrashTest {
  private static final int RECORDS = 60;
  @TempDir Path dir;

  private static String plaintext(String id) {
    return "payroll row " + id;
  }

  @Test
  void killedMidPass_everyRecordDecryptsAndAResumedRunFinishes() throws Exception {
    Files.createDirectories(dir.resolve("records"));
    InstantSource t0 = InstantSource.fixed(KeyRotationSchedulerTest.T0);
    LocalKeyManagementProvider keys = LocalKeyManagementProvider.open(dir.resolve("keys.p12"),
        EnvelopeCipherTest.PASS, KeyRotationSchedulerTest.CHEAP, t0);
    EnvelopeCipher cipher = EnvelopeCipher.of(keys);
    FileEnvelopeStore store = new FileEnvelopeStore(dir.resolve("records"), id -> { });
    for (int i = 0; i < RECORDS; i++) {
      String id = String.format("row-%03d", i);
      byte[] aad = ("payroll/" + id).getBytes(StandardCharsets.UTF_8);
      store.put(id, cipher.encrypt(plaintext(id).getBytes(StandardCharsets.UTF_8), aad), aad);
    }

    List<String> lines = runAndKill(23);
    long replacedBeforeKill = lines.stream().filter(l -> l.startsWith("REPLACED")).count();
    assertThat(lines).noneMatch(l -> l.startsWith("DONE"));

    // every record still decrypts, under whichever key its header names
    LocalKeyManagementProvider after = LocalKeyManagementProvider.open(dir.resolve("keys.p12"),
        EnvelopeCipherTest.PASS, KeyRotationSchedulerTest.CHEAP, t0);
    assertThat(after.currentKeyId()).isEqualTo("local-2");
    EnvelopeCipher reopened = EnvelopeCipher.of(after);
    int underNew = 0;
    for (String id : store.ids()) {
      assertThat(new String(reopened.decrypt(store.envelope(id), store.aad(id)), StandardCharsets.UTF_8))
          .isEqualTo(plaintext(id));
      underNew += EnvelopeCipher.keyIdOf(store.envelope(id)).equals("local-2") ? 1 : 0;
    }
    assertThat(store.ids()).hasSize(RECORDS);
    assertThat(underNew).isGreaterThanOrEqualTo((int) replacedBeforeKill).isLessThan(RECORDS);
    RotationProgressStore checkpoints = RotationProgressStore.file(dir.resolve("rotation.properties"));
    RotationProgress atCrash = checkpoints.load().orElseThrow();
    assertThat(atCrash.targetKeyId()).isEqualTo("local-2");
    assertThat(atCrash.complete()).isFalse();
    assertThat(atCrash.scanned()).isBetween(20L, (long) underNew);

    // resume in this JVM, still after the old key's maximum age: no second rotation, the pass completes
    InstantSource later = InstantSource.fixed(KeyRotationSchedulerTest.T0.plus(Duration.ofDays(91)));
    try (AuditLog audit = AuditLog.openFile(dir.resolve("audit.jsonl"), KeyRotationSchedulerTest.AUDIT_KEY, 4)) {
      RotationProgress done = KeyRotationScheduler.builder(after, store, audit, later).batchSize(5)
          .checkpoints(checkpoints).build().runDue();
      assertThat(done.complete()).isTrue();
      assertThat(done.scanned()).isEqualTo(RECORDS);
      assertThat(done.failed()).isZero();
      assertThat(after.currentKeyId()).isEqualTo("local-2");
      StringBuilder log = new StringBuilder();
      audit.exportJsonLines(log);
      assertThat(log.toString().split("\"action\":\"key.rotate\"", -1)).hasSize(2);
      assertThat(log.toString()).contains("\"action\":\"key.reencrypt\"", "60/60 records visited");
      assertThat(audit.verify().intact()).isTrue();
    }
    for (String id : store.ids()) {
      assertThat(EnvelopeCipher.keyIdOf(store.envelope(id))).isEqualTo("local-2");
      assertThat(new String(reopened.decrypt(store.envelope(id), store.aad(id)), StandardCharsets.UTF_8))
          .isEqualTo(plaintext(id));
    }
  }

  /** Runs the writer until it has replaced {@code replaced} records, then kills it with SIGKILL. */
  private List<String> runAndKill(int replaced) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        RotationCrashWriter.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int seen = 0;
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("REPLACED") && ++seen >= replaced) {
          p.destroyForcibly(); // SIGKILL on Linux
          break;
        }
      }
    } finally {
      p.destroyForcibly();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lines).as("writer output (did it start?)").contains("STARTED");
    return lines;
  }
}
