package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.NotificationChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable dead letters (issue 14): the file journal survives a restart, and replay removes only what was delivered. */
class DeadLetterStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
  private final TestClock clock = new TestClock(T0);
  @TempDir Path dir;

  /** Fails while {@code failing} is set, records otherwise. */
  private static final class Flaky implements NotificationChannel {
    final String id;
    final List<Notification> received = new ArrayList<>();
    boolean failing;

    Flaky(String id, boolean failing) {
      this.id = id;
      this.failing = failing;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void send(Notification n) {
      if (failing) {
        throw new ProviderException(id, "down", null);
      }
      received.add(n);
    }
  }

  private AlertEngine engine(NotificationChannel channel, DeadLetterStore store) {
    return AlertEngine.builder().clock(clock).channel(channel).grouping(GroupingPolicy.none())
        .deliveryPolicy(DeliveryPolicy.builder().maxAttempts(1).build()).deadLetterStore(store).build();
  }

  private static DeadLetter letter(String id, String title) {
    return new DeadLetter(id, "ch", new Notification("k-" + id, Severity.CRITICAL, title, "body\nline 2",
        Map.of("team", "infra", "note", "quote \" and ü"), T0), DeadLetter.Reason.RETRIES_EXHAUSTED, 3,
        "io.stratus.ProviderException: down", T0.plusSeconds(5));
  }

  @Test
  void fileStore_deadLetterSurvivesARestart_andReplayAfterItDeliversAndRemovesIt() {
    Path journal = dir.resolve("dead-letters.jsonl");
    Flaky down = new Flaky("ch", true);
    try (DeadLetterStore first = DeadLetterStore.file(journal)) {
      AlertEngine e = engine(down, first);
      e.setCondition("DiskFull", Map.of("region", "eu"), Severity.CRITICAL, true);
      e.tick();
      assertThat(e.deadLetters()).hasSize(1);
    }
    // the "restart": a new store on the same journal and a new engine whose channel works
    Flaky up = new Flaky("ch", false);
    try (DeadLetterStore second = DeadLetterStore.file(journal)) {
      assertThat(second.list()).singleElement().satisfies(d -> {
        assertThat(d.channelId()).isEqualTo("ch");
        assertThat(d.notification().title()).contains("DiskFull");
        assertThat(d.notification().labels()).containsEntry("region", "eu");
        assertThat(d.reason()).isEqualTo(DeadLetter.Reason.RETRIES_EXHAUSTED);
      });
      AlertEngine e = engine(up, second);
      assertThat(e.deadLetters()).hasSize(1);
      assertThat(e.replayDeadLetters()).isEqualTo(1);
      assertThat(up.received).singleElement().satisfies(n -> assertThat(n.title()).contains("DiskFull"));
      assertThat(e.deadLetters()).isEmpty();
    }
    try (DeadLetterStore third = DeadLetterStore.file(journal)) {
      assertThat(third.list()).isEmpty();
    }
  }

  @Test
  void fileStore_replayThatFailsAgain_leavesExactlyOneLetter_acrossRestart() {
    Path journal = dir.resolve("dl.jsonl");
    Flaky down = new Flaky("ch", true);
    try (DeadLetterStore store = DeadLetterStore.file(journal)) {
      AlertEngine e = engine(down, store);
      e.setCondition("Down", Map.of(), Severity.WARNING, true);
      e.tick();
      String first = e.deadLetters().get(0).id();
      assertThat(e.replayDeadLetters()).isEqualTo(1);
      assertThat(e.deadLetters()).singleElement().satisfies(d -> assertThat(d.id()).isNotEqualTo(first));
    }
    try (DeadLetterStore store = DeadLetterStore.file(journal)) {
      assertThat(store.list()).hasSize(1);
    }
  }

  @Test
  void fileStore_restartedEngine_numbersNewLettersAboveTheStoredOnes_atTheSameInstant() {
    Path journal = dir.resolve("dl.jsonl");
    for (int run = 0; run < 2; run++) {
      try (DeadLetterStore store = DeadLetterStore.file(journal)) {
        AlertEngine e = engine(new Flaky("ch", true), store);
        e.setCondition("Down", Map.of(), Severity.WARNING, true);
        e.tick();
      }
    }
    try (DeadLetterStore store = DeadLetterStore.file(journal)) {
      assertThat(store.list()).hasSize(2).extracting(DeadLetter::id).doesNotHaveDuplicates();
    }
  }

  @Test
  void fileStore_roundTripsEveryField_andRemovalsAreDurable() {
    Path journal = dir.resolve("dl.jsonl");
    DeadLetter a = letter("a", "A");
    DeadLetter b = letter("b", "B");
    try (DeadLetterStore s = DeadLetterStore.file(journal)) {
      s.add(a);
      s.add(b);
      s.remove(List.of("a", "unknown"));
    }
    try (DeadLetterStore s = DeadLetterStore.file(journal)) {
      assertThat(s.list()).containsExactly(b);
      s.remove(List.of("b"));
    }
    try (DeadLetterStore s = DeadLetterStore.file(journal)) {
      assertThat(s.list()).isEmpty();
    }
  }

  @Test
  void fileStore_tornLastLine_isCutOff_andEarlierLettersKept() throws Exception {
    Path journal = dir.resolve("dl.jsonl");
    try (DeadLetterStore s = DeadLetterStore.file(journal)) {
      s.add(letter("a", "A"));
    }
    // a crash in the middle of the next add(): part of a line, no newline; that add() never returned
    Files.writeString(journal, "{\"op\":\"add\",\"id\":\"b\",\"chan", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (DeadLetterStore s = DeadLetterStore.file(journal)) {
      assertThat(s.list()).extracting(DeadLetter::id).containsExactly("a");
      s.add(letter("c", "C"));
    }
    try (DeadLetterStore s = DeadLetterStore.file(journal)) {
      assertThat(s.list()).extracting(DeadLetter::id).containsExactly("a", "c");
    }
  }

  @Test
  void fileStore_corruptCompleteLine_failsNamingFileAndLine() throws Exception {
    Path journal = dir.resolve("dl.jsonl");
    try (DeadLetterStore s = DeadLetterStore.file(journal)) {
      s.add(letter("a", "A"));
    }
    Files.writeString(journal, "{\"op\":\"explode\",\"id\":\"x\"}\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    assertThatThrownBy(() -> DeadLetterStore.file(journal)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(journal.getFileName().toString()).hasMessageContaining("line 2")
        .hasMessageContaining("explode");
  }

  @Test
  void inMemoryStore_isBounded_droppingTheOldest() {
    DeadLetterStore s = DeadLetterStore.inMemory(2);
    s.add(letter("a", "A"));
    s.add(letter("b", "B"));
    s.add(letter("c", "C"));
    assertThat(s.list()).extracting(DeadLetter::id).containsExactly("b", "c");
    assertThat(s.dropped()).isEqualTo(1);
    assertThatThrownBy(() -> DeadLetterStore.inMemory(0)).hasMessageContaining("deadLetterStore.capacity");
  }

  @Test
  void replay_lettersOfAChannelTheEngineLacks_stayStored() {
    DeadLetterStore s = DeadLetterStore.inMemory(10);
    s.add(letter("a", "A"));
    AlertEngine e = engine(new Flaky("other", false), s);
    assertThat(e.replayDeadLetters()).isZero();
    assertThat(s.list()).hasSize(1);
  }

  @Test
  void replay_withAFilter_replaysOnlyTheChosenLetters() {
    DeadLetterStore s = DeadLetterStore.inMemory(10);
    s.add(letter("a", "A"));
    s.add(letter("b", "B"));
    Flaky ch = new Flaky("ch", false);
    AlertEngine e = engine(ch, s);
    assertThat(e.replayDeadLetters(d -> d.notification().title().equals("B"))).isEqualTo(1);
    assertThat(ch.received).extracting(Notification::title).containsExactly("B");
    assertThat(s.list()).extracting(DeadLetter::id).containsExactly("a");
  }
}
