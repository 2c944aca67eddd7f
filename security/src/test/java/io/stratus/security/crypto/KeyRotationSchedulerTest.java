package io.stratus.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.security.audit.AuditEntry;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditVerification;
import io.stratus.security.spi.EnvelopeStore.StoredEnvelope;
import io.stratus.security.spi.RotatableKeyManagementProvider;
import io.stratus.security.spi.RotatableKeyManagementProvider.KeyVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationSchedulerTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final byte[] AUDIT_KEY = "rotation test checkpoint key, 32+ bytes".getBytes(StandardCharsets.UTF_8);
  static final PassphraseKdf CHEAP = new PassphraseKdf(64, 1, 1, new byte[16]);

  @TempDir Path dir;
  final AtomicReference<Instant> now = new AtomicReference<>(T0);

  static String plaintext(String id) {
    return "secret of " + id;
  }

  static void fill(EnvelopeCipher cipher, MemoryEnvelopeStore store, int n) {
    for (int i = 0; i < n; i++) {
      String id = String.format("rec-%03d", i);
      byte[] aad = ("table/" + id).getBytes(StandardCharsets.UTF_8);
      store.put(id, cipher.encrypt(plaintext(id).getBytes(StandardCharsets.UTF_8), aad), aad);
    }
  }

  static void assertAllDecrypt(EnvelopeCipher cipher, MemoryEnvelopeStore store) {
    for (String id : store.ids()) {
      assertThat(new String(cipher.decrypt(store.envelope(id), store.aad(id)), StandardCharsets.UTF_8))
          .as("record %s under %s", id, EnvelopeCipher.keyIdOf(store.envelope(id))).isEqualTo(plaintext(id));
    }
  }

  private AuditLog audit() {
    return AuditLog.openFile(dir.resolve("audit.jsonl"), AUDIT_KEY, 4);
  }

  private static String exported(AuditLog audit) {
    StringBuilder b = new StringBuilder();
    audit.exportJsonLines(b);
    return b.toString();
  }

  @Test
  void runDue_keyYoungerThanMaxAge_doesNotRotateAndFindsNothingToDo() {
    MemoryKeys keys = new MemoryKeys(now::get, 1);
    MemoryEnvelopeStore store = new MemoryEnvelopeStore(new Faults(-1));
    fill(EnvelopeCipher.of(keys), store, 5);
    now.set(T0.plus(Duration.ofDays(89)));
    try (AuditLog audit = audit()) {
      KeyRotationScheduler s = KeyRotationScheduler.builder(keys, store, audit, now::get).build();
      RotationProgress p = s.runDue();
      assertThat(keys.currentKeyId()).isEqualTo("mem-1");
      assertThat(p.complete()).isTrue();
      assertThat(p.scanned()).isEqualTo(5);
      assertThat(p.reEncrypted()).isZero();
      assertThat(s.rotationDue(T0.plus(Duration.ofDays(90)))).isTrue();
    }
  }

  @Test
  void runDue_keyAtMaxAge_rotatesAuditsAndReEncryptsEveryRecord() {
    MemoryKeys keys = new MemoryKeys(now::get, 2);
    EnvelopeCipher cipher = EnvelopeCipher.of(keys);
    MemoryEnvelopeStore store = new MemoryEnvelopeStore(new Faults(-1));
    fill(cipher, store, 30);
    now.set(T0.plus(Duration.ofDays(30)));
    try (AuditLog audit = audit()) {
      KeyRotationScheduler s = KeyRotationScheduler.builder(keys, store, audit, now::get)
          .maxKeyAge(Duration.ofDays(30)).batchSize(7).build();
      RotationProgress p = s.runDue();
      assertThat(keys.currentKeyId()).isEqualTo("mem-2");
      assertThat(p).isEqualTo(new RotationProgress("mem-2", now.get(), 30, 30, 30, 0, 0, List.of(), "rec-029", true));
      assertThat(store.ids()).allMatch(id -> EnvelopeCipher.keyIdOf(store.envelope(id)).equals("mem-2"));
      assertAllDecrypt(cipher, store);
      assertThat(s.runDue().reEncrypted()).as("a second run has nothing to do").isEqualTo(30);
      assertThat(keys.keyVersions()).hasSize(2);
      String log = exported(audit);
      assertThat(log).contains("\"action\":\"key.rotate\"", "\"resource\":\"kek:mem-2\"",
          "\"before\":\"mem-1\"", "\"action\":\"key.reencrypt\"", "\"resource\":\"store:memory\"",
          "30/30 records visited, 30 rewritten");
      assertThat(audit.verify().intact()).isTrue();
    }
  }

  @Test
  void runDue_limitedPerRun_checkpointLetsANewSchedulerResume() {
    MemoryKeys keys = new MemoryKeys(now::get, 3);
    EnvelopeCipher cipher = EnvelopeCipher.of(keys);
    MemoryEnvelopeStore store = new MemoryEnvelopeStore(new Faults(-1));
    fill(cipher, store, 25);
    RotationProgressStore checkpoints = RotationProgressStore.file(dir.resolve("rotation.properties"));
    try (AuditLog audit = audit()) {
      RotationProgress first = KeyRotationScheduler.builder(keys, store, audit, now::get).batchSize(4)
          .maxRecordsPerRun(10).checkpoints(checkpoints).build().rotateNow("test");
      assertThat(first.complete()).isFalse();
      assertThat(first.scanned()).isEqualTo(10);
      assertThat(first.cursor()).isEqualTo("rec-009");
      assertThat(checkpoints.load()).contains(first);
      assertAllDecrypt(cipher, store);
      KeyRotationScheduler second = KeyRotationScheduler.builder(keys, store, audit, now::get).batchSize(4)
          .checkpoints(RotationProgressStore.file(dir.resolve("rotation.properties"))).build();
      RotationProgress done = second.runDue();
      assertThat(done.complete()).isTrue();
      assertThat(done.scanned()).isEqualTo(25);
      assertThat(done.reEncrypted()).isEqualTo(25);
      assertThat(second.progress()).contains(done);
    }
  }

  @Test
  void runDue_damagedRecord_isCountedListedAndLeftAsItWas() {
    MemoryKeys keys = new MemoryKeys(now::get, 4);
    EnvelopeCipher cipher = EnvelopeCipher.of(keys);
    MemoryEnvelopeStore store = new MemoryEnvelopeStore(new Faults(-1));
    fill(cipher, store, 6);
    byte[] damaged = store.envelope("rec-003");
    damaged[damaged.length - 1] ^= 1;
    store.put("rec-003", damaged, store.aad("rec-003"));
    store.put("rec-004", "not an envelope".getBytes(StandardCharsets.UTF_8), store.aad("rec-004"));
    try (AuditLog audit = audit()) {
      RotationProgress p = KeyRotationScheduler.builder(keys, store, audit, now::get).build().rotateNow("test");
      assertThat(p.complete()).isTrue();
      assertThat(p.failed()).isEqualTo(2);
      assertThat(p.reEncrypted()).isEqualTo(4);
      assertThat(p.failures()).hasSize(2);
      assertThat(p.failures().get(0)).startsWith("rec-003: envelope under key 'mem-1' failed authentication");
      assertThat(p.failures().get(1)).startsWith("rec-004: envelope");
      assertThat(store.envelope("rec-003")).isEqualTo(damaged);
      assertThat(exported(audit)).contains("\"outcome\":\"FAILURE\"", "2 failed");
    }
  }

  @Test
  void runDue_recordChangedByTheHostMeanwhile_isLeftAsTheHostWroteIt() {
    MemoryKeys keys = new MemoryKeys(now::get, 5);
    EnvelopeCipher cipher = EnvelopeCipher.of(keys);
    byte[] hostWrite = cipher.encrypt("host".getBytes(StandardCharsets.UTF_8), "a".getBytes(StandardCharsets.UTF_8));
    // the host rewrites rec-001 after the page was read and before it is replaced
    MemoryEnvelopeStore store = new MemoryEnvelopeStore(new Faults(-1)) {
      @Override
      public synchronized boolean replace(String recordId, byte[] expected, byte[] replacement) {
        if (recordId.equals("rec-001")) {
          put("rec-001", hostWrite, "a".getBytes(StandardCharsets.UTF_8));
        }
        return super.replace(recordId, expected, replacement);
      }
    };
    fill(cipher, store, 3);
    try (AuditLog audit = audit()) {
      RotationProgress p = KeyRotationScheduler.builder(keys, store, audit, now::get).build().rotateNow("test");
      assertThat(p.changedMeanwhile()).isEqualTo(1);
      assertThat(p.reEncrypted()).isEqualTo(2);
      assertThat(store.envelope("rec-001")).isEqualTo(hostWrite);
    }
  }

  /**
   * Failure injection at every step of a rotation and its pass (rotate, each page read, before and after each
   * record's replacement, each checkpoint save, each audit append): after each crash every record still decrypts,
   * and a fresh scheduler over the same storage finishes the pass.
   */
  @Test
  void runDue_crashAtEveryStep_everyRecordStillDecryptsAndAResumedRunFinishes() {
    int crashes = 0;
    for (int crashAt = 0; ; crashAt++) {
      Path run = dir.resolve("run-" + crashAt);
      now.set(T0);
      MemoryKeys keys = new MemoryKeys(now::get, 6);
      EnvelopeCipher cipher = EnvelopeCipher.of(keys);
      Faults faults = new Faults(crashAt);
      MemoryEnvelopeStore store = new MemoryEnvelopeStore(faults);
      fill(cipher, store, 9);
      RotationProgressStore saved = RotationProgressStore.inMemory();
      RotationProgressStore checkpoints = new RotationProgressStore() {
        @Override
        public Optional<RotationProgress> load() {
          return saved.load();
        }

        @Override
        public void save(RotationProgress progress) {
          faults.step("saving checkpoint " + progress.summary());
          saved.save(progress);
        }
      };
      RotatableKeyManagementProvider faultyKeys = new FaultyKeys(keys, faults);
      now.set(T0.plus(Duration.ofDays(91)));
      boolean crashed;
      try (AuditLog file = AuditLog.openFile(run.resolveSibling(run.getFileName() + ".jsonl"), AUDIT_KEY, 4);
          AuditLog audit = new FaultyAudit(file, faults)) {
        try {
          KeyRotationScheduler.builder(faultyKeys, store, audit, now::get).batchSize(4).checkpoints(checkpoints)
              .build().runDue();
          crashed = false;
        } catch (Faults.Crash e) {
          crashed = true;
          crashes++;
        }
        assertAllDecrypt(cipher, store);
        faults.disarm();
        RotationProgress resumed = KeyRotationScheduler.builder(keys, store, audit, now::get).batchSize(4)
            .checkpoints(checkpoints).build().runDue();
        assertThat(resumed.complete()).isTrue();
        assertThat(keys.currentKeyId()).as("crash at step %d: rotated exactly once", crashAt).isEqualTo("mem-2");
        assertThat(store.ids()).allMatch(id -> EnvelopeCipher.keyIdOf(store.envelope(id)).equals("mem-2"));
        assertAllDecrypt(cipher, store);
        assertThat(file.verify().intact()).isTrue();
      }
      if (!crashed) {
        break;
      }
    }
    assertThat(crashes).as("steps crashed at").isGreaterThan(30);
  }

  @Test
  void rotate_localProvider_keepsCreationTimesAcrossReopenAndFurtherRotations() {
    Path file = dir.resolve("keys.p12");
    LocalKeyManagementProvider kms = LocalKeyManagementProvider.open(file, EnvelopeCipherTest.PASS, CHEAP, now::get);
    now.set(T0.plus(Duration.ofDays(10)));
    kms.rotate();
    now.set(T0.plus(Duration.ofDays(20)));
    LocalKeyManagementProvider reopened = LocalKeyManagementProvider.open(file, EnvelopeCipherTest.PASS, CHEAP,
        now::get);
    reopened.rotate();
    assertThat(LocalKeyManagementProvider.open(file, EnvelopeCipherTest.PASS, CHEAP, now::get).keyVersions())
        .containsExactly(KeyVersion.of("local-1", T0), KeyVersion.of("local-2", T0.plus(Duration.ofDays(10))),
            KeyVersion.of("local-3", T0.plus(Duration.ofDays(20))));
  }

  @Test
  void schedule_onTheHostsExecutor_aFailingRunIsRetriedByTheNextOne() throws Exception {
    MemoryKeys keys = new MemoryKeys(now::get, 8);
    EnvelopeCipher cipher = EnvelopeCipher.of(keys);
    java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
    MemoryEnvelopeStore store = new MemoryEnvelopeStore(new Faults(-1)) {
      @Override
      public synchronized List<StoredEnvelope> page(String afterRecordId, int limit) {
        if (pages.getAndIncrement() == 0) {
          throw new IllegalStateException("storage briefly unavailable");
        }
        return super.page(afterRecordId, limit);
      }
    };
    fill(cipher, store, 4);
    now.set(T0.plus(Duration.ofDays(100)));
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    try (AuditLog audit = audit()) {
      KeyRotationScheduler s = KeyRotationScheduler.builder(keys, store, audit, now::get).build();
      java.util.concurrent.ScheduledFuture<?> task = s.schedule(executor, Duration.ofMillis(1));
      while (s.progress().map(p -> !p.complete()).orElse(true)) {
        assertThat(task.isDone()).as("the task keeps running after a failed run").isFalse();
        Thread.onSpinWait();
      }
      task.cancel(false);
      assertThat(keys.currentKeyId()).isEqualTo("mem-2");
      assertThat(pages.get()).isGreaterThan(1);
      assertAllDecrypt(cipher, store);
      assertThatThrownBy(() -> s.schedule(executor, Duration.ZERO)).hasMessageContaining("period PT0S must be"
          + " positive");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void builder_badSettings_areRefusedNamingTheSetting() {
    MemoryKeys keys = new MemoryKeys(now::get, 7);
    try (AuditLog audit = audit()) {
      KeyRotationScheduler.Builder b = KeyRotationScheduler.builder(keys, new MemoryEnvelopeStore(new Faults(-1)),
          audit, now::get);
      assertThatThrownBy(() -> b.maxKeyAge(Duration.ZERO)).hasMessageContaining("maxKeyAge PT0S must be positive");
      assertThatThrownBy(() -> b.batchSize(0)).hasMessageContaining("batchSize 0 must be positive");
      assertThatThrownBy(() -> b.maxRecordsPerRun(0)).hasMessageContaining("maxRecordsPerRun 0");
    }
  }

  /** Delegates, with a fault step before and after each rotation. */
  static final class FaultyKeys implements RotatableKeyManagementProvider {
    private final RotatableKeyManagementProvider keys;
    private final Faults faults;

    FaultyKeys(RotatableKeyManagementProvider keys, Faults faults) {
      this.keys = keys;
      this.faults = faults;
    }

    @Override
    public String id() {
      return keys.id();
    }

    @Override
    public String currentKeyId() {
      return keys.currentKeyId();
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, byte[] context) {
      return keys.wrap(dataKey, context);
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
      return keys.unwrap(wrapped, context);
    }

    @Override
    public String rotate() {
      faults.step("before rotating");
      String id = keys.rotate();
      faults.step("after rotating");
      return id;
    }

    @Override
    public List<KeyVersion> keyVersions() {
      return keys.keyVersions();
    }
  }

  /** Delegates, with a fault step before each append (the log itself is not closed by it). */
  static final class FaultyAudit implements AuditLog {
    private final AuditLog log;
    private final Faults faults;

    FaultyAudit(AuditLog log, Faults faults) {
      this.log = log;
      this.faults = faults;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
      faults.step("before auditing " + event.action());
      return log.append(event);
    }

    @Override
    public AuditVerification verify() {
      return log.verify();
    }

    @Override
    public long exportJsonLines(Appendable out) {
      return log.exportJsonLines(out);
    }

    @Override
    public void close() {
      // the test closes the file log
    }
  }
}
