package io.stratus.samples;

import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioResults;
import io.stratus.simulation.scenario.ScenarioSpec;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Prepares a scenario sweep for Apache Spark: writes the sample scenario (2 x 2 points, two schedulers, three
 * replications: 12 Spark tasks) and the {@code sweep.csv} / {@code sweep.json} the local {@link ScenarioEngine}
 * writes for it, then prints the {@code spark-submit} command of {@code io.stratus.spark.sweep.SweepJob} (module
 * {@code stratus-spark}) that runs the same sweep on a cluster, and the {@code cmp} that shows Spark wrote the same
 * bytes. The sample itself runs without Spark: Spark belongs to the cluster ({@code provided}), and the samples' class
 * path pins Netty 4.1 for the cloud SDKs where Spark 4.1 needs 4.2.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.SparkSweepSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SparkSweepSample {
  /** The sample scenario on the class path. */
  static final String SCENARIO = "/spark/sweep.yaml";
  /** The main class {@code spark-submit} runs. */
  static final String JOB = "io.stratus.spark.sweep.SweepJob";

  private SparkSweepSample() {}

  /**
   * Writes {@code sweep.yaml} into a directory and the local engine's results of it into {@code local/}
   * ({@code sweep.csv}, {@code sweep.json}: the bytes {@code SweepJob} writes for the same file on any Spark master).
   *
   * @param dir the directory, created if missing; never null
   * @return the sweep results of the local engine, one per point; never null
   * @throws UncheckedIOException if a file cannot be written
   */
  public static List<ScenarioEngine.SweepResult> prepare(Path dir) {
    String text = scenario();
    PricingProvider catalog = ProviderRegistry.load(PricingProvider.class).require("catalog");
    List<ScenarioEngine.SweepResult> results =
        ScenarioEngine.create(catalog).sweep(ScenarioSpec.parse(text, "sweep.yaml"), Runnable::run);
    StringBuilder csv = new StringBuilder();
    ScenarioResults.writeSweepCsv(results, csv);
    StringBuilder json = new StringBuilder();
    ScenarioResults.writeSweepJson(results, json);
    try {
      Files.createDirectories(dir.resolve("local"));
      Files.writeString(dir.resolve("sweep.yaml"), text, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("local/sweep.csv"), csv, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("local/sweep.json"), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sweep sample into " + dir, e);
    }
    return results;
  }

  /**
   * The {@code spark-submit} command that runs the prepared sweep and writes into {@code spark/}.
   *
   * @param dir the directory {@link #prepare} wrote; never null
   * @param jar the application jar: {@code stratus-spark} with its Stratus dependencies (Spark excluded); never null
   * @param master the Spark master, e.g. {@code local[2]} or {@code yarn}; never null
   * @return the command; never null
   */
  public static String sparkSubmit(Path dir, Path jar, String master) {
    return "spark-submit --class " + JOB + " --master '" + master + "' " + jar + " --scenario "
        + dir.resolve("sweep.yaml") + " --out " + dir.resolve("spark");
  }

  /**
   * Prepares the sample and prints the local results and the commands.
   *
   * @param args optional directory (default {@code target/spark-sweep-sample})
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/spark-sweep-sample").toAbsolutePath();
    List<ScenarioEngine.SweepResult> results = prepare(dir);
    System.out.println("Local engine: " + results.size() + " sweep points, "
        + results.stream().mapToInt(r -> r.runs().size()).sum() + " runs, written to " + dir.resolve("local"));
    System.out.println("Run the same sweep on Spark (one task per point and replication):");
    System.out.println("  " + sparkSubmit(dir, Path.of("stratus-spark-app.jar"), "local[2]"));
    System.out.println("Then check that Spark wrote the same bytes:");
    System.out.println("  cmp " + dir.resolve("local/sweep.csv") + " " + dir.resolve("spark/sweep.csv") + " && cmp "
        + dir.resolve("local/sweep.json") + " " + dir.resolve("spark/sweep.json"));
  }

  private static String scenario() {
    try (InputStream in = SparkSweepSample.class.getResourceAsStream(SCENARIO)) {
      if (in == null) {
        throw new IllegalStateException("sample scenario " + SCENARIO + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCENARIO, e);
    }
  }
}
