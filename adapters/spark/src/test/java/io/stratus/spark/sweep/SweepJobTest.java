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
 * {@link SweepJob#main} in its own JVM, as {@code spark-submit} starts it, on {@code local[1]} and then {@code
 * local[2]} (a JVM holds one Spark context at a time, and the other tests share theirs): the files are the local
 * engine's bytes.
 */
class SweepJobTest {
  @TempDir
  Path dir;

  @Test
  void main_local1ThenLocal2_writeTheLocalEnginesBytes() throws Exception {
    Path scenario = dir.resolve(SweepFixtures.SOURCE);
    Files.writeString(scenario, SweepFixtures.text(), StandardCharsets.UTF_8);
    List<ScenarioEngine.SweepResult> local = SweepFixtures.local();
    Path log = dir.resolve("job.log");

    Process p = java(log, scenario.toString(), dir.toString());
    assertThat(p.waitFor(4, TimeUnit.MINUTES)).as("the job finished").isTrue();
    assertThat(p.exitValue()).as("exit; output:%n%s", Files.readString(log)).isZero();

    for (String master : MASTERS) {
      Path out = dir.resolve(outName(master));
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

  static final List<String> MASTERS = List.of("local[1]", "local[2]");

  static String outName(String master) {
    return master.replaceAll("[^a-z0-9]", "");
  }

  /**
   * In the child JVM: {@link SweepJob#main} once per master, as {@code spark-submit --master M} would run it (the
   * job's session reads {@code spark.master}; each run stops its session).
   *
   * @param args the scenario file and the parent of the output directories
   */
  public static void main(String[] args) {
    for (String master : MASTERS) {
      System.setProperty("spark.master", master);
      SweepJob.main(new String[] {"--scenario", args[0], "--out", Path.of(args[1], outName(master)).toString()});
    }
  }

  private static Process java(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(SparkJavaOptions.options());
    cmd.add("-Xmx512m");
    // a short job: the client compiler and one GC thread start faster on a shared machine
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(SweepJobTest.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
