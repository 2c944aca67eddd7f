package io.stratus.security.threat;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Per-actor detector state with bounded memory: an actor not seen for {@code idleAfter} of event time is forgotten,
 * and when more than {@code maxActors} are tracked the least recently seen is forgotten (counted in {@link
 * #evictedForSpace()}). Entries are kept in order of last sight (re-inserted when seen later), so the least recently seen is first. Not thread-safe
 * (detectors synchronize).
 *
 * @param <V> the per-actor state
 */
final class ActorTable<V> {
  private static final class Slot<V> {
    final V value;
    Instant lastSeen;

    Slot(V value, Instant lastSeen) {
      this.value = value;
      this.lastSeen = lastSeen;
    }
  }

  private final int maxActors;
  private final Duration idleAfter;
  private final LinkedHashMap<String, Slot<V>> slots = new LinkedHashMap<>();
  private long evictedIdle;
  private long evictedForSpace;

  ActorTable(int maxActors, Duration idleAfter) {
    if (maxActors < 1) {
      throw new IllegalArgumentException("maxActors " + maxActors + " must be at least 1");
    }
    if (idleAfter.isNegative() || idleAfter.isZero()) {
      throw new IllegalArgumentException("idleAfter " + idleAfter + " must be positive");
    }
    this.maxActors = maxActors;
    this.idleAfter = idleAfter;
  }

  /** The actor's state, created if absent, marked seen at {@code now}; idle and surplus actors are evicted first. */
  V touch(String actor, Instant now, Supplier<V> create) {
    evictIdle(now);
    Slot<V> slot = slots.get(actor);
    if (slot == null) {
      slot = new Slot<>(create.get(), now);
      slots.put(actor, slot);
      while (slots.size() > maxActors) {
        Iterator<Map.Entry<String, Slot<V>>> it = slots.entrySet().iterator();
        it.next();
        it.remove();
        evictedForSpace++;
      }
    } else if (now.isAfter(slot.lastSeen)) {
      slot.lastSeen = now;
      slots.remove(actor);
      slots.put(actor, slot);
    }
    return slot.value;
  }

  /** The actor's state if tracked, without marking it seen. */
  V peek(String actor) {
    Slot<V> slot = slots.get(actor);
    return slot == null ? null : slot.value;
  }

  /** Applies {@code action} to every tracked actor's state, least recently seen first. */
  void forEach(Consumer<V> action) {
    slots.values().forEach(s -> action.accept(s.value));
  }

  /** Forgets actors last seen {@code idleAfter} or longer before {@code now}. */
  void evictIdle(Instant now) {
    Instant limit = now.minus(idleAfter);
    Iterator<Slot<V>> it = slots.values().iterator();
    while (it.hasNext()) {
      Slot<V> s = it.next();
      if (s.lastSeen.isAfter(limit)) {
        return;
      }
      it.remove();
      evictedIdle++;
    }
  }

  int size() {
    return slots.size();
  }

  long evictedIdle() {
    return evictedIdle;
  }

  long evictedForSpace() {
    return evictedForSpace;
  }
}
