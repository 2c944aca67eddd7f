package io.stratus.adapters.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The in-memory state machine of an outbox: entries by key, a due-time index of pending ones, the delivery log.
 * Checks every transition before it is journaled and applies it after. Not thread-safe: its owners lock.
 */
final class OutboxState {

  private static final byte[] NO_BODY = new byte[0];

  private final Map<DeliveryKey, OutboxEntry> entries = new LinkedHashMap<>();
  private final Map<String, List<DeliveryKey>> byEvent = new HashMap<>();
  private final Map<DeliveryKey, List<DeliveryAttempt>> log = new HashMap<>();
  private final Map<DeliveryKey, Long> seq = new HashMap<>();
  private final NavigableSet<DeliveryKey> pending = new TreeSet<>(
      Comparator.comparing((DeliveryKey k) -> get(k).nextAttemptAt()).thenComparingLong(seq::get));
  private long nextSeq;
  private int delivered;

  private OutboxEntry get(DeliveryKey key) {
    OutboxEntry e = entries.get(key);
    if (e == null) {
      throw new IllegalStateException("no delivery " + key + " in the outbox state");
    }
    return e;
  }

  boolean contains(DeliveryKey key) {
    return entries.containsKey(key);
  }

  int size() {
    return entries.size();
  }

  int deliveredCount() {
    return delivered;
  }

  /** Adds an entry in any state (enqueue, or a snapshot record from compaction). */
  void put(OutboxEntry e) {
    if (entries.containsKey(e.key())) {
      throw new IllegalStateException("delivery " + e.key() + " is already in the outbox");
    }
    seq.put(e.key(), nextSeq++);
    entries.put(e.key(), e);
    byEvent.computeIfAbsent(e.key().eventId(), k -> new ArrayList<>(1)).add(e.key());
    if (e.state() == OutboxEntry.State.PENDING) {
      pending.add(e.key());
    } else if (e.state() == OutboxEntry.State.DELIVERED) {
      delivered++;
    }
  }

  void checkRecord(DeliveryAttempt a) {
    checkPending(a.key());
  }

  void record(DeliveryAttempt a) {
    checkRecord(a);
    OutboxEntry e = get(a.key());
    pending.remove(a.key());
    OutboxEntry next;
    switch (a.outcome()) {
      case DELIVERED:
        next = new OutboxEntry(e.key(), NO_BODY, e.enqueuedAt(), OutboxEntry.State.DELIVERED, a.attempt(), a.at(), "");
        delivered++;
        break;
      case RETRY:
        next = new OutboxEntry(e.key(), e.body(), e.enqueuedAt(), OutboxEntry.State.PENDING, a.attempt(),
            a.nextAttemptAt(), a.detail());
        break;
      default:
        next = new OutboxEntry(e.key(), e.body(), e.enqueuedAt(), OutboxEntry.State.DEAD, a.attempt(), a.at(),
            a.detail());
        break;
    }
    entries.put(a.key(), next);
    if (next.state() == OutboxEntry.State.PENDING) {
      pending.add(a.key());
    }
    log(a);
  }

  void log(DeliveryAttempt a) {
    log.computeIfAbsent(a.key(), k -> new ArrayList<>(2)).add(a);
  }

  void checkPending(DeliveryKey key) {
    OutboxEntry e = entries.get(key);
    if (e == null || e.state() != OutboxEntry.State.PENDING) {
      throw new IllegalStateException("delivery " + key + " is not pending: " + e);
    }
  }

  void postpone(DeliveryKey key, Instant until) {
    checkPending(key);
    OutboxEntry e = get(key);
    pending.remove(key);
    entries.put(key, new OutboxEntry(key, e.body(), e.enqueuedAt(), e.state(), e.attempts(), until, e.lastError()));
    pending.add(key);
  }

  void checkReplay(DeliveryKey key) {
    OutboxEntry e = entries.get(key);
    if (e == null || e.state() != OutboxEntry.State.DEAD) {
      throw new IllegalStateException("delivery " + key + " is not in the dead-letter store: " + e);
    }
  }

  void replay(DeliveryKey key, Instant at) {
    checkReplay(key);
    OutboxEntry e = get(key);
    entries.put(key, new OutboxEntry(key, e.body(), e.enqueuedAt(), OutboxEntry.State.PENDING, 0, at,
        e.lastError()));
    pending.add(key);
  }

  List<OutboxEntry> due(Instant now, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    List<OutboxEntry> out = new ArrayList<>();
    for (DeliveryKey k : pending) {
      OutboxEntry e = get(k);
      if (e.nextAttemptAt().isAfter(now) || out.size() == limit) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  Optional<Instant> nextDue() {
    return pending.isEmpty() ? Optional.empty() : Optional.of(get(pending.first()).nextAttemptAt());
  }

  List<OutboxEntry> entries(String eventId) {
    List<OutboxEntry> out = new ArrayList<>();
    for (DeliveryKey k : byEvent.getOrDefault(eventId, List.of())) {
      out.add(get(k));
    }
    return out;
  }

  List<OutboxEntry> withState(OutboxEntry.State state) {
    List<OutboxEntry> out = new ArrayList<>();
    for (OutboxEntry e : entries.values()) {
      if (e.state() == state) {
        out.add(e);
      }
    }
    return out;
  }

  List<DeliveryAttempt> attempts(DeliveryKey key) {
    return List.copyOf(log.getOrDefault(key, List.of()));
  }
}
