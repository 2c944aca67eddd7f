package io.stratus.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusDecimals;
import io.stratus.finops.focus.ReadReport;
import io.stratus.spark.sweep.SweepFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs as a user submits them (README, "Scale-out on Apache Spark"): {@code spark-submit} is a launcher for
 * {@code org.apache.spark.deploy.SparkSubmit}, so each test starts a separate JVM with the Java 17 flags and Spark's
 * class path (Spark and its third-party libraries, no Stratus class) running {@code SparkSubmit --master local[2]
 * --class <job> --jars <target/app-libs/*.jar> target/stratus-spark-<version>.jar <args>}; the app jar and
 * {@code --jars} bring every Stratus class the job needs. Runs in {@code verify}, after {@code package} built the jar
 * and copied the app libraries.
 */
class SparkSubmitIT {
  @TempDir
  Path dir;

  @Test
  void normalizeJob_throughSparkSubmit_writesTheSingleJvmRecords() throws Exception {
    List<Path> cur = TestCur.write(dir.resolve("cur"), 2, 400, 11L);
    Map<List<Object>, CostRecord> expected = Fixtures.readLocally(cur, new HashMap<String, ReadReport>());
    expected.replaceAll((k, r) -> FocusDecimals.toStoredScale(r));
    Path out = dir.resolve("focus");

    submit("io.stratus.spark.billing.NormalizeJob",
        "--input", dir.resolve("cur").toString(), "--output", out.toString(), "--format", "aws-cur");

    Map<List<Object>, CostRecord> actual =
        Fixtures.byKey(LocalSpark.session().read().parquet(out.toString()).collectAsList());
    assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
  }

  @Test
  void sweepJob_throughSparkSubmit_writesTheLocalEnginesBytes() throws Exception {
    Path scenario = dir.resolve(SweepFixtures.SOURCE);
    Files.writeString(scenario, SweepFixtures.text(), StandardCharsets.UTF_8);
    Path out = dir.resolve("sweep");

    submit("io.stratus.spark.sweep.SweepJob", "--scenario", scenario.toString(), "--out", out.toString());

    assertThat(Files.readString(out.resolve("sweep.csv"), StandardCharsets.UTF_8))
        .isEqualTo(SweepFixtures.csv(SweepFixtures.local()));
    assertThat(Files.readString(out.resolve("sweep.json"), StandardCharsets.UTF_8))
        .isEqualTo(SweepFixtures.json(SweepFixtures.local()));
  }

  /** What {@code spark-submit --master local[2] --class job --jars app-libs app.jar args} runs. */
  private void submit(String job, String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("stratus.spark.jar"));
    Path appLibs = Path.of(System.getProperty("stratus.spark.appLibs"));
    String sparkClasspath = Files.readString(Path.of(System.getProperty("stratus.spark.classpath"))).strip();
    assertThat(jar).as("the app jar (built by package)").isRegularFile();
    String jars;
    try (Stream<Path> libs = Files.list(appLibs)) {
      jars = libs.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString)
          .collect(Collectors.joining(","));
    }
    assertThat(sparkClasspath).as("Spark's class path holds no Stratus module").doesNotContain("/io/stratus/")
        .doesNotContain("stratus-");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(SparkJavaOptions.options());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(sparkClasspath);
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false", "--class", job,
        "--jars", jars, jar.toString()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve(job.substring(job.lastIndexOf('.') + 1) + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = p.waitFor(4, TimeUnit.MINUTES);
    if (!finished) {
      p.destroyForcibly();
    }
    assertThat(finished).as("spark-submit of %s finished; output:%n%s", job, Files.readString(log)).isTrue();
    assertThat(p.exitValue()).as("spark-submit of %s exit; output:%n%s", job, Files.readString(log)).isZero();
  }
}
