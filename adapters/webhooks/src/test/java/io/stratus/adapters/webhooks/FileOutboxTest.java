package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path dir;

  static OutboxEntry entry(String id) {
    return OutboxEntry.pending(new DeliveryKey(id, "sub"), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
        T0);
  }

  private Path journal() {
    return dir.resolve("webhooks.journal");
  }

  @Test
  void reopen_recoversEntriesAttemptsReplaysAndDeadLetters() {
    DeliveryKey a = new DeliveryKey("a", "sub");
    DeliveryKey b = new DeliveryKey("b", "sub");
    DeliveryKey c = new DeliveryKey("c", "sub");
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.enqueue(List.of(entry("a"), entry("b"), entry("c")))).hasSize(3);
      assertThat(box.enqueue(List.of(entry("a")))).as("already accepted").isEmpty();
      box.record(new DeliveryAttempt(a, 1, T0, DeliveryAttempt.Outcome.DELIVERED, 200, "", T0));
      box.record(new DeliveryAttempt(b, 1, T0, DeliveryAttempt.Outcome.RETRY, 503, "busy", T0.plusSeconds(30)));
      box.record(new DeliveryAttempt(c, 1, T0, DeliveryAttempt.Outcome.DEAD, 410, "gone", T0));
    }
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.entries("a")).singleElement().extracting(OutboxEntry::state).isEqualTo(OutboxEntry.State.DELIVERED);
      OutboxEntry pendingB = box.entries("b").get(0);
      assertThat(pendingB.attempts()).isEqualTo(1);
      assertThat(pendingB.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
      assertThat(pendingB.lastError()).isEqualTo("busy");
      assertThat(new String(pendingB.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"b\"}");
      assertThat(box.due(T0, 10)).isEmpty();
      assertThat(box.nextDue()).contains(T0.plusSeconds(30));
      assertThat(box.deadLetters()).extracting(OutboxEntry::key).containsExactly(c);
      assertThat(box.attempts(c)).extracting(DeliveryAttempt::statusCode).containsExactly(410);
      box.replay(c, T0.plusSeconds(1));
    }
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.deadLetters()).isEmpty();
      assertThat(box.due(T0.plusSeconds(60), 10)).extracting(OutboxEntry::key).containsExactly(c, b);
    }
  }

  @Test
  void postpone_survivesReopen_withoutCountingAnAttempt() {
    DeliveryKey a = new DeliveryKey("a", "sub");
    try (FileOutbox box = FileOutbox.open(journal())) {
      box.enqueue(List.of(entry("a")));
      box.postpone(a, T0.plusSeconds(60));
      assertThatThrownBy(() -> box.postpone(new DeliveryKey("zz", "sub"), T0))
          .isInstanceOf(IllegalStateException.class);
    }
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.nextDue()).contains(T0.plusSeconds(60));
      assertThat(box.entries("a").get(0).attempts()).isZero();
      assertThat(box.due(T0.plusSeconds(59), 10)).isEmpty();
    }
  }

  @Test
  void tornFinalRecord_isTruncatedAndEarlierRecordsSurvive() throws IOException {
    long good;
    try (FileOutbox box = FileOutbox.open(journal())) {
      box.enqueue(List.of(entry("a")));
      box.enqueue(List.of(entry("b")));
      good = box.size();
      box.enqueue(List.of(entry("c")));
    }
    long full = Files.size(journal());
    try (FileChannel ch = FileChannel.open(journal(), StandardOpenOption.WRITE)) {
      ch.truncate(full - 5); // the crash cut the last record short
    }
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.entries("a")).hasSize(1);
      assertThat(box.entries("b")).hasSize(1);
      assertThat(box.entries("c")).isEmpty();
      assertThat(box.size()).isEqualTo(good);
      box.enqueue(List.of(entry("d")));
    }
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.entries("d")).as("appends after recovery are readable").hasSize(1);
    }
  }

  @Test
  void tornFinalRecordWithBadChecksumOrZeroTail_isTruncated() throws IOException {
    try (FileOutbox box = FileOutbox.open(journal())) {
      box.enqueue(List.of(entry("a")));
      box.enqueue(List.of(entry("b")));
    }
    byte[] bytes = Files.readAllBytes(journal());
    bytes[bytes.length - 1] ^= 0x5a; // last record's payload damaged
    Files.write(journal(), bytes);
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.entries("a")).hasSize(1);
      assertThat(box.entries("b")).isEmpty();
    }
    Files.write(journal(), new byte[4096], StandardOpenOption.APPEND); // preallocated zeros after a crash
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.entries("a")).hasSize(1);
    }
  }

  @Test
  void crcMismatchMidFile_raisesTypedErrorNamingFileAndOffset_andLeavesFileAlone() throws IOException {
    long second;
    try (FileOutbox box = FileOutbox.open(journal())) {
      box.enqueue(List.of(entry("a")));
      second = box.size();
      box.enqueue(List.of(entry("b")));
      box.enqueue(List.of(entry("c")));
    }
    byte[] bytes = Files.readAllBytes(journal());
    bytes[(int) second + 12] ^= 0x01; // inside the second record's payload
    Files.write(journal(), bytes);
    assertThatThrownBy(() -> FileOutbox.open(journal()))
        .isInstanceOfSatisfying(OutboxCorruptedException.class, e -> {
          assertThat(e.offset()).isEqualTo(second);
          assertThat(e.file()).contains(journal().toAbsolutePath());
        })
        .hasMessageContaining(journal().toAbsolutePath().toString())
        .hasMessageContaining("offset " + second)
        .hasMessageContaining("CRC32C");
    assertThat(Files.readAllBytes(journal())).isEqualTo(bytes);
  }

  @Test
  void notAJournal_raisesTypedError() throws IOException {
    Files.writeString(journal(), "hello, this is not a journal");
    assertThatThrownBy(() -> FileOutbox.open(journal())).isInstanceOf(OutboxCorruptedException.class)
        .hasMessageContaining("offset 0");
  }

  @Test
  void diskFull_failsThePublish_acceptsNothing_rollsBack_andRecovers() {
    long limit;
    try (FileOutbox box = FileOutbox.open(journal())) {
      box.enqueue(List.of(entry("a")));
      limit = box.size() + 30; // room for part of one more record
    }
    FileOutbox box = FileOutbox.open(journal(), FileOutbox.DEFAULT_COMPACTION_THRESHOLD,
        f -> new FailingChannel(FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE), limit));
    long before = box.size();
    assertThatThrownBy(() -> box.enqueue(List.of(entry("b"), entry("c"))))
        .isInstanceOf(OutboxException.class)
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("nothing was accepted");
    assertThat(box.entries("b")).isEmpty();
    assertThat(box.size()).isEqualTo(before);
    box.close();
    try (FileOutbox reopened = FileOutbox.open(journal())) {
      assertThat(reopened.entries("a")).hasSize(1);
      assertThat(reopened.entries("b")).isEmpty();
      assertThat(reopened.size()).as("the partial write was rolled back").isEqualTo(before);
    }
  }

  @Test
  void compaction_dropsDeliveredKeepsPendingDeadAndTheirLogs() {
    try (FileOutbox box = FileOutbox.open(journal())) {
      List<OutboxEntry> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        batch.add(entry("e" + i));
      }
      box.enqueue(batch);
      for (int i = 0; i < 48; i++) {
        box.record(new DeliveryAttempt(new DeliveryKey("e" + i, "sub"), 1, T0, DeliveryAttempt.Outcome.DELIVERED,
            204, "", T0));
      }
      box.record(new DeliveryAttempt(new DeliveryKey("e48", "sub"), 1, T0, DeliveryAttempt.Outcome.DEAD, 400,
          "bad", T0));
      box.record(new DeliveryAttempt(new DeliveryKey("e49", "sub"), 1, T0, DeliveryAttempt.Outcome.RETRY, 500,
          "oops", T0.plusSeconds(5)));
      long before = box.size();
      box.compact();
      assertThat(box.size()).isLessThan(before / 10);
      assertThat(box.entries("e0")).isEmpty();
      assertThat(box.deadLetters()).extracting(e -> e.key().eventId()).containsExactly("e48");
      assertThat(box.attempts(new DeliveryKey("e49", "sub"))).hasSize(1);
      box.record(new DeliveryAttempt(new DeliveryKey("e49", "sub"), 2, T0.plusSeconds(5),
          DeliveryAttempt.Outcome.DELIVERED, 200, "", T0.plusSeconds(5)));
    }
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThat(box.entries("e49")).singleElement().extracting(OutboxEntry::state)
          .isEqualTo(OutboxEntry.State.DELIVERED);
      assertThat(box.attempts(new DeliveryKey("e49", "sub"))).hasSize(2);
      assertThat(box.deadLetters()).hasSize(1);
      assertThat(Files.exists(dir.resolve("webhooks.journal.compact"))).isFalse();
    }
  }

  @Test
  void compaction_runsOnItsOwnPastTheThreshold() {
    try (FileOutbox box = FileOutbox.open(journal(), 4096)) {
      for (int i = 0; i < 200; i++) {
        box.enqueue(List.of(entry("e" + i)));
        box.record(new DeliveryAttempt(new DeliveryKey("e" + i, "sub"), 1, T0, DeliveryAttempt.Outcome.DELIVERED,
            200, "", T0));
      }
      assertThat(box.size()).isLessThan(4096 + 200);
    }
  }

  @Test
  void secondOpen_ofAnOpenJournal_isRefused() {
    try (FileOutbox box = FileOutbox.open(journal())) {
      assertThatThrownBy(() -> FileOutbox.open(journal())).isInstanceOf(OutboxException.class)
          .hasMessageContaining("another outbox or process");
      box.enqueue(List.of(entry("a")));
    }
  }

  @Test
  void invalidTransitions_areRejectedBeforeAnythingIsWritten() {
    try (FileOutbox box = FileOutbox.open(journal())) {
      long size = box.size();
      DeliveryKey unknown = new DeliveryKey("x", "sub");
      assertThatThrownBy(() -> box.record(new DeliveryAttempt(unknown, 1, T0, DeliveryAttempt.Outcome.DELIVERED, 200,
          "", T0))).isInstanceOf(IllegalStateException.class).hasMessageContaining("x@sub");
      assertThatThrownBy(() -> box.replay(unknown, T0)).isInstanceOf(IllegalStateException.class);
      assertThat(box.size()).isEqualTo(size);
    }
  }
}
