package io.stratus.adapters.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link Outbox#inMemory()}: the state machine under one lock, nothing durable. Thread-safe. */
final class InMemoryOutbox implements Outbox {

  private final OutboxState state = new OutboxState();

  @Override
  public synchronized List<DeliveryKey> enqueue(List<OutboxEntry> entries) {
    List<DeliveryKey> added = new java.util.ArrayList<>();
    for (OutboxEntry e : entries) {
      if (e.state() != OutboxEntry.State.PENDING) {
        throw new IllegalArgumentException("only pending entries can be enqueued, got " + e);
      }
      if (!state.contains(e.key())) {
        state.put(e);
        added.add(e.key());
      }
    }
    return added;
  }

  @Override
  public synchronized void record(DeliveryAttempt attempt) {
    state.record(attempt);
  }

  @Override
  public synchronized void replay(DeliveryKey key, Instant at) {
    state.replay(key, at);
  }

  @Override
  public synchronized void postpone(DeliveryKey key, Instant until) {
    state.postpone(key, until);
  }

  @Override
  public synchronized List<OutboxEntry> due(Instant now, int limit) {
    return state.due(now, limit);
  }

  @Override
  public synchronized Optional<Instant> nextDue() {
    return state.nextDue();
  }

  @Override
  public synchronized List<OutboxEntry> entries(String eventId) {
    return state.entries(eventId);
  }

  @Override
  public synchronized List<OutboxEntry> deadLetters() {
    return state.withState(OutboxEntry.State.DEAD);
  }

  @Override
  public synchronized List<DeliveryAttempt> attempts(DeliveryKey key) {
    return state.attempts(key);
  }

  @Override
  public void close() {
    // nothing to release
  }
}
