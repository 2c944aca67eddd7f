package io.stratus.testkit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.adapters.webhooks.DeliveryAttempt;
import io.stratus.adapters.webhooks.DeliveryKey;
import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every webhook {@link Outbox} must pass: enqueue is all-new-or-skipped per delivery key (re-publishing an
 * event does not duplicate it, also when several threads publish it at once), due deliveries come earliest first up to
 * the limit, each attempt's outcome moves the delivery exactly as the SPI says (delivered, retried later, dead-lettered,
 * replayed, postponed), invalid transitions are refused, and the delivery log keeps every attempt.
 *
 * <p>The kit never asks for the same due delivery twice before recording an outcome for it, so outboxes whose
 * {@link Outbox#due} claims deliveries for a while (to share them between dispatchers) pass it too.
 *
 * <p>Extend it in a test and return a new, empty outbox; the kit closes it after each test. Not thread-safe; JUnit
 * creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class OutboxCompatibilityKit {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<Outbox> opened = new ArrayList<>();

  /**
   * A new, empty outbox.
   *
   * @return the outbox; never null
   */
  protected abstract Outbox createOutbox();

  private Outbox outbox() {
    Outbox o = createOutbox();
    opened.add(o);
    return o;
  }

  @AfterEach
  void closeOutboxes() {
    opened.forEach(Outbox::close);
  }

  private static DeliveryKey key(String event) {
    return new DeliveryKey(event, "sub-1");
  }

  private static OutboxEntry entry(String event, Instant at) {
    return OutboxEntry.pending(key(event), body(event), at);
  }

  private static byte[] body(String event) {
    return ("{\"id\":\"" + event + "\",\"data\":\"é\\u0000\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void enqueue_addsNewKeys_andSkipsKeysItAlreadyHolds() {
    Outbox box = outbox();
    assertThat(box.enqueue(List.of(entry("a", T0), entry("b", T0)))).containsExactly(key("a"), key("b"));
    assertThat(box.enqueue(List.of(entry("a", T0.plusSeconds(5)), entry("c", T0))))
        .as("a was accepted before").containsExactly(key("c"));
    assertThat(box.enqueue(List.of())).isEmpty();
    OutboxEntry a = box.entries("a").get(0);
    assertThat(box.entries("a")).hasSize(1);
    assertThat(a).isEqualTo(entry("a", T0));
    assertThat(a.body()).isEqualTo(body("a"));
    assertThat(a.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(a.attempts()).isZero();
  }

  @Test
  void entries_ofOneEventToSeveralSubscriptions_areAllReturned() {
    Outbox box = outbox();
    box.enqueue(List.of(OutboxEntry.pending(new DeliveryKey("e", "s1"), body("e"), T0),
        OutboxEntry.pending(new DeliveryKey("e", "s2"), body("e"), T0), entry("other", T0)));
    assertThat(box.entries("e")).extracting(OutboxEntry::key)
        .containsExactlyInAnyOrder(new DeliveryKey("e", "s1"), new DeliveryKey("e", "s2"));
    assertThat(box.entries("unknown")).isEmpty();
    assertThat(box.attempts(key("unknown"))).isEmpty();
  }

  @Test
  void due_returnsPendingDeliveriesDueNow_earliestFirst_thenInEnqueueOrder() {
    Outbox box = outbox();
    box.enqueue(List.of(entry("late", T0.plusSeconds(2)), entry("first", T0), entry("tie-1", T0.plusSeconds(1)),
        entry("tie-2", T0.plusSeconds(1)), entry("future", T0.plusSeconds(100))));
    assertThat(box.due(T0.plusSeconds(10), 10)).extracting(e -> e.key().eventId())
        .containsExactly("first", "tie-1", "tie-2", "late");
  }

  @Test
  void due_returnsAtMostTheLimit_andRejectsANonPositiveLimit() {
    Outbox box = outbox();
    box.enqueue(List.of(entry("a", T0), entry("b", T0.plusSeconds(1)), entry("c", T0.plusSeconds(2))));
    assertThatThrownBy(() -> box.due(T0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(box.due(T0.plusSeconds(10), 2)).extracting(e -> e.key().eventId()).containsExactly("a", "b");
  }

  @Test
  void nextDue_isTheEarliestPendingTime_orEmpty() {
    Outbox box = outbox();
    assertThat(box.nextDue()).isEmpty();
    box.enqueue(List.of(entry("b", T0.plusSeconds(9)), entry("a", T0.plusSeconds(3))));
    assertThat(box.nextDue()).contains(T0.plusSeconds(3));
    box.record(new DeliveryAttempt(key("a"), 1, T0.plusSeconds(3), DeliveryAttempt.Outcome.DELIVERED, 200, "", T0
        .plusSeconds(3)));
    assertThat(box.nextDue()).contains(T0.plusSeconds(9));
    box.record(new DeliveryAttempt(key("b"), 1, T0.plusSeconds(9), DeliveryAttempt.Outcome.DEAD, 410, "gone", T0
        .plusSeconds(9)));
    assertThat(box.nextDue()).isEmpty();
  }

  @Test
  void record_delivered_marksTheDelivery_dropsTheBody_andLogsTheAttempt() {
    Outbox box = outbox();
    box.enqueue(List.of(entry("a", T0)));
    assertThat(box.due(T0, 10)).extracting(OutboxEntry::key).containsExactly(key("a"));
    DeliveryAttempt ok = new DeliveryAttempt(key("a"), 1, T0.plusMillis(40), DeliveryAttempt.Outcome.DELIVERED, 204,
        "no content", T0.plusMillis(40));
    box.record(ok);
    OutboxEntry a = box.entries("a").get(0);
    assertThat(a.state()).isEqualTo(OutboxEntry.State.DELIVERED);
    assertThat(a.attempts()).isEqualTo(1);
    assertThat(a.body()).isEmpty();
    assertThat(box.attempts(key("a"))).containsExactly(ok);
    assertThat(box.due(T0.plusSeconds(3600), 10)).isEmpty();
    assertThat(box.deadLetters()).isEmpty();
  }

  @Test
  void record_retry_keepsItPendingUntilTheRetryTime_withTheError() {
    Outbox box = outbox();
    box.enqueue(List.of(entry("a", T0)));
    assertThat(box.due(T0, 10)).hasSize(1);
    DeliveryAttempt busy = new DeliveryAttempt(key("a"), 1, T0.plusSeconds(1), DeliveryAttempt.Outcome.RETRY, 503,
        "busy", T0.plusSeconds(30));
    box.record(busy);
    OutboxEntry a = box.entries("a").get(0);
    assertThat(a.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(a.attempts()).isEqualTo(1);
    assertThat(a.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(a.lastError()).isEqualTo("busy");
    assertThat(a.body()).isEqualTo(body("a"));
    assertThat(box.nextDue()).contains(T0.plusSeconds(30));
    assertThat(box.due(T0.plusSeconds(29), 10)).isEmpty();
    assertThat(box.due(T0.plusSeconds(30), 10)).extracting(OutboxEntry::attempts).containsExactly(1);
    DeliveryAttempt ok = new DeliveryAttempt(key("a"), 2, T0.plusSeconds(31), DeliveryAttempt.Outcome.DELIVERED, 200,
        "", T0.plusSeconds(31));
    box.record(ok);
    assertThat(box.attempts(key("a"))).containsExactly(busy, ok);
  }

  @Test
  void record_dead_movesToTheDeadLetters_andReplayBringsItBack() {
    Outbox box = outbox();
    box.enqueue(List.of(entry("a", T0), entry("b", T0.plusSeconds(1)), entry("c", T0.plusSeconds(2))));
    box.record(new DeliveryAttempt(key("c"), 1, T0.plusSeconds(2), DeliveryAttempt.Outcome.DEAD, 410, "gone", T0
        .plusSeconds(2)));
    box.record(new DeliveryAttempt(key("a"), 1, T0.plusSeconds(3), DeliveryAttempt.Outcome.DEAD, 0, "timeout", T0
        .plusSeconds(3)));
    assertThat(box.deadLetters()).extracting(OutboxEntry::key).containsExactlyInAnyOrder(key("a"), key("c"));
    OutboxEntry deadA = box.entries("a").get(0);
    assertThat(deadA.state()).isEqualTo(OutboxEntry.State.DEAD);
    assertThat(deadA.lastError()).isEqualTo("timeout");
    assertThat(deadA.body()).isEqualTo(body("a"));
    assertThat(box.due(T0.plusSeconds(10), 10)).extracting(OutboxEntry::key).containsExactly(key("b"));
    box.record(new DeliveryAttempt(key("b"), 1, T0.plusSeconds(10), DeliveryAttempt.Outcome.DELIVERED, 200, "", T0
        .plusSeconds(10)));

    box.replay(key("a"), T0.plusSeconds(60));
    OutboxEntry replayed = box.entries("a").get(0);
    assertThat(replayed.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(replayed.attempts()).as("attempts are reset").isZero();
    assertThat(replayed.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(box.deadLetters()).extracting(OutboxEntry::key).containsExactly(key("c"));
    assertThat(box.due(T0.plusSeconds(59), 10)).isEmpty();
    assertThat(box.due(T0.plusSeconds(60), 10)).extracting(OutboxEntry::key).containsExactly(key("a"));
    assertThat(box.attempts(key("a"))).as("the log survives the replay").hasSize(1);
  }

  @Test
  void postpone_movesTheNextAttempt_withoutCountingAnAttempt() {
    Outbox box = outbox();
    box.enqueue(List.of(entry("a", T0)));
    assertThat(box.due(T0, 10)).hasSize(1);
    box.postpone(key("a"), T0.plusSeconds(45));
    OutboxEntry a = box.entries("a").get(0);
    assertThat(a.attempts()).isZero();
    assertThat(a.nextAttemptAt()).isEqualTo(T0.plusSeconds(45));
    assertThat(box.attempts(key("a"))).isEmpty();
    assertThat(box.nextDue()).contains(T0.plusSeconds(45));
    assertThat(box.due(T0.plusSeconds(44), 10)).isEmpty();
    assertThat(box.due(T0.plusSeconds(45), 10)).extracting(OutboxEntry::key).containsExactly(key("a"));
  }

  @Test
  void invalidTransitions_areRefused_andChangeNothing() {
    Outbox box = outbox();
    box.enqueue(List.of(entry("a", T0), entry("d", T0)));
    box.record(new DeliveryAttempt(key("d"), 1, T0, DeliveryAttempt.Outcome.DELIVERED, 200, "", T0));
    DeliveryAttempt onUnknown = new DeliveryAttempt(key("zz"), 1, T0, DeliveryAttempt.Outcome.DELIVERED, 200, "", T0);
    assertThatThrownBy(() -> box.record(onUnknown)).isInstanceOf(IllegalStateException.class);
    DeliveryAttempt again = new DeliveryAttempt(key("d"), 2, T0, DeliveryAttempt.Outcome.DELIVERED, 200, "", T0);
    assertThatThrownBy(() -> box.record(again)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.replay(key("a"), T0)).as("a is pending, not dead")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.postpone(key("d"), T0)).as("d is delivered")
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.postpone(key("zz"), T0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.replay(key("zz"), T0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> box.enqueue(List.of(new OutboxEntry(key("x"), body("x"), T0, OutboxEntry.State.DEAD, 0,
        T0, "")))).isInstanceOf(IllegalArgumentException.class);
    assertThat(box.entries("x")).isEmpty();
    assertThat(box.entries("a")).containsExactly(entry("a", T0));
    assertThat(box.attempts(key("d"))).hasSize(1);
  }

  @Test
  void concurrentEnqueues_ofTheSameEvent_acceptItExactlyOnce() throws Exception {
    Outbox box = outbox();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        String event = "race-" + round;
        List<Callable<List<DeliveryKey>>> publishers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          publishers.add(() -> box.enqueue(List.of(entry(event, T0))));
        }
        int accepted = 0;
        for (Future<List<DeliveryKey>> f : pool.invokeAll(publishers, 60, TimeUnit.SECONDS)) {
          accepted += f.get().size();
        }
        assertThat(accepted).as("publishers that got " + event + " accepted").isEqualTo(1);
        assertThat(box.entries(event)).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
