package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.scheduler.catalog.BundledCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScenarioEngineTest {
  static ScenarioSpec spec;
  static String json;
  static List<RunResult> sequential;

  @BeforeAll
  static void runOnce() throws IOException {
    try (InputStream in = ScenarioEngineTest.class.getResourceAsStream("/scenarios/small.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    spec = ScenarioSpec.parse(new StringReader(json), "small.json");
    sequential = ScenarioEngine.create(new BundledCatalog()).run(spec, Runnable::run);
  }

  @Test
  void run_everySchedulerAndReplication_inOrder() {
    assertThat(sequential).hasSize(10);
    assertThat(sequential).extracting(RunResult::scheduler).containsExactly(
        SchedulerKind.COST_AWARE, SchedulerKind.COST_AWARE, SchedulerKind.PERFORMANCE, SchedulerKind.PERFORMANCE,
        SchedulerKind.ENHANCED, SchedulerKind.ENHANCED, SchedulerKind.FIRST_FIT, SchedulerKind.FIRST_FIT,
        SchedulerKind.ROUND_ROBIN, SchedulerKind.ROUND_ROBIN);
    assertThat(sequential).allSatisfy(r -> {
      assertThat(r.jobs()).isPositive();
      assertThat(r.finished() + r.failed() + r.running()).isEqualTo(r.jobs());
      assertThat(r.cost()).isPositive();
      assertThat(r.costByProvider().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(r.cost());
    });
  }

  @Test
  void run_commonRandomNumbers_sameJobsForEveryScheduler() {
    for (int rep = 0; rep < 2; rep++) {
      int r = rep;
      assertThat(sequential.stream().filter(x -> x.replication() == r).map(RunResult::jobs).distinct()).hasSize(1);
    }
  }

  @Test
  void run_costAware_cheaperThanFirstFitOnAverage() {
    List<ScenarioEngine.SchedulerSummary> s = ScenarioEngine.compare(sequential, 0.95);
    double costAware = s.get(0).cost().mean();
    double firstFit = s.get(3).cost().mean();
    assertThat(s.get(0).scheduler()).isEqualTo(SchedulerKind.COST_AWARE);
    assertThat(costAware).isLessThan(firstFit);
  }

  @Test
  void run_parallelExecutor_byteIdenticalToSequential() {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      // a subset of the schedulers on 3 threads must reproduce the sequential runs of those schedulers exactly
      ScenarioSpec subset = ScenarioSpec.parse(json.replaceAll("\"schedulers\": \\[[^\\]]*\\]",
          "\"schedulers\": [\"cost-aware\", \"first-fit\"]"), "subset.json");
      assertThat(subset.schedulers()).containsExactly(SchedulerKind.COST_AWARE, SchedulerKind.FIRST_FIT);
      List<RunResult> parallel = ScenarioEngine.create(new BundledCatalog()).run(subset, pool);
      List<RunResult> expected = sequential.stream()
          .filter(x -> subset.schedulers().contains(x.scheduler())).toList();
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      ScenarioResults.writeCsv(expected, a);
      ScenarioResults.writeCsv(parallel, b);
      assertThat(b.toString()).isEqualTo(a.toString());
      StringBuilder ja = new StringBuilder();
      StringBuilder jb = new StringBuilder();
      ScenarioResults.writeJson(expected, ja);
      ScenarioResults.writeJson(parallel, jb);
      assertThat(jb.toString()).isEqualTo(ja.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void run_regionOutageAndSpotInterruptions_countedAsMigrations() {
    assertThat(sequential).anySatisfy(r -> assertThat(r.interruptions() + r.instanceFailures()).isPositive());
    assertThat(sequential).allSatisfy(r ->
        assertThat(r.migrations()).isEqualTo(r.interruptions() + r.instanceFailures()));
  }
}
