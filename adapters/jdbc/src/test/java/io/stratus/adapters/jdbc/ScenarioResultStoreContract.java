package io.stratus.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.SchedulerKind;
import io.stratus.simulation.store.ScenarioResultRecord;
import io.stratus.simulation.store.ScenarioResultStore;
import io.stratus.simulation.validation.ConfidenceInterval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scenario result store contract, run on the in-memory default and on each database. (It lives here, not in the
 * testkit: the simulation module's tests depend on the testkit, so the testkit cannot depend on simulation.)
 */
abstract class ScenarioResultStoreContract {
  private final List<ScenarioResultStore> opened = new ArrayList<>();

  protected abstract ScenarioResultStore createStore();

  private ScenarioResultStore store() {
    ScenarioResultStore s = createStore();
    opened.add(s);
    return s;
  }

  @AfterEach
  void close() {
    opened.forEach(ScenarioResultStore::close);
  }

  static ScenarioEngine.SweepResult sweepPoint(int point, long seedBase) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("workload.arrivalRate", "12.5");
    params.put("faults.spotInterruption", "{\"rate\": 0.05, \"région\": \"eu-west-1\"}");
    params.put("a-first-key-sorted-last", "x");
    List<RunResult> runs = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      runs.add(new RunResult("nightly \"batch\"", r % 2 == 0 ? SchedulerKind.COST_AWARE : SchedulerKind.FIRST_FIT, r,
          seedBase + r * 0x9E3779B97F4A7C15L, 100, 90 - r, 5, 5 + r, 7, 3, 1, 4, 2,
          new BigDecimal("1234.5678900").add(BigDecimal.valueOf(r)),
          Map.of("aws", new BigDecimal("1000.00"), "gcp", new BigDecimal("234.56789E+0"))));
    }
    List<ScenarioEngine.SchedulerSummary> summaries = List.of(
        new ScenarioEngine.SchedulerSummary(SchedulerKind.COST_AWARE, 2,
            new ConfidenceInterval(1235.0678900000001, 1229.1, 1241.0, 0.95, 2),
            new ConfidenceInterval(7, 7, 7, 0.95, 2), new ConfidenceInterval(0.1 + 0.2, -1e-300, 1e300, 0.95, 2),
            new ConfidenceInterval(4, 4, 4, 0.95, 2), new BigDecimal("2470.13578")),
        new ScenarioEngine.SchedulerSummary(SchedulerKind.FIRST_FIT, 1,
            new ConfidenceInterval(1235.56789, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.95, 1),
            new ConfidenceInterval(7, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.95, 1),
            new ConfidenceInterval(3, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.95, 1),
            new ConfidenceInterval(4, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.95, 1),
            new BigDecimal("1235.5678900")));
    return new ScenarioEngine.SweepResult(point, params, runs, summaries);
  }

  @Test
  void store_thenLoad_givesAnEqualRecord_withSeedsSummariesAndOutputs() {
    ScenarioResultStore store = store();
    ScenarioResultRecord r = ScenarioResultRecord.of("run-1", sweepPoint(0, -7L));
    assertThat(store.store(r)).isTrue();
    ScenarioResultRecord loaded = store.load("run-1", 0).orElseThrow();
    assertThat(loaded).isEqualTo(r);
    assertThat(loaded.result().runs()).extracting(RunResult::seed).containsExactly(-7L,
        -7L + 0x9E3779B97F4A7C15L, -7L + 2 * 0x9E3779B97F4A7C15L);
    assertThat(loaded.result().parameters().keySet()).as("parameter order is kept")
        .containsExactly("workload.arrivalRate", "faults.spotInterruption", "a-first-key-sorted-last");
    assertThat(loaded.result().summaries().get(1).cost().upper()).isInfinite();
    assertThat(loaded.outputs()).containsOnlyKeys("runs.csv", "sweep.csv", "sweep.json");
    assertThat(loaded.outputs().get("runs.csv")).contains("nightly \"\"batch\"\"").contains("1234.5678900");
    assertThat(store.load("run-1", 1)).isEmpty();
    assertThat(store.load("run-2", 0)).isEmpty();
  }

  @Test
  void store_isIdempotent_andRefusesADifferentRecordUnderATakenKey() {
    ScenarioResultStore store = store();
    ScenarioResultRecord r = ScenarioResultRecord.of("run", sweepPoint(4, 1));
    assertThat(store.store(r)).isTrue();
    assertThat(store.store(ScenarioResultRecord.of("run", sweepPoint(4, 1)))).as("same record again").isFalse();
    assertThatThrownBy(() -> store.store(ScenarioResultRecord.of("run", sweepPoint(4, 2))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("run").hasMessageContaining("point 4");
    assertThat(store.load("run", 4).orElseThrow()).isEqualTo(r);
  }

  @Test
  void list_isByPoint_andRunIdsInStringOrder() {
    ScenarioResultStore store = store();
    for (int p : new int[] {10, 2, 0}) {
      store.store(ScenarioResultRecord.of("b", sweepPoint(p, p), Map.of("note.txt", "point " + p)));
    }
    store.store(ScenarioResultRecord.of("a-10", sweepPoint(0, 0)));
    store.store(ScenarioResultRecord.of("a-2", sweepPoint(0, 0)));
    assertThat(store.list("b")).extracting(ScenarioResultRecord::point).containsExactly(0, 2, 10);
    assertThat(store.list("b").get(2).outputs()).containsExactly(Map.entry("note.txt", "point 10"));
    assertThat(store.list("none")).isEmpty();
    assertThat(store.runIds()).containsExactly("a-10", "a-2", "b");
  }

  @Test
  void concurrentStoresOfOneKey_addItOnce() throws Exception {
    ScenarioResultStore store = store();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> store.store(ScenarioResultRecord.of("race", sweepPoint(1, 9)))));
      }
      int added = 0;
      for (Future<Boolean> f : results) {
        added += f.get() ? 1 : 0;
      }
      assertThat(added).isEqualTo(1);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }
  }
}
