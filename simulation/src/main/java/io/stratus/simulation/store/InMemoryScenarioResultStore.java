package io.stratus.simulation.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link ScenarioResultStore#inMemory()}: a sorted concurrent map by run id and point. Thread-safe. */
final class InMemoryScenarioResultStore implements ScenarioResultStore {
  private final ConcurrentSkipListMap<String, ConcurrentSkipListMap<Integer, ScenarioResultRecord>> runs =
      new ConcurrentSkipListMap<>();

  @Override
  public boolean store(ScenarioResultRecord record) {
    Objects.requireNonNull(record, "record");
    ScenarioResultRecord old = runs.computeIfAbsent(record.runId(), id -> new ConcurrentSkipListMap<>())
        .putIfAbsent(record.point(), record);
    if (old == null) {
      return true;
    }
    if (old.equals(record)) {
      return false;
    }
    throw ScenarioResultRecord.conflict(record);
  }

  @Override
  public Optional<ScenarioResultRecord> load(String runId, int point) {
    Map<Integer, ScenarioResultRecord> points = runs.get(Objects.requireNonNull(runId, "runId"));
    return points == null ? Optional.empty() : Optional.ofNullable(points.get(point));
  }

  @Override
  public List<ScenarioResultRecord> list(String runId) {
    Map<Integer, ScenarioResultRecord> points = runs.get(Objects.requireNonNull(runId, "runId"));
    return points == null ? List.of() : List.copyOf(points.values());
  }

  @Override
  public List<String> runIds() {
    return List.copyOf(runs.keySet());
  }
}
