package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.scheduler.catalog.BundledCatalog;
import org.junit.jupiter.api.Test;

/** Partitions declared in scenario data make the affected jobs SLO violations. */
class ScenarioNetworkFaultTest {
  private static final BundledCatalog CATALOG = new BundledCatalog();
  private static final String BASE = String.join("\n",
      "{",
      "  \"name\": \"net\", \"start\": \"2026-01-05T00:00:00Z\", \"duration\": \"PT6H\", \"seed\": 5,",
      "  \"schedulers\": [\"first-fit\"], \"sloAllowance\": \"PT6H\",",
      "  \"environment\": {\"providers\": [\"aws\"], \"regions\": [\"aws:us-east-1\"]NET},",
      "  \"workloads\": [{\"name\": \"web\", \"arrivals\": {\"type\": \"constant\", \"perHour\": 4},",
      "                 \"duration\": {\"type\": \"fixed\", \"value\": \"PT30M\"}}]",
      "}");

  private static RunResult run(String net) {
    return ScenarioEngine.create(CATALOG).run(ScenarioSpec.parse(BASE.replace("NET", net), "net.json"),
        Runnable::run).get(0);
  }

  @Test
  void partitionFromInternet_jobsRunningThenAreSloViolations() {
    RunResult calm = run("");
    RunResult cut = run(", \"partitions\": [{\"between\": [\"internet\", \"aws:us-east-1\"],"
        + " \"start\": \"2026-01-05T02:00:00Z\", \"length\": \"PT1H\"}]");

    assertThat(calm.sloViolations()).isZero();
    assertThat(cut.jobs()).isEqualTo(calm.jobs());
    assertThat(cut.finished()).isEqualTo(calm.finished());
    // about 4 jobs/h of 30 min each: the ones running at 02:00 and those starting before 03:00
    assertThat(cut.sloViolations()).isBetween(2, 12);
  }

  @Test
  void latencySpike_doesNotCutJobsOff() {
    RunResult calm = run("");
    RunResult slow = run(", \"latencySpikes\": [{\"between\": [\"internet\", \"aws:us-east-1\"],"
        + " \"start\": \"2026-01-05T02:00:00Z\", \"length\": \"PT1H\", \"extraMillis\": 120}]");
    assertThat(slow).isEqualTo(calm);
  }

  @Test
  void parse_badPartition_namesLineAndField() {
    String bad = BASE.replace("NET", ",\n    \"partitions\": [{\"between\": [\"internet\"], \"start\":"
        + " \"2026-01-05T02:00:00Z\", \"length\": \"PT1H\"}]");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "net.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.field()).isEqualTo("environment.partitions[0].between");
          assertThat(e.line()).isEqualTo(5);
          assertThat(e.getMessage()).contains("two endpoints");
        });
    String spike = BASE.replace("NET", ",\n    \"latencySpikes\": [{\"between\": [\"internet\", \"aws:us-east-1\"],"
        + " \"start\": \"2026-01-05T02:00:00Z\", \"length\": \"PT1H\"}]");
    assertThatThrownBy(() -> ScenarioSpec.parse(spike, "net.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.field()).isEqualTo("environment.latencySpikes[0].extraMillis");
          assertThat(e.getMessage()).contains("is required");
        });
  }

  @Test
  void run_unknownEndpoint_isAConfigurationError() {
    assertThatThrownBy(() -> run(", \"partitions\": [{\"between\": [\"internet\", \"gcp:us-central1\"],"
        + " \"start\": \"2026-01-05T02:00:00Z\", \"length\": \"PT1H\"}]"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("gcp:us-central1");
  }
}
