package io.stratus.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.spark.SparkJavaOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SweepJob#main} in its own JVM, as {@code spark-submit} starts it, on {@code local[1]} and {@code local[2]}
 * (a JVM holds one Spark context, and the other tests share theirs): the files are the local engine's bytes.
 */
class SweepJobTest {
  @TempDir
  Path dir;

  @Test
  void main_local1AndLocal2_writeTheLocalEnginesBytes() throws Exception {
    Path scenario = dir.resolve(SweepFixtures.SOURCE);
    Files.writeString(scenario, SweepFixtures.text(), StandardCharsets.UTF_8);
    List<ScenarioEngine.SweepResult> local = SweepFixtures.local();

    for (String master : List.of("local[1]", "local[2]")) {
      Path out = dir.resolve(master.replaceAll("[^a-z0-9]", ""));
      Path log = dir.resolve(out.getFileName() + ".log");
      Process p = java(master, log, "--scenario", scenario.toString(), "--out", out.toString());
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("%s finished", master).isTrue();
      assertThat(p.exitValue()).as("%s exit; output:%n%s", master, Files.readString(log)).isZero();

      assertThat(Files.readString(out.resolve("sweep.csv"), StandardCharsets.UTF_8)).as(master)
          .isEqualTo(SweepFixtures.csv(local));
      assertThat(Files.readString(out.resolve("sweep.json"), StandardCharsets.UTF_8)).as(master)
          .isEqualTo(SweepFixtures.json(local));
    }
  }

  @Test
  void main_badArguments_failBeforeSparkStartsNamingTheArgument() {
    assertThatThrownBy(() -> SweepJob.main(new String[] {"--scenario", "a.yaml"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--out is required");
    assertThatThrownBy(() -> SweepJob.main(new String[] {"--scenario", "a.yaml", "--out", "o", "--seed", "1"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument '--seed'");
    assertThatThrownBy(() -> SweepJob.main(new String[] {"--out", "o", "--out", "p", "--scenario", "a"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--out is given twice");
    assertThatThrownBy(() -> SweepJob.main(new String[] {"--scenario"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--scenario needs a value");
  }

  private static Process java(String master, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(SparkJavaOptions.options());
    cmd.add("-Xmx512m");
    cmd.add("-Dspark.master=" + master);
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SweepJob.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
