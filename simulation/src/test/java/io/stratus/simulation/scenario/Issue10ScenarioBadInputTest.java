package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10, scenario bad input: duplicate keys, fractions for integers and rates or durations that imply more jobs
 * than a host can simulate are refused at parse time with the line, column and field, in JSON and in YAML.
 */
class Issue10ScenarioBadInputTest {
  /** The same scenario in both formats, each field on the same line in both. */
  private static final String JSON = String.join("\n",
      "{",
      "  \"name\": \"s\",",
      "  \"duration\": \"P7D\",",
      "  \"replications\": 2,",
      "  \"workloads\": [",
      "    {\"name\": \"a\",",
      "     \"arrivals\": {\"type\": \"constant\", \"perHour\": 5}}",
      "  ]",
      "}");
  private static final String YAML = String.join("\n",
      "# yaml",
      "name: s",
      "duration: P7D",
      "replications: 2",
      "workloads:",
      "  - name: a",
      "    arrivals: {type: constant, perHour: 5}",
      "");

  private static String text(String format) {
    return format.equals("json") ? JSON : YAML;
  }

  private static ScenarioFormatException parseError(String text, String format) {
    try {
      ScenarioSpec.parse(text, "s." + format);
    } catch (ScenarioFormatException e) {
      return e;
    }
    throw new AssertionError("expected a ScenarioFormatException for:\n" + text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_valid_isAccepted(String format) {
    ScenarioSpec s = ScenarioSpec.parse(text(format), "s." + format);
    assertThat(s.replications()).isEqualTo(2);
    assertThat(s.duration()).isEqualTo(Duration.ofDays(7));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_duplicateTopLevelKey_isErrorAtSecondOccurrence(String format) {
    String bad = format.equals("json")
        ? JSON.replace("  \"replications\": 2,", "  \"replications\": 2,\n  \"name\": \"t\",")
        : YAML.replace("replications: 2\n", "replications: 2\nname: t\n");
    ScenarioFormatException e = parseError(bad, format);
    assertThat(e.field()).isEqualTo("name");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.column()).isGreaterThan(0);
    assertThat(e.getMessage()).contains("s." + format + ":5:").contains("duplicate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_duplicateNestedKey_namesItsPath(String format) {
    String bad = format.equals("json")
        ? JSON.replace("\"perHour\": 5}", "\"perHour\": 5, \"perHour\": 6}")
        : YAML.replace("perHour: 5}", "perHour: 5, perHour: 6}");
    ScenarioFormatException e = parseError(bad, format);
    assertThat(e.field()).isEqualTo("workloads[0].arrivals.perHour");
    assertThat(e.line()).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_fractionalReplications_isErrorNotTruncated(String format) {
    String bad = text(format).replace("2", "1.5");
    ScenarioFormatException e = parseError(bad, format);
    assertThat(e.field()).isEqualTo("replications");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).contains("integer").contains("1.5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_fractionalSeed_isError(String format) {
    String bad = format.equals("json") ? JSON.replace("  \"replications\": 2,", "  \"seed\": 4.2,")
        : YAML.replace("replications: 2", "seed: 4.2");
    ScenarioFormatException e = parseError(bad, format);
    assertThat(e.field()).isEqualTo("seed");
    assertThat(e.getMessage()).contains("4.2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_absurdRate_isRefusedWithComputedJobCount(String format) {
    String bad = text(format).replace("perHour\": 5", "perHour\": 1e308").replace("perHour: 5", "perHour: 1e308");
    ScenarioFormatException e = parseError(bad, format);
    assertThat(e.field()).isEqualTo("workloads[0].arrivals.perHour");
    assertThat(e.line()).isEqualTo(7);
    // 1e308 per hour x 168 h overflows to infinity: the message says so rather than a number
    assertThat(e.getMessage()).contains("jobs per run").contains("2000000").contains("ScenarioLimits");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_rateAboveCap_reportsTheComputedCount(String format) {
    // 20,000 per hour x 168 h = 3.36 million expected jobs
    String bad = text(format).replace("perHour\": 5", "perHour\": 20000").replace("perHour: 5", "perHour: 20000");
    ScenarioFormatException e = parseError(bad, format);
    assertThat(e.getMessage()).contains("3.360e+06 jobs per run").contains("2.000e+04 per hour x 168.0 h");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_longDurationAtModestRate_isRefusedToo(String format) {
    // 30 per hour for 10 years is 2.6 million jobs
    String bad = text(format).replace("P7D", "P3650D").replace("perHour\": 5", "perHour\": 30")
        .replace("perHour: 5", "perHour: 30");
    ScenarioFormatException e = parseError(bad, format);
    assertThat(e.field()).isEqualTo("workloads[0].arrivals.perHour");
    assertThat(e.getMessage()).contains("2.628e+06 jobs per run");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_durationBeyondEngineRange_isRefused(String format) {
    String tooLong = text(format).replace("P7D", "P7300D").replace("perHour\": 5", "perHour\": 0")
        .replace("perHour: 5", "perHour: 0");
    ScenarioFormatException e = parseError(tooLong, format);
    assertThat(e.field()).isEqualTo("duration");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage()).contains("ScenarioLimits.maxDuration");

    ScenarioFormatException beyond = parseError(text(format).replace("P7D", "P99999999999D"), format);
    assertThat(beyond.field()).isEqualTo("duration");
    assertThat(beyond.getMessage()).contains("nanoseconds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_hugeDurationInsideAWorkload_isFieldErrorNotArithmeticOverflow(String format) {
    // found by the fuzz property: these reached Duration.toNanos() and overflowed
    String bursty = text(format)
        .replace("{\"type\": \"constant\", \"perHour\": 5}", "{\"type\": \"bursty\", \"calmPerHour\": 1,"
            + " \"burstPerHour\": 2, \"meanCalm\": \"P99999999999D\", \"meanBurst\": \"PT1H\"}")
        .replace("{type: constant, perHour: 5}",
            "{type: bursty, calmPerHour: 1, burstPerHour: 2, meanCalm: P99999999999D, meanBurst: PT1H}");
    ScenarioFormatException e = parseError(bursty, format);
    assertThat(e.field()).isEqualTo("workloads[0].arrivals.meanCalm");
    assertThat(e.line()).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_limits_areConfigurable(String format) {
    // 5 per hour x 168 h = 840 expected jobs
    assertThatThrownBy(() -> ScenarioSpec.parse(text(format), "s." + format,
        ScenarioLimits.defaults().withMaxJobsPerRun(839)))
        .isInstanceOf(ScenarioFormatException.class).hasMessageContaining("840.0 jobs per run");
    assertThat(ScenarioSpec.parse(text(format), "s." + format, ScenarioLimits.defaults().withMaxJobsPerRun(840))
        .workloads()).hasSize(1);
    String long60y = text(format).replace("P7D", "P21900D");
    assertThat(ScenarioSpec.parse(long60y, "s." + format, ScenarioLimits.defaults().withMaxJobsPerRun(3_000_000)
        .withMaxDuration(Duration.ofDays(21900))).duration()).isEqualTo(Duration.ofDays(21900));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_sweepPointAboveCap_isBlamedOnTheParameterValue(String format) {
    String sweep = format.equals("json")
        ? JSON.replace("\n}", ",\n  \"parameters\": {\"workloads[0].arrivals.perHour\": [5, 1e9]}\n}")
        : YAML + "parameters: {\"workloads[0].arrivals.perHour\": [5, 1e9]}\n";
    ScenarioFormatException e = parseError(sweep, format);
    assertThat(e.field()).isEqualTo("parameters.workloads[0].arrivals.perHour[1]");
    assertThat(e.line()).isEqualTo(format.equals("json") ? 9 : 8);
    assertThat(e.getMessage()).contains("jobs per run");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_sweepFractionForInteger_isErrorNotTruncated(String format) {
    String sweep = format.equals("json")
        ? JSON.replace("\n}", ",\n  \"parameters\": {\"replications\": [1, 2.5]}\n}")
        : YAML + "parameters: {replications: [1, 2.5]}\n";
    ScenarioFormatException e = parseError(sweep, format);
    assertThat(e.field()).isEqualTo("parameters.replications[1]");
    assertThat(e.getMessage()).contains("integer").contains("2.5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_integerRange_sweepsAnIntegerField(String format) {
    String sweep = format.equals("json")
        ? JSON.replace("\n}", ",\n  \"parameters\": {\"replications\": {\"from\": 1, \"to\": 3, \"steps\": 3}}\n}")
        : YAML + "parameters: {replications: {from: 1, to: 3, steps: 3}}\n";
    ScenarioSpec s = ScenarioSpec.parse(sweep, "s." + format);
    assertThat(s.sweepPoints()).extracting(p -> p.spec().replications()).containsExactly(1, 2, 3);
    assertThat(s.parameters().get(0).values()).containsExactly("1", "2", "3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "yaml"})
  void parse_nullInsideListOrMap_isFieldErrorNotNullPointer(String format) {
    // found by the fuzz property: teams {"da": null} reached WorkloadSpec as a bare NPE
    String teams = format.equals("json") ? JSON.replace("{\"name\": \"a\",", "{\"name\": \"a\", \"teams\": {\"da\": null},")
        : YAML.replace("  - name: a\n", "  - name: a\n    teams: {da: null}\n");
    ScenarioFormatException e = parseError(teams, format);
    assertThat(e.field()).isEqualTo("workloads[0].teams.da");
    assertThat(e.line()).isEqualTo(format.equals("json") ? 6 : 7);

    String regions = format.equals("json")
        ? JSON.replace("  \"replications\": 2,", "  \"environment\": {\"regions\": [null]},")
        : YAML.replace("replications: 2", "environment: {regions: [null]}");
    assertThat(parseError(regions, format).field()).isEqualTo("environment.regions[0]");

    String workloads = format.equals("json") ? JSON.replace("  \"workloads\": [", "  \"workloads\": [null,")
        : YAML.replace("workloads:\n", "workloads:\n  - null\n");
    assertThat(parseError(workloads, format).field()).isEqualTo("workloads[0]");
  }
}
