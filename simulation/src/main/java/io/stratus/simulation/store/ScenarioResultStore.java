package io.stratus.simulation.store;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where scenario results are kept: one {@link ScenarioResultRecord} per sweep point of a run, keyed by the host's run
 * id and the point number. Stored results are immutable: storing the same record again is a no-op (so a host may
 * repeat a store after a crash), storing a different one under a taken key is refused. The embedded default is {@link
 * #inMemory()}.
 *
 * <p>Contract for implementations: they are thread-safe; {@link #store} is atomic and, for durable stores, durable
 * before it returns; reads return snapshots equal to what was stored.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ScenarioResultStore extends AutoCloseable {

  /**
   * Stores one point's result.
   *
   * @param record the result; never null
   * @return true if it was added, false if an equal record was already stored
   * @throws IllegalStateException if a different record is stored under the same run id and point (results are
   *     immutable: store the new run under a new run id)
   */
  boolean store(ScenarioResultRecord record);

  /**
   * Loads one point's result.
   *
   * @param runId the run id; never null
   * @param point the sweep point number
   * @return the result, or empty; never null
   */
  Optional<ScenarioResultRecord> load(String runId, int point);

  /**
   * Every stored point of a run, by point number.
   *
   * @param runId the run id; never null
   * @return a snapshot, empty for an unknown run; never null
   */
  List<ScenarioResultRecord> list(String runId);

  /**
   * The run ids that have stored results, in {@link String} order.
   *
   * @return a snapshot; never null
   */
  List<String> runIds();

  /**
   * A store in memory, lost when the process ends.
   *
   * @return a new empty store; never null
   */
  static ScenarioResultStore inMemory() {
    return new InMemoryScenarioResultStore();
  }

  /** Releases resources the store holds (the in-memory store holds none); the data stays where it is. */
  @Override
  default void close() {}
}
