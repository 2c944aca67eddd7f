package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.environment.Commitment;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** YAML scenarios, parameter sweeps and scenario commitments. */
class ScenarioSweepTest {
  private static final BundledCatalog CATALOG = new BundledCatalog();

  private static String resource(String name) throws IOException {
    try (InputStream in = ScenarioSweepTest.class.getResourceAsStream("/scenarios/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The same scenario in both formats, with the line numbers of each field equal in both. */
  private static final String JSON = String.join("\n",
      "{",
      "  \"name\": \"s\",",
      "  \"duration\": \"PT2H\",",
      "  \"environment\": {\"providers\": [\"aws\"], \"regions\": [\"aws:us-east-1\"]},",
      "  \"workloads\": [",
      "    {\"name\": \"a\", \"spotShare\": 0.5, \"arrivals\": {\"type\": \"constant\", \"perHour\": 5}}",
      "  ],",
      "  \"parameters\": {",
      "    \"workloads[0].spotShare\": [0.0, 1.0],",
      "    \"environment.spotInterruptionMultiplier\": {\"from\": 0, \"to\": 2, \"steps\": 3}",
      "  }",
      "}");
  private static final String YAML = String.join("\n",
      "# yaml",
      "name: s",
      "duration: PT2H",
      "environment: {providers: [aws], regions: [\"aws:us-east-1\"]}",
      "workloads:",
      "  - {name: a, spotShare: 0.5, arrivals: {type: constant, perHour: 5}}",
      "",
      "parameters:",
      "  workloads[0].spotShare: [0.0, 1.0]",
      "  environment.spotInterruptionMultiplier: {from: 0, to: 2, steps: 3}",
      "");

  private static String text(String format) {
    return format.equals("json") ? JSON : YAML;
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_parameters_expandToCartesianProductInOrder(String format) {
    ScenarioSpec spec = ScenarioSpec.parse(text(format), "s." + format);

    assertThat(spec.parameters()).extracting(ScenarioSpec.Parameter::path)
        .containsExactly("workloads[0].spotShare", "environment.spotInterruptionMultiplier");
    // a range of integers lands on integers (so it can sweep an integer field too)
    assertThat(spec.parameters().get(1).values()).containsExactly("0", "1", "2");
    List<ScenarioSpec.SweepPoint> points = spec.sweepPoints();
    assertThat(points).hasSize(6);
    assertThat(points.get(0).values()).containsEntry("workloads[0].spotShare", "0.0")
        .containsEntry("environment.spotInterruptionMultiplier", "0");
    assertThat(points.get(5).values()).containsEntry("workloads[0].spotShare", "1.0")
        .containsEntry("environment.spotInterruptionMultiplier", "2");
    assertThat(points.get(4).spec().spotInterruptionMultiplier).isEqualTo(1.0);
    assertThat(points.get(0).spec().spotAllowed("a", "job-1")).isFalse();
    assertThat(points.get(5).spec().spotAllowed("a", "job-1")).isTrue();
    assertThat(points.get(3).spec().parameters()).isEmpty();
  }

  @Test
  void spotShare_allowsThatShareOfJobsDeterministically() {
    ScenarioSpec half = ScenarioSpec.parse(JSON, "s.json");
    long allowed = java.util.stream.IntStream.range(0, 10_000)
        .filter(i -> half.spotAllowed("a", "a-" + i)).count();
    assertThat(allowed).isBetween(4_700L, 5_300L);
    assertThat(half.spotAllowed("a", "a-17")).isEqualTo(half.spotAllowed("a", "a-17"));
  }

  @Test
  void parse_noParameters_isItsOwnOnlyPoint() {
    ScenarioSpec spec = ScenarioSpec.parse(JSON.replace(",\n  \"parameters\"", ",\n  \"x_parameters\"")
        .replaceAll("(?s),\\n  \"x_parameters\".*\\n  }", ""), "s.json");
    assertThat(spec.parameters()).isEmpty();
    assertThat(spec.sweepPoints()).singleElement().satisfies(p -> assertThat(p.spec()).isSameAs(spec));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_negativeRate_sameLineAndFieldInBothFormats(String format) {
    String bad = text(format).replace("perHour\": 5", "perHour\": -5").replace("perHour: 5", "perHour: -5");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s." + format))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(6);
          assertThat(e.field()).isEqualTo("workloads[0].arrivals");
          assertThat(e.getMessage()).contains("s." + format + ":6").contains("perHour");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_unknownField_sameLineAndFieldInBothFormats(String format) {
    String bad = text(format).replace("\"duration\": \"PT2H\",", "\"duration\": \"PT2H\", \"colour\": 1,")
        .replace("duration: PT2H", "duration: PT2H\ncolour: 1");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s." + format))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(format.equals("json") ? 3 : 4);
          assertThat(e.field()).isEqualTo("colour");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_parameterValueBreaksRule_namesTheValue(String format) {
    String bad = text(format).replace("[0.0, 1.0]", "[0.0, 1.5]");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s." + format))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(9);
          assertThat(e.field()).isEqualTo("parameters.workloads[0].spotShare[1]");
          assertThat(e.getMessage()).contains("workloads[0].spotShare").contains("[0, 1]").contains("1.5");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_parameterPathMissingInScenario_isRejected(String format) {
    String bad = text(format).replace("workloads[0].spotShare", "workloads[3].spotShare");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s." + format))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(9);
          assertThat(e.field()).startsWith("parameters.workloads[3].spotShare");
          assertThat(e.getMessage()).contains("no element [3]");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_badRange_isRejected(String format) {
    String bad = text(format).replace("\"steps\": 3", "\"steps\": 1").replace("steps: 3", "steps: 1");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s." + format))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(10);
          assertThat(e.field()).isEqualTo("parameters.environment.spotInterruptionMultiplier.steps");
        });
  }

  @Test
  void parse_yamlSyntaxError_namesLine() {
    String bad = YAML.replace("duration: PT2H", "duration: PT2H\n  - stray: [1, 2");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.yml"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.field()).isEqualTo("(syntax)");
          assertThat(e.line()).isBetween(3, 5);
        });
  }

  @Test
  void parse_commitments_areBoundAndValidated() {
    String ok = JSON.replace("\"regions\": [\"aws:us-east-1\"]}", "\"regions\": [\"aws:us-east-1\"],\n"
        + "    \"commitments\": [{\"id\": \"ri\", \"type\": \"reserved-instances\", \"instanceType\": \"aws:m5.large\","
        + " \"region\": \"aws:us-east-1\", \"count\": 3, \"term\": \"3y\", \"payment\": \"all-upfront\"}]}");
    ScenarioSpec spec = ScenarioSpec.parse(ok, "s.json");
    assertThat(spec.commitments).containsExactly(Commitment.reservedInstances("ri", "aws:m5.large",
        "aws:us-east-1", 3, Commitment.Term.THREE_YEARS, Commitment.Payment.ALL_UPFRONT));

    String bad = ok.replace("\"3y\"", "\"5y\"");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.field()).isEqualTo("environment.commitments[0].term");
          assertThat(e.line()).isEqualTo(5);
          assertThat(e.getMessage()).contains("5y").contains("1y or 3y");
        });
  }

  @Test
  void runReplicationAndSummarize_anyOrder_equalTheSweep() {
    ScenarioSpec spec = ScenarioSpec.parse(JSON.replace("\"name\": \"s\",",
        "\"name\": \"s\", \"replications\": 2, \"schedulers\": [\"first-fit\", \"round-robin\"],"), "s.json");
    ScenarioEngine engine = ScenarioEngine.create(CATALOG);
    List<ScenarioEngine.SweepResult> sweep = engine.sweep(spec, Runnable::run);

    for (ScenarioSpec.SweepPoint p : spec.sweepPoints()) {
      List<RunResult> runs = new java.util.ArrayList<>();
      // replications and schedulers backwards: summarize restores (scheduler, replication) order
      for (int r = 1; r >= 0; r--) {
        for (SchedulerKind k : List.of(SchedulerKind.ROUND_ROBIN, SchedulerKind.FIRST_FIT)) {
          runs.add(engine.runReplication(p, k, r));
        }
      }
      assertThat(ScenarioEngine.summarize(p, runs)).isEqualTo(sweep.get(p.index()));
    }
  }

  @Test
  void summarize_missingRepeatedOrForeignRun_isRejected() {
    ScenarioSpec spec = ScenarioSpec.parse(JSON.replace("\"name\": \"s\",",
        "\"name\": \"s\", \"replications\": 2, \"schedulers\": [\"first-fit\"],"), "s.json");
    ScenarioEngine engine = ScenarioEngine.create(CATALOG);
    ScenarioSpec.SweepPoint p = spec.sweepPoints().get(0);
    RunResult r0 = engine.runReplication(p, SchedulerKind.FIRST_FIT, 0);
    RunResult r1 = engine.runReplication(p, SchedulerKind.FIRST_FIT, 1);

    assertThatThrownBy(() -> ScenarioEngine.summarize(p, List.of(r0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replication 1")
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> ScenarioEngine.summarize(p, List.of(r0, r1, r0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated");
    assertThatThrownBy(() -> engine.runReplication(p, SchedulerKind.ROUND_ROBIN, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round-robin");
    assertThatThrownBy(() -> engine.runReplication(p, SchedulerKind.FIRST_FIT, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 2)");
  }

  @Test
  void sweep_sampleYaml_deterministicWhateverTheThreadCount() throws Exception {
    // the sample with the two quick baselines (the cost-aware scheduler's set-up dominates such short runs)
    ScenarioSpec spec = ScenarioSpec.parse(resource("sweep.yaml").replace("schedulers: [cost-aware, first-fit]",
        "schedulers: [first-fit, round-robin]"), "sweep.yaml");
    ScenarioEngine engine = ScenarioEngine.create(CATALOG);

    List<ScenarioEngine.SweepResult> serial = engine.sweep(spec, Runnable::run);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<ScenarioEngine.SweepResult> parallel;
    try {
      parallel = engine.sweep(spec, pool);
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    assertThat(parallel).isEqualTo(serial);
    assertThat(serial).hasSize(4);
    assertThat(serial.get(0).summaries()).extracting(ScenarioEngine.SchedulerSummary::scheduler)
        .containsExactly(SchedulerKind.FIRST_FIT, SchedulerKind.ROUND_ROBIN);
    // instanceFailuresPerHour 0 (even points) vs 0.05 (odd points)
    for (ScenarioEngine.SweepResult r : serial) {
      int failures = r.runs().stream().mapToInt(RunResult::instanceFailures).sum();
      if (r.point() % 2 == 0) {
        assertThat(failures).as("point %s", r.parameters()).isZero();
      } else {
        assertThat(failures).as("point %s", r.parameters()).isPositive();
      }
    }
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    ScenarioResults.writeSweepCsv(serial, a);
    ScenarioResults.writeSweepCsv(parallel, b);
    assertThat(a.toString()).isEqualTo(b.toString());
    assertThat(a.toString().split("\r\n")[0]).isEqualTo("point,workloads[0].spotShare,"
        + "environment.instanceFailuresPerHour,scheduler,replications,level,costMean,costLower,costUpper,sloMean,"
        + "sloLower,sloUpper,interruptionsMean,interruptionsLower,interruptionsUpper,migrationsMean,"
        + "migrationsLower,migrationsUpper");
    assertThat(a.toString().split("\r\n")).hasSize(1 + 4 * 2);
    StringBuilder json = new StringBuilder();
    ScenarioResults.writeSweepJson(serial, json);
    assertThat(json.toString()).contains("\"workloads[0].spotShare\" : 1.0")
        .contains("\"scheduler\" : \"first-fit\"");
  }

  @Test
  void run_unusedReservation_addsItsAmortizedCostExactly() {
    String base = JSON.replaceAll("(?s),\\n  \"parameters\".*\\n  }", "")
        .replace("\"name\": \"s\",", "\"name\": \"s\", \"schedulers\": [\"first-fit\"], \"seed\": 3,");
    String withRi = base.replace("\"regions\": [\"aws:us-east-1\"]}", "\"regions\": [\"aws:us-east-1\"],"
        + " \"commitments\": [{\"id\": \"idle\", \"type\": \"reserved-instances\", \"instanceType\":"
        + " \"aws:p4d.24xlarge\", \"region\": \"aws:us-east-1\", \"count\": 2, \"hourlyRate\": 1.25}]}");
    ScenarioEngine engine = ScenarioEngine.create(CATALOG);

    RunResult without = engine.run(ScenarioSpec.parse(base, "a.json"), Runnable::run).get(0);
    RunResult with = engine.run(ScenarioSpec.parse(withRi, "b.json"), Runnable::run).get(0);

    assertThat(with.jobs()).isEqualTo(without.jobs());
    assertThat(with.cost().subtract(without.cost()).doubleValue()).isCloseTo(2 * 1.25 * 2, within(1e-6));
    assertThat(with.cost().subtract(without.cost())).isGreaterThan(BigDecimal.ZERO);
  }
}
