package io.stratus.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.scenario.RunResult;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code of docs/tutorials/simulation.md, run. */
class SimulationTutorialTest {

  @Test
  void compareTwoSchedulers() {
    // tag::scenario[]
    ScenarioSpec spec = ScenarioSpec.parse("""
        name: cost-vs-first-fit
        start: "2026-01-05T00:00:00Z"
        duration: PT4H
        seed: 11
        replications: 3
        schedulers: [cost-aware, first-fit]
        environment:
          providers: [aws, gcp]
          regions: ["aws:us-east-1", "gcp:us-central1"]
        workloads:
          - name: batch
            arrivals: {type: constant, perHour: 6}
            duration: {type: exponential, mean: PT1H}
            teams: {data: 1}
        """, "scenario.yaml");
    List<RunResult> runs = ScenarioEngine.create(BundledCatalog.load()).run(spec, Runnable::run);
    List<ScenarioEngine.SchedulerSummary> summary = ScenarioEngine.compare(runs, 0.95);
    // end::scenario[]
    assertThat(runs).hasSize(6);
    assertThat(summary).extracting(s -> s.scheduler().id()).containsExactly("cost-aware", "first-fit");
    assertThat(summary.get(0).cost().mean()).isPositive();
  }
}
