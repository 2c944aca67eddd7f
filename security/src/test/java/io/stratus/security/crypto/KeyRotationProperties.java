package io.stratus.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.security.audit.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Rotation never makes data unreadable: any interleaving of writes, rotations, partial runs and crashes. */
class KeyRotationProperties {

  /** One step: 0 write a record, 1 advance past the key's age, 2 run with a small budget, 3 run that crashes. */
  record Step(int kind, int arg) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.integers().between(0, 3).flatMap(k -> Arbitraries.integers().between(0, 40)
        .map(a -> new Step(k, a))).list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 60)
  void rotationNeverMakesDataUnreadable(@ForAll("steps") List<Step> steps, @ForAll long seed) throws IOException {
    Path dir = Files.createTempDirectory("rotation-props");
    AtomicReference<Instant> now = new AtomicReference<>(KeyRotationSchedulerTest.T0);
    MemoryKeys keys = new MemoryKeys(now::get, seed);
    EnvelopeCipher cipher = EnvelopeCipher.of(keys);
    Faults[] faults = {new Faults(-1)};
    MemoryEnvelopeStore store = new MemoryEnvelopeStore(new Faults(-1)) {
      @Override
      public synchronized boolean replace(String recordId, byte[] expected, byte[] replacement) {
        faults[0].step("replace " + recordId);
        return super.replace(recordId, expected, replacement);
      }
    };
    Map<String, String> plain = new HashMap<>();
    RotationProgressStore checkpoints = RotationProgressStore.inMemory();
    try (AuditLog audit = AuditLog.openFile(dir.resolve("audit.jsonl"), KeyRotationSchedulerTest.AUDIT_KEY, 8)) {
      int n = 0;
      for (Step s : steps) {
        switch (s.kind()) {
          case 0 -> {
            String id = String.format("r%04d", n++);
            String text = "v" + s.arg() + " of " + id;
            byte[] aad = id.getBytes(StandardCharsets.UTF_8);
            store.put(id, cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), aad), aad);
            plain.put(id, text);
          }
          case 1 -> now.set(now.get().plus(Duration.ofDays(30 + s.arg())));
          default -> {
            faults[0] = new Faults(s.kind() == 3 ? s.arg() % 7 : -1);
            try {
              KeyRotationScheduler.builder(keys, store, audit, now::get).maxKeyAge(Duration.ofDays(45))
                  .batchSize(1 + s.arg() % 4).maxRecordsPerRun(1 + s.arg()).checkpoints(checkpoints).build()
                  .runDue();
            } catch (Faults.Crash e) {
              // a crash mid-run: the next run resumes
            }
            faults[0] = new Faults(-1);
          }
        }
        for (String id : store.ids()) {
          assertThat(new String(cipher.decrypt(store.envelope(id), store.aad(id)), StandardCharsets.UTF_8))
              .isEqualTo(plain.get(id));
        }
      }
      RotationProgress last = KeyRotationScheduler.builder(keys, store, audit, now::get)
          .maxKeyAge(Duration.ofDays(45)).checkpoints(checkpoints).build().runDue();
      assertThat(last.complete()).isTrue();
      assertThat(store.ids()).allMatch(id -> EnvelopeCipher.keyIdOf(store.envelope(id)).equals(keys.currentKeyId()));
      assertThat(audit.verify().intact()).isTrue();
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
