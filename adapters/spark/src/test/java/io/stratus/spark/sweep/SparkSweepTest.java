package io.stratus.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioFormatException;
import io.stratus.spark.LocalSpark;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;

/** Sweeps on the shared local[2,2] session against the local engine. */
class SparkSweepTest {
  /** Failures injected by {@link #FLAKY} (tasks run in this JVM in local mode). */
  private static final AtomicInteger INJECTED = new AtomicInteger();

  /** The bundled catalog, except that the first attempt of task 1 fails as a lost executor would. */
  private static final CatalogFactory FLAKY = () -> {
    TaskContext task = TaskContext.get();
    if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0) {
      INJECTED.incrementAndGet();
      throw new IllegalStateException("injected failure of the first attempt of task 1");
    }
    return SweepFixtures.catalog();
  };

  @Test
  void sweep_sameScenario_equalsLocalEngineAndSameBytes() {
    List<ScenarioEngine.SweepResult> local = SweepFixtures.local();

    List<ScenarioEngine.SweepResult> spark = SparkSweep.create(LocalSpark.session(),
        CatalogFactory.registered(SweepJob.DEFAULT_CATALOG)).sweep(SweepFixtures.text(), SweepFixtures.SOURCE);

    assertThat(spark).isEqualTo(local);
    assertThat(spark).hasSize(4);
    assertThat(spark.get(0).runs()).hasSize(2 * 3);
    assertThat(SweepFixtures.csv(spark)).isEqualTo(SweepFixtures.csv(local));
    assertThat(SweepFixtures.json(spark)).isEqualTo(SweepFixtures.json(local));
    // the points differ, so equality is not that of empty or constant results
    assertThat(spark.get(0).summaries().get(0).cost().mean())
        .isLessThan(spark.get(2).summaries().get(0).cost().mean());
    assertThat(spark.get(0).runs()).extracting(RunResult::instanceFailures).containsOnly(0);
    assertThat(spark.get(1).runs().stream().mapToInt(RunResult::instanceFailures).sum()).isPositive();
  }

  @Test
  void sweep_taskFailsOnFirstAttempt_retriedWithSameNonDuplicatedResults() {
    List<ScenarioEngine.SweepResult> local = SweepFixtures.local();
    INJECTED.set(0);

    List<ScenarioEngine.SweepResult> spark =
        SparkSweep.create(LocalSpark.session(), FLAKY).sweep(SweepFixtures.text(), SweepFixtures.SOURCE);

    assertThat(INJECTED).hasValue(1);
    assertThat(spark).isEqualTo(local);
    for (ScenarioEngine.SweepResult r : spark) {
      assertThat(r.runs()).extracting(RunResult::scheduler, RunResult::replication).doesNotHaveDuplicates()
          .hasSize(2 * 3);
    }
    assertThat(SweepFixtures.csv(spark)).isEqualTo(SweepFixtures.csv(local));
    assertThat(SweepFixtures.json(spark)).isEqualTo(SweepFixtures.json(local));
  }

  @Test
  void sweep_malformedScenario_failsOnTheDriverNamingTheField() {
    SparkSweep sweep = SparkSweep.create(LocalSpark.session(), CatalogFactory.registered(SweepJob.DEFAULT_CATALOG));

    assertThatThrownBy(() -> sweep.sweep(SweepFixtures.text().replace("perHour: 8", "perHour: -8"),
        SweepFixtures.SOURCE))
        .isInstanceOf(ScenarioFormatException.class)
        .hasMessageContaining("perHour");
  }
}
