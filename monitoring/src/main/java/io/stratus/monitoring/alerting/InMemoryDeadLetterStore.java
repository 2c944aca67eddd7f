package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The bounded in-memory {@link DeadLetterStore}. Thread-safe: every method holds {@code this}. */
final class InMemoryDeadLetterStore implements DeadLetterStore {
  private final int capacity;
  private final Deque<DeadLetter> letters = new ArrayDeque<>();
  private long dropped;

  InMemoryDeadLetterStore(int capacity) {
    this.capacity = Checks.positive(capacity, "deadLetterStore.capacity");
  }

  @Override
  public synchronized void add(DeadLetter letter) {
    Checks.nonNull(letter, "letter");
    if (letters.size() >= capacity) {
      letters.pollFirst();
      dropped++;
    }
    letters.addLast(letter);
  }

  @Override
  public synchronized List<DeadLetter> list() {
    return List.copyOf(letters);
  }

  @Override
  public synchronized void remove(Collection<String> ids) {
    Set<String> gone = new HashSet<>(ids);
    letters.removeIf(d -> gone.contains(d.id()));
  }

  @Override
  public synchronized long dropped() {
    return dropped;
  }

  @Override
  public String toString() {
    return "DeadLetterStore.inMemory(" + capacity + ")";
  }
}
