package io.stratus.adapters.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When a shared outbox refuses an outcome because the dispatcher's claim expired, the dispatcher records the round's
 * other outcomes, does not count the lost one, and does not fail the round.
 */
class LeaseExpiredDispatcherTest {
  private static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());

  /** An in-memory outbox whose claim on one delivery has been taken over by another dispatcher. */
  private static final class TakenOver implements Outbox {
    private final Outbox delegate = Outbox.inMemory();
    private final String lostEvent;

    TakenOver(String lostEvent) {
      this.lostEvent = lostEvent;
    }

    @Override
    public List<DeliveryKey> enqueue(List<OutboxEntry> entries) {
      return delegate.enqueue(entries);
    }

    @Override
    public void record(DeliveryAttempt attempt) {
      if (attempt.key().eventId().equals(lostEvent)) {
        throw new LeaseExpiredException(attempt.key(), "claimed again");
      }
      delegate.record(attempt);
    }

    @Override
    public void replay(DeliveryKey key, Instant at) {
      delegate.replay(key, at);
    }

    @Override
    public void postpone(DeliveryKey key, Instant until) {
      delegate.postpone(key, until);
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
      return delegate.due(now, limit);
    }

    @Override
    public Optional<Instant> nextDue() {
      return delegate.nextDue();
    }

    @Override
    public List<OutboxEntry> entries(String eventId) {
      return delegate.entries(eventId);
    }

    @Override
    public List<OutboxEntry> deadLetters() {
      return delegate.deadLetters();
    }

    @Override
    public List<DeliveryAttempt> attempts(DeliveryKey key) {
      return delegate.attempts(key);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void deliverDue_expiredClaim_skipsThatOutcome_andRecordsTheOthers() throws IOException {
    try (TestReceiver receiver = new TestReceiver()) {
      TakenOver outbox = new TakenOver("lost");
      WebhookDispatcher d = WebhookDispatcher.builder(outbox, TestClock.create()).build();
      d.subscribe(Subscription.toAll("sub", receiver.uri(), SECRET));
      for (String id : List.of("kept", "lost")) {
        d.publish(Events.healthChanged(id, SampleEvents.SOURCE, Instant.parse("2026-01-01T00:00:00Z"), "db", "up",
            "down", "", Map.of()));
      }
      DeliveryRound round = d.deliverDue();
      assertThat(round.delivered()).as("only the recorded outcome counts").isEqualTo(1);
      assertThat(receiver.requests()).hasSize(2);
      assertThat(outbox.entries("kept").get(0).state()).isEqualTo(OutboxEntry.State.DELIVERED);
      assertThat(outbox.entries("lost").get(0).state()).as("left to the dispatcher that owns it")
          .isEqualTo(OutboxEntry.State.PENDING);
    }
  }
}
