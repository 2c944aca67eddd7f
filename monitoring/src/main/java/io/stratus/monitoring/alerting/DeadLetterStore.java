package io.stratus.monitoring.alerting;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Where an {@link AlertEngine} keeps the deliveries it gave up on until the host replays them. The embedded default
 * ({@link #inMemory}) is bounded and lost with the process; {@link #file} keeps them in an append-only journal that is
 * forced to disk before {@link #add} returns, so a dead letter survives a crash or restart.
 *
 * <p>A store belongs to one engine at a time (the engine numbers new letters above those it finds when built).
 *
 * <p>Implementations must be thread-safe: the engine adds from its delivery threads while the host lists and
 * replays.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DeadLetterStore extends AutoCloseable {
  /**
   * Stores a dead letter; when this returns, it is as durable as the store promises.
   *
   * @param letter the letter; never null
   * @throws java.io.UncheckedIOException if a durable store could not write it
   */
  void add(DeadLetter letter);

  /**
   * The stored letters, oldest first.
   *
   * @return a snapshot; never null
   */
  List<DeadLetter> list();

  /**
   * Removes letters by {@link DeadLetter#id()}; unknown ids are ignored.
   *
   * @param ids the ids; never null
   * @throws java.io.UncheckedIOException if a durable store could not record the removal
   */
  void remove(Collection<String> ids);

  /**
   * Letters dropped because the store was full (the oldest go first).
   *
   * @return the count, 0 for an unbounded store
   */
  long dropped();

  /**
   * Releases the store's file handles, if any; the letters stay where they are. The default does nothing.
   *
   * @throws java.io.UncheckedIOException if a handle could not be closed
   */
  @Override
  default void close() {}

  /**
   * A bounded in-memory store that drops the oldest letter when full.
   *
   * @param capacity the most letters kept, at least 1
   * @return a new store; never null
   * @throws IllegalArgumentException if capacity is below 1
   */
  static DeadLetterStore inMemory(int capacity) {
    return new InMemoryDeadLetterStore(capacity);
  }

  /**
   * A store in an append-only JSON-lines journal at {@code journal}, created if absent. Opening reads the journal
   * (a torn last line, written by a crash in the middle of an {@link #add} that never returned, is cut off with a
   * warning) and rewrites it without the removed letters. Each {@link #add} and {@link #remove} is forced to disk
   * before it returns.
   *
   * @param journal the journal file; its folder must exist; never null
   * @return the opened store; never null
   * @throws java.io.UncheckedIOException if the journal cannot be read or written
   * @throws IllegalStateException naming the file and line if a complete line of the journal is not a dead-letter
   *     record
   */
  static DeadLetterStore file(Path journal) {
    return FileDeadLetterStore.open(journal);
  }
}
