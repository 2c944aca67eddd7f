package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.NotificationChannel;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Delivery apart from evaluation (issue 14): executor, backoff, attempt cap, breaker, overflow, dead letters. */
class AlertDeliveryTest {
  private static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
  private final TestClock clock = new TestClock(T0);

  /** Notifies every unacknowledged firing alert again each minute, so each tick makes a notification. */
  private static final GroupingPolicy EVERY_MINUTE =
      new GroupingPolicy(List.of(), false, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1));

  /** Records what it receives; fails while {@code failing} is set. */
  private static final class Recording implements NotificationChannel {
    final String id;
    final List<Notification> received = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile int failNext;
    volatile boolean failing;

    Recording(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void send(Notification n) {
      calls.incrementAndGet();
      if (failing || failNext > 0) {
        if (failNext > 0) {
          failNext--;
        }
        throw new ProviderException(id, "down", null);
      }
      received.add(n);
    }
  }

  private static DeliveryPolicy exact(int attempts, int queue) {
    return DeliveryPolicy.builder().maxAttempts(attempts).backoff(Duration.ofSeconds(10), 2, Duration.ofMinutes(5))
        .jitter(0).queueCapacity(queue).build();
  }

  private void fire(AlertEngine e, String name) {
    e.setCondition(name, Map.of("region", "eu"), Severity.WARNING, true);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard, not a timing assertion
  void slowChannel_blocksNeitherIngestionNorOtherChannels() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch slowDone = new CountDownLatch(1);
    CountDownLatch fastDone = new CountDownLatch(1);
    NotificationChannel slow = new NotificationChannel() {
      @Override
      public String id() {
        return "slow";
      }

      @Override
      public void send(Notification n) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
        slowDone.countDown();
      }
    };
    NotificationChannel fast = new NotificationChannel() {
      @Override
      public String id() {
        return "fast";
      }

      @Override
      public void send(Notification n) {
        fastDone.countDown();
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      AlertRule rule = AlertRule.builder("HighCpu", SeriesSelector.of("cpu")).condition(Condition.above(90, 80))
          .build();
      AlertEngine e = AlertEngine.builder().clock(clock).rule(rule).channel(slow).channel(fast)
          .grouping(GroupingPolicy.none()).deliveryExecutor(pool).build();
      SeriesId cpu = SeriesId.of("cpu", "resource", "vm-1");
      e.accept(new MetricSample(cpu, clock.instant().toEpochMilli(), 95));
      e.tick();
      entered.await();
      // the slow channel is now inside send(): ingestion, ticks and queries go on, and the fast channel delivers
      fastDone.await();
      for (int i = 0; i < 10; i++) {
        clock.advance(Duration.ofMinutes(1));
        e.accept(new MetricSample(cpu, clock.instant().toEpochMilli(), i % 2 == 0 ? 50 : 95));
        e.tick();
      }
      assertThat(e.alerts()).isNotEmpty();
      assertThat(e.pendingDeliveries()).isPositive();
      release.countDown();
      slowDone.await();
    } finally {
      release.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void issue14_alwaysFailingChannel_getsCappedAttemptsAndNeverBlocksTheOthers() {
    Recording broken = new Recording("broken");
    broken.failing = true;
    Recording ok = new Recording("ok");
    AlertEngine e = AlertEngine.builder().clock(clock).channel(broken).channel(ok).grouping(EVERY_MINUTE).build();
    fire(e, "Down");
    for (int i = 0; i < 2_000; i++) {
      e.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    int notifications = ok.received.size();
    assertThat(notifications).isGreaterThan(1_900);
    // before: every failed delivery was retried at every tick, ~10,000 calls in 2,000 ticks and growing
    assertThat(broken.calls.get()).isLessThanOrEqualTo(DeliveryPolicy.defaults().maxAttempts() * notifications);
    DeliveryStats stats = e.deliveryStats();
    assertThat(stats.circuitStates()).containsEntry("ok", "CLOSED");
    assertThat(stats.rejectedByCircuit()).isPositive();
    // the breaker opens after 10 failures; from then on one trial call per wait (one minute, one tick) gets through
    assertThat(broken.calls.get()).isLessThanOrEqualTo(2_000 + 10);
    // nothing is lost: every notification for the broken channel is dead-lettered or still pending
    assertThat(stats.deadLettered() + e.pendingDeliveries()).isEqualTo(notifications);
    assertThat(e.deadLetters()).allSatisfy(d -> {
      assertThat(d.channelId()).isEqualTo("broken");
      assertThat(d.reason()).isEqualTo(DeadLetter.Reason.RETRIES_EXHAUSTED);
      assertThat(d.attempts()).isLessThanOrEqualTo(DeliveryPolicy.defaults().maxAttempts());
    });
  }

  @Test
  void retry_waitsForBackoffOnTheInjectedClock_thenStopsAtTheAttemptCap() {
    Recording ch = new Recording("ch");
    ch.failing = true;
    AlertEngine e = AlertEngine.builder().clock(clock).channel(ch).grouping(GroupingPolicy.none())
        .deliveryPolicy(exact(3, 10)).build();
    fire(e, "Down");
    e.tick();
    assertThat(ch.calls.get()).isEqualTo(1);
    e.tick();
    clock.advance(Duration.ofSeconds(9));
    e.tick();
    assertThat(ch.calls.get()).as("no retry before the 10 s backoff").isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    e.tick();
    assertThat(ch.calls.get()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(19));
    e.tick();
    assertThat(ch.calls.get()).as("the second wait doubles to 20 s").isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    e.tick();
    assertThat(ch.calls.get()).isEqualTo(3);
    clock.advance(Duration.ofHours(1));
    e.tick();
    assertThat(ch.calls.get()).as("attempt cap").isEqualTo(3);
    assertThat(e.pendingDeliveries()).isZero();
    assertThat(e.deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(3);
      assertThat(d.lastError()).contains("down");
      assertThat(d.at()).isEqualTo(clock.instant().minus(Duration.ofHours(1)));
    });
    assertThat(e.stats().deliveryFailures()).isEqualTo(3);
    assertThat(e.deliveryStats().retriesScheduled()).isEqualTo(2);
  }

  @Test
  void deadLetters_replay_deliversOnceTheChannelRecovers() {
    Recording ch = new Recording("ch");
    ch.failNext = 2;
    AlertEngine e = AlertEngine.builder().clock(clock).channel(ch).grouping(GroupingPolicy.none())
        .deliveryPolicy(exact(2, 10)).build();
    fire(e, "Down");
    e.tick();
    clock.advance(Duration.ofSeconds(10));
    e.tick();
    assertThat(ch.received).isEmpty();
    List<DeadLetter> dead = e.deadLetters();
    assertThat(dead).hasSize(1);
    assertThat(e.replayDeadLetters()).isEqualTo(1);
    assertThat(e.deadLetters()).isEmpty();
    assertThat(ch.received).singleElement().isEqualTo(dead.get(0).notification());
    assertThat(e.replayDeadLetters()).isZero();
  }

  @Test
  void overflow_isCountedAndDeadLettered() {
    Recording ch = new Recording("ch");
    ch.failing = true;
    AlertEngine e = AlertEngine.builder().clock(clock).channel(ch).grouping(GroupingPolicy.none())
        .deliveryPolicy(exact(5, 2)).build();
    for (int i = 0; i < 5; i++) {
      fire(e, "Down" + i);
    }
    e.tick();
    DeliveryStats stats = e.deliveryStats();
    assertThat(stats.overflowed()).isEqualTo(3);
    assertThat(stats.pending()).isEqualTo(2);
    assertThat(e.deadLetters()).hasSize(3).allSatisfy(d -> {
      assertThat(d.reason()).isEqualTo(DeadLetter.Reason.QUEUE_FULL);
      assertThat(d.attempts()).isZero();
    });
    assertThat(ch.calls.get()).isEqualTo(2);
  }

  @Test
  void deadLetterList_isBounded_droppingTheOldestAndCountingIt() {
    Recording ch = new Recording("ch");
    ch.failing = true;
    AlertEngine e = AlertEngine.builder().clock(clock).channel(ch).grouping(GroupingPolicy.none())
        .deliveryPolicy(DeliveryPolicy.builder().maxAttempts(1).deadLetterCapacity(2).build()).build();
    for (int i = 0; i < 3; i++) {
      fire(e, "Down" + i);
    }
    e.tick();
    assertThat(e.deadLetters()).hasSize(2);
    assertThat(e.deadLetters().get(0).notification().title()).contains("Down1");
    assertThat(e.deliveryStats().deadLettersDropped()).isEqualTo(1);
  }

  @Test
  void circuitBreaker_opensOnFailures_andLetsATrialThroughAfterItsWaitOnTheInjectedClock() {
    Recording ch = new Recording("ch");
    ch.failing = true;
    DeliveryPolicy policy = DeliveryPolicy.builder().maxAttempts(1).jitter(0)
        .circuitBreaker(50, 4, 4, Duration.ofMinutes(1)).build();
    AlertEngine e = AlertEngine.builder().clock(clock).channel(ch).grouping(GroupingPolicy.none())
        .deliveryPolicy(policy).build();
    for (int i = 0; i < 6; i++) {
      fire(e, "Down" + i);
    }
    e.tick();
    assertThat(ch.calls.get()).isEqualTo(4);
    assertThat(e.deliveryStats().circuitStates()).containsEntry("ch", "OPEN");
    assertThat(e.deliveryStats().rejectedByCircuit()).isEqualTo(2);
    ch.failing = false;
    clock.advance(Duration.ofMinutes(1));
    assertThat(e.replayDeadLetters()).isEqualTo(6);
    assertThat(ch.received).as("still open: the wait must be exceeded").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(e.replayDeadLetters()).isEqualTo(6);
    assertThat(ch.received).hasSize(6);
    assertThat(e.deliveryStats().circuitStates()).containsEntry("ch", "CLOSED");
  }

  @Test
  void builder_duplicateChannelId_isRejected() {
    AlertEngine.Builder b = AlertEngine.builder().channel(new Recording("x"));
    assertThatThrownBy(() -> b.channel(new Recording("x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'");
  }

  @Test
  void policy_badValues_areRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> DeliveryPolicy.builder().jitter(1)).hasMessageContaining("jitter")
        .hasMessageContaining("1");
    assertThatThrownBy(() -> DeliveryPolicy.builder().backoff(Duration.ofMinutes(2), 2, Duration.ofMinutes(1)))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(() -> DeliveryPolicy.builder().maxAttempts(0)).hasMessageContaining("maxAttempts");
  }

  @Test
  void batching_alertsWithinTheWindow_becomeOneMessageOnTheBatchingChannelOnly() {
    Recording chat = new Recording("chat");
    Recording pager = new Recording("pager");
    AlertEngine e = AlertEngine.builder().clock(clock).channel(chat).channel(pager).grouping(GroupingPolicy.none())
        .deliveryPolicy(DeliveryPolicy.builder().batching("chat", Duration.ofMinutes(5)).build()).build();
    fire(e, "DiskFull");
    fire(e, "HighCpu");
    e.tick();
    clock.advance(Duration.ofMinutes(1));
    e.setCondition("Down", Map.of("region", "eu"), Severity.CRITICAL, true);
    e.tick();
    assertThat(pager.received).hasSize(3);
    assertThat(chat.received).isEmpty();
    clock.advance(Duration.ofMinutes(4));
    e.tick();
    assertThat(chat.received).singleElement().satisfies(n -> {
      assertThat(n.title()).startsWith("3 notifications: ").contains("DiskFull", "HighCpu", "Down");
      assertThat(n.body().lines()).hasSize(3);
      assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(n.labels()).containsEntry("batch.size", "3").containsEntry("region", "eu");
    });
    // after the window a new batch opens; a batch of one is delivered unchanged
    e.setCondition("Late", Map.of("region", "us"), Severity.INFO, true);
    e.tick();
    clock.advance(Duration.ofMinutes(5));
    e.tick();
    assertThat(chat.received).hasSize(2);
    assertThat(chat.received.get(1).labels()).doesNotContainKey("batch.size").containsEntry("region", "us");
    assertThat(pager.received).hasSize(4);
  }

  @Test
  void batching_fullBatch_closesAndTheNextOpensANewOne() {
    Recording chat = new Recording("chat");
    AlertEngine e = AlertEngine.builder().clock(clock).channel(chat).grouping(GroupingPolicy.none())
        .deliveryPolicy(DeliveryPolicy.builder().batching("chat", Duration.ofMinutes(5)).batchMaxSize(2).build())
        .build();
    for (String name : List.of("A", "B", "C")) {
      fire(e, name);
    }
    e.tick();
    clock.advance(Duration.ofMinutes(5));
    e.tick();
    assertThat(chat.received).extracting(n -> n.labels().getOrDefault("batch.size", "1")).containsExactly("2", "1");
  }

  @Test
  void batching_unknownChannel_isRejected() {
    assertThatThrownBy(() -> AlertEngine.builder().clock(clock).channel(new Recording("chat"))
        .deliveryPolicy(DeliveryPolicy.builder().batching("slack", Duration.ofMinutes(1)).build()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'slack'").hasMessageContaining("chat");
    assertThatThrownBy(() -> DeliveryPolicy.builder().batching("x", Duration.ZERO))
        .hasMessageContaining("deliveryPolicy.batching.window");
  }
}
