package io.stratus.adapters.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The durable store of deliveries behind a {@link WebhookDispatcher}: accepted events, their delivery state, the
 * delivery log and the dead-letter store. The embedded default is {@link FileOutbox}, an fsynced append-only journal;
 * a host may keep deliveries in its own database by implementing this interface.
 *
 * <p>Contract for implementations: they are thread-safe; {@link #enqueue} is atomic and durable before it returns
 * (the dispatcher acknowledges an event only then); state changes from {@link #record} and {@link #replay} may be
 * lost in a crash (that only repeats a delivery, which receivers de-duplicate by event id) but never reordered.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Outbox extends AutoCloseable {

  /**
   * Accepts new pending deliveries, all or none, durably. A key the outbox already holds is skipped (the event was
   * accepted before), so re-publishing an event after a crash does not duplicate it.
   *
   * @param entries pending entries; never null
   * @return the keys of the entries added (those not already present), in order; never null
   * @throws OutboxException if the entries could not be made durable; none was accepted
   */
  List<DeliveryKey> enqueue(List<OutboxEntry> entries);

  /**
   * Records an attempt and applies its outcome: delivered, a retry at {@link DeliveryAttempt#nextAttemptAt()}, or
   * dead-lettered.
   *
   * @param attempt the attempt; never null
   * @throws IllegalStateException if the delivery is unknown or not pending
   * @throws LeaseExpiredException if this outbox shares deliveries between dispatchers and this dispatcher's claim on
   *     the delivery ran out and was taken over by another (nothing is written; the other dispatcher owns it now)
   * @throws OutboxException if the journal cannot be written
   */
  void record(DeliveryAttempt attempt);

  /**
   * Moves a dead-lettered delivery back to pending, due at {@code at}, with its attempt count reset.
   *
   * @param key the delivery; never null
   * @param at when it is due; never null
   * @throws IllegalStateException if the delivery is unknown or not dead
   * @throws OutboxException if the journal cannot be written
   */
  void replay(DeliveryKey key, Instant at);

  /**
   * Moves a pending delivery's next attempt to {@code until} without counting an attempt (the dispatcher does this
   * while the endpoint's circuit breaker is open).
   *
   * @param key the delivery; never null
   * @param until when it is due; never null
   * @throws IllegalStateException if the delivery is unknown or not pending
   * @throws OutboxException if the journal cannot be written
   */
  void postpone(DeliveryKey key, Instant until);

  /**
   * Pending deliveries due at {@code now}, earliest first.
   *
   * @param now the current time; never null
   * @param limit the most to return; positive
   * @return a snapshot; never null
   */
  List<OutboxEntry> due(Instant now, int limit);

  /**
   * When the earliest pending delivery is due.
   *
   * @return the time, or empty if nothing is pending
   */
  Optional<Instant> nextDue();

  /**
   * Every delivery of an event, for confirmation.
   *
   * @param eventId the event id; never null
   * @return a snapshot, empty if unknown or compacted away after delivery; never null
   */
  List<OutboxEntry> entries(String eventId);

  /**
   * The dead-letter store.
   *
   * @return a snapshot of dead deliveries, oldest first; never null
   */
  List<OutboxEntry> deadLetters();

  /**
   * The delivery log of one delivery.
   *
   * @param key the delivery; never null
   * @return the attempts in order; never null
   */
  List<DeliveryAttempt> attempts(DeliveryKey key);

  /**
   * A non-durable outbox in memory, for tests and hosts that accept losing pending deliveries on a crash.
   *
   * @return a new empty outbox; never null
   */
  static Outbox inMemory() {
    return new InMemoryOutbox();
  }

  /** Releases resources; the outbox is unusable afterwards. */
  @Override
  void close();
}
