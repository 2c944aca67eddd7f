package io.stratus.monitoring.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.ProviderException;
import io.stratus.spi.Notification;
import io.stratus.spi.Notification.Severity;
import io.stratus.spi.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of notification delivery under any pattern of channel failures (issue 14). */
class DeliveryProperties {
  /** Fails or succeeds by a script, cycling. */
  private static class Scripted implements NotificationChannel {
    final List<Boolean> fails;
    int calls;

    Scripted(List<Boolean> fails) {
      this.fails = fails;
    }

    @Override
    public String id() {
      return "scripted";
    }

    @Override
    public void send(Notification n) {
      boolean fail = fails.get(calls % fails.size());
      calls++;
      if (fail) {
        throw new ProviderException("scripted", "scripted failure", null);
      }
    }
  }

  @Property(tries = 200)
  void everyNotification_isDeliveredDeadLetteredOrPending_andAttemptsAreCapped(
      @ForAll @Size(min = 1, max = 12) List<Boolean> failures,
      @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
      @ForAll @IntRange(min = 2, max = 8) int queueCapacity, // each tick queues at most 2 per channel
      @ForAll @IntRange(min = 1, max = 40) int ticks,
      @ForAll @IntRange(min = 1, max = 600) int secondsPerTick) {
    TestClock clock = new TestClock(Instant.parse("2026-01-05T12:00:00Z"));
    Scripted ch = new Scripted(failures);
    Scripted ok = new Scripted(List.of(false)) {
      @Override
      public String id() {
        return "ok";
      }
    };
    AlertEngine e = AlertEngine.builder().clock(clock).channel(ch).channel(ok)
        .grouping(new GroupingPolicy(List.of(), false, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
        .deliveryPolicy(DeliveryPolicy.builder().maxAttempts(maxAttempts).queueCapacity(queueCapacity)
            .backoff(Duration.ofSeconds(5), 2, Duration.ofMinutes(2)).build())
        .build();
    e.setCondition("A", Map.of(), Severity.WARNING, true);
    e.setCondition("B", Map.of(), Severity.CRITICAL, true);
    for (int i = 0; i < ticks; i++) {
      e.tick();
      clock.advance(Duration.ofSeconds(secondsPerTick));
    }
    DeliveryStats s = e.deliveryStats();
    int notifications = ok.calls; // the healthy channel got every notification, once
    long scriptedDelivered = ch.calls - s.failedAttempts();
    // conservation: every notification for the failing channel is delivered, dead-lettered or pending
    assertThat(scriptedDelivered + s.deadLettered() + s.pending()).isEqualTo(notifications);
    assertThat(s.delivered()).isEqualTo(scriptedDelivered + notifications);
    assertThat(e.deadLetters()).hasSize((int) s.deadLettered())
        .allSatisfy(d -> assertThat(d.channelId()).isEqualTo("scripted"));
    assertThat(s.pending()).isBetween(0, queueCapacity);
    // attempt cap: each notification costs the failing channel at most maxAttempts calls
    assertThat((long) ch.calls).isLessThanOrEqualTo((long) maxAttempts * notifications);
    assertThat(s.overflowed()).isLessThanOrEqualTo(s.deadLettered());
  }
}
