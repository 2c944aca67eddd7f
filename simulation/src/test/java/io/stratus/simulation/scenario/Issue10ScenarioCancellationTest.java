package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.scheduler.catalog.BundledCatalog;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 10: a running scenario can be cancelled, through its execution handle or by interrupting its thread. */
class Issue10ScenarioCancellationTest {
  private static final ScenarioEngine ENGINE = ScenarioEngine.create(new BundledCatalog());

  /** A week at 1,500 jobs an hour on two replications: minutes of work if nothing stops it. */
  private static final ScenarioSpec LONG = ScenarioSpec.parse(String.join("\n",
      "{\"name\": \"long\", \"duration\": \"P7D\", \"replications\": 2, \"schedulers\": [\"cost-aware\"],",
      " \"environment\": {\"providers\": [\"aws\"], \"regions\": [\"aws:us-east-1\"]},",
      " \"workloads\": [{\"name\": \"w\", \"arrivals\": {\"type\": \"constant\", \"perHour\": 1500},",
      "   \"duration\": {\"type\": \"fixed\", \"value\": \"PT10M\"}}]}"), "long.json");

  private static final ScenarioSpec LONG_ONE_RUN = ScenarioSpec.parse(String.join("\n",
      "{\"name\": \"long\", \"duration\": \"P7D\", \"schedulers\": [\"cost-aware\"],",
      " \"environment\": {\"providers\": [\"aws\"], \"regions\": [\"aws:us-east-1\"]},",
      " \"workloads\": [{\"name\": \"w\", \"arrivals\": {\"type\": \"constant\", \"perHour\": 1500}}]}"),
      "long-one.json");

  private static final ScenarioSpec SHORT = ScenarioSpec.parse(String.join("\n",
      "{\"name\": \"short\", \"duration\": \"PT2H\", \"schedulers\": [\"first-fit\"],",
      " \"environment\": {\"providers\": [\"aws\"], \"regions\": [\"aws:us-east-1\"]},",
      " \"workloads\": [{\"name\": \"w\", \"arrivals\": {\"type\": \"constant\", \"perHour\": 4}}]}"), "short.json");

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void shutdown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
  }

  @Test
  void cancel_whileARunIsInFlight_stopsItAndSkipsThePendingRun() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    ScenarioExecution<List<RunResult>> execution = ENGINE.start(LONG, task -> pool.execute(() -> {
      started.countDown();
      task.run();
    }));
    started.await();

    assertThat(execution.cancel()).isTrue();
    assertThat(execution.cancel()).isFalse();
    assertThatThrownBy(execution::join).isInstanceOf(ScenarioCancelledException.class)
        .hasMessageContaining("'long'").hasMessageContaining("cancelled");
    assertThat(execution.isDone()).isTrue();
    assertThat(execution.isCancelled()).isTrue();
  }

  @Test
  void run_callingThreadInterrupted_stopsWithCancellationAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> ENGINE.run(LONG, Runnable::run)).isInstanceOf(ScenarioCancelledException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void sweep_workerThreadInterruptedMidRun_stopsThatRun() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    // one run only: shutdownNow also drops queued tasks, which would never complete
    ScenarioExecution<List<ScenarioEngine.SweepResult>> execution = ENGINE.startSweep(LONG_ONE_RUN,
        task -> pool.execute(() -> {
          started.countDown();
          task.run();
        }));
    started.await();
    pool.shutdownNow(); // interrupts the worker running the first replication

    assertThatThrownBy(execution::join).isInstanceOf(ScenarioCancelledException.class)
        .hasMessageContaining("interrupted");
  }

  @Test
  void cancel_afterTheRunsFinished_changesNothing() {
    ScenarioExecution<List<RunResult>> execution = ENGINE.start(SHORT, Runnable::run);
    assertThat(execution.isDone()).isTrue();
    assertThat(execution.cancel()).isFalse();
    assertThat(execution.join()).hasSize(1).allSatisfy(r -> assertThat(r.jobs()).isPositive());
    assertThat(execution.isCancelled()).isFalse();
  }

  @Test
  void run_jobLongerThanALongOfNanoseconds_staysRunningInsteadOfOverflowing() {
    // a log-normal tail with sigma 6 around 100 years samples durations beyond 292 years (Long.MAX_VALUE ns)
    ScenarioSpec heavyTail = ScenarioSpec.parse(String.join("\n",
        "{\"name\": \"tail\", \"duration\": \"PT3H\", \"schedulers\": [\"first-fit\"],",
        " \"environment\": {\"providers\": [\"aws\"], \"regions\": [\"aws:us-east-1\"]},",
        " \"workloads\": [{\"name\": \"w\", \"arrivals\": {\"type\": \"constant\", \"perHour\": 20},",
        "   \"duration\": {\"type\": \"lognormal\", \"median\": \"P36500D\", \"sigma\": 6}}]}"), "tail.json");
    RunResult r = ENGINE.run(heavyTail, Runnable::run).get(0);
    assertThat(r.jobs()).isPositive();
    assertThat(r.finished() + r.failed() + r.running()).isEqualTo(r.jobs());
    assertThat(r.running()).isPositive();
  }
}
