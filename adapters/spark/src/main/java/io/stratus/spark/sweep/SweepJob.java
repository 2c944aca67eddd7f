package io.stratus.spark.sweep;

import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.simulation.scenario.ScenarioResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The {@code spark-submit} entry point of a scenario sweep: reads a scenario file (JSON, or YAML by its extension),
 * runs it with {@link SparkSweep} and writes {@code sweep.csv} and {@code sweep.json} ({@link
 * ScenarioResults#writeSweepCsv}, {@link ScenarioResults#writeSweepJson}) into an output directory: the same bytes a
 * local {@link ScenarioEngine#sweep} of the scenario gives.
 *
 * <pre>
 * spark-submit --class io.stratus.spark.sweep.SweepJob --master local[2] stratus-spark-app.jar \
 *     --scenario sweep.yaml --out results/ [--catalog catalog]
 * </pre>
 *
 * <p>Paths are on the driver's file system (client deploy mode, or a mount the driver sees). Each output file is
 * written to a temporary file and moved into place, so a re-run replaces it whole. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SweepJob {
  /** The catalog provider id used without {@code --catalog}: the bundled price tables. */
  public static final String DEFAULT_CATALOG = "catalog";

  private SweepJob() {}

  /**
   * Runs the job on the session {@code spark-submit} configured (master, app name), then stops it.
   *
   * @param args {@code --scenario FILE --out DIR [--catalog ID]}; never null
   * @throws IllegalArgumentException if an argument is missing, unknown or repeated (named in the message)
   * @throws UncheckedIOException if the scenario cannot be read or an output cannot be written
   */
  public static void main(String[] args) {
    Arguments a = Arguments.parse(args);
    SparkSession spark = SparkSession.builder().appName("stratus-sweep").getOrCreate();
    try {
      run(spark, a.scenario(), a.out(), a.catalog());
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs a sweep on a session and writes {@code sweep.csv} and {@code sweep.json} into a directory (created if
   * missing; existing files of those names are replaced).
   *
   * @param spark the session; never null
   * @param scenario the scenario file; never null
   * @param out the output directory; never null
   * @param catalogId the id of the {@link io.stratus.spi.PricingProvider} registered on the executors' class path
   *     (see {@link CatalogFactory#registered}); never null
   * @return the sweep results, one per point in sweep order; never null
   * @throws NullPointerException if an argument is null
   * @throws UncheckedIOException if the scenario cannot be read or an output cannot be written
   * @throws io.stratus.simulation.scenario.ScenarioFormatException if the scenario is malformed
   */
  public static List<ScenarioEngine.SweepResult> run(SparkSession spark, Path scenario, Path out, String catalogId) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(catalogId, "catalogId");
    String text;
    try {
      text = Files.readString(scenario, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + scenario, e);
    }
    List<ScenarioEngine.SweepResult> results = SparkSweep.create(spark, CatalogFactory.registered(catalogId))
        .sweep(text, scenario.getFileName().toString());
    StringBuilder csv = new StringBuilder();
    ScenarioResults.writeSweepCsv(results, csv);
    StringBuilder json = new StringBuilder();
    ScenarioResults.writeSweepJson(results, json);
    try {
      Files.createDirectories(out);
      replace(out.resolve("sweep.csv"), csv);
      replace(out.resolve("sweep.json"), json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sweep results to " + out, e);
    }
    return results;
  }

  private static void replace(Path target, CharSequence content) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The parsed command line. */
  private record Arguments(Path scenario, Path out, String catalog) {
    static final String USAGE = "--scenario FILE --out DIR [--catalog ID]";

    static Arguments parse(String[] args) {
      Objects.requireNonNull(args, "args");
      @Nullable String[] values = new String[3];
      for (int i = 0; i < args.length; i += 2) {
        String name = args[i];
        int k = switch (name) {
          case "--scenario" -> 0;
          case "--out" -> 1;
          case "--catalog" -> 2;
          default -> throw new IllegalArgumentException("unknown argument '" + name + "'; usage: " + USAGE);
        };
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new IllegalArgumentException(name + " needs a value; usage: " + USAGE);
        }
        if (values[k] != null) {
          throw new IllegalArgumentException(name + " is given twice; usage: " + USAGE);
        }
        values[k] = args[i + 1];
      }
      String scenario = values[0];
      String out = values[1];
      String catalog = values[2];
      if (scenario == null || out == null) {
        throw new IllegalArgumentException((scenario == null ? "--scenario" : "--out") + " is required; usage: "
            + USAGE);
      }
      return new Arguments(Path.of(scenario), Path.of(out), catalog == null ? DEFAULT_CATALOG : catalog);
    }
  }
}
