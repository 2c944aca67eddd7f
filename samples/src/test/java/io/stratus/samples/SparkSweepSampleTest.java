package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.simulation.scenario.ScenarioEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark sweep sample's files and command (the Spark run itself is tested in stratus-spark's SweepJobTest). */
class SparkSweepSampleTest {
  @TempDir
  Path dir;

  @Test
  void prepare_writesScenarioAndLocalReference() throws Exception {
    List<ScenarioEngine.SweepResult> results = SparkSweepSample.prepare(dir);

    assertThat(results).hasSize(4);
    assertThat(results).allSatisfy(r -> assertThat(r.runs()).hasSize(2 * 3));
    String csv = Files.readString(dir.resolve("local/sweep.csv"), StandardCharsets.UTF_8);
    assertThat(csv).startsWith("point,workloads[0].arrivals.perHour,environment.instanceFailuresPerHour,scheduler,");
    assertThat(csv.split("\r\n")).hasSize(1 + 4 * 2);
    assertThat(Files.readString(dir.resolve("local/sweep.json"), StandardCharsets.UTF_8))
        .contains("\"scheduler\" : \"round-robin\"");
    assertThat(Files.readString(dir.resolve("sweep.yaml"), StandardCharsets.UTF_8))
        .contains("name: spark-sweep-sample");
  }

  @Test
  void sparkSubmit_namesTheJobTheScenarioAndTheOutput() {
    assertThat(SparkSweepSample.sparkSubmit(dir, Path.of("app.jar"), "local[2]"))
        .isEqualTo("spark-submit --class io.stratus.spark.sweep.SweepJob --master 'local[2]' app.jar --scenario "
            + dir.resolve("sweep.yaml") + " --out " + dir.resolve("spark"));
  }
}
