package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioSpecTest {
  private static final String VALID = String.join("\n",
      "{",
      "  \"name\": \"s\",",
      "  \"duration\": \"P1D\",",
      "  \"workloads\": [",
      "    {\"name\": \"a\", \"arrivals\": {\"type\": \"constant\", \"perHour\": 5}},",
      "    {\"name\": \"b\",",
      "     \"arrivals\": {\"type\": \"periodic\", \"perHour\": 5, \"amplitude\": 0.5, \"period\": \"PT6H\"}}",
      "  ]",
      "}");

  @Test
  void parse_valid_appliesDefaults() {
    ScenarioSpec s = ScenarioSpec.parse(VALID, "s.json");
    assertThat(s.name()).isEqualTo("s");
    assertThat(s.duration()).isEqualTo(Duration.ofDays(1));
    assertThat(s.replications()).isEqualTo(1);
    assertThat(s.schedulers()).containsExactly(SchedulerKind.COST_AWARE);
    assertThat(s.workloads()).hasSize(2);
  }

  @Test
  void parse_negativeRate_namesLineAndField() {
    String bad = VALID.replace("\"perHour\": 5}}", "\"perHour\": -5}}");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(5);
          assertThat(e.field()).isEqualTo("workloads[0].arrivals");
          assertThat(e.getMessage()).contains("s.json:5").contains("perHour").contains("-5.0");
        });
  }

  @Test
  void parse_missingPeriod_pointsAtTheArrivalsObject() {
    String bad = VALID.replace(", \"period\": \"PT6H\"", "");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.field()).isEqualTo("workloads[1].arrivals.period");
          assertThat(e.line()).isEqualTo(7);
          assertThat(e.getMessage()).contains("is required");
        });
  }

  @Test
  void parse_unknownField_namesItsLineAndPath() {
    String bad = VALID.replace("\"duration\": \"P1D\",", "\"duration\": \"P1D\",\n  \"colour\": \"blue\",");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.field()).isEqualTo("colour");
        });
  }

  @Test
  void parse_wrongType_namesField() {
    String bad = VALID.replace("\"duration\": \"P1D\",", "\"duration\": \"P1D\", \"seed\": \"abc\",");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.field()).isEqualTo("seed");
        });
  }

  @Test
  void parse_unknownScheduler_namesFieldAndChoices() {
    String bad = VALID.replace("\"duration\": \"P1D\",", "\"duration\": \"P1D\",\n  \"schedulers\": [\"fastest\"],");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.field()).isEqualTo("schedulers[0]");
          assertThat(e.getMessage()).contains("fastest").contains("cost-aware");
        });
  }

  @Test
  void parse_badDuration_namesField() {
    String bad = VALID.replace("\"P1D\"", "\"one day\"");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.field()).isEqualTo("duration");
          assertThat(e.getMessage()).contains("one day");
        });
  }

  @Test
  void parse_syntaxError_namesLine() {
    String bad = VALID.replace("\"name\": \"s\",", "\"name\": \"s\"");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> assertThat(e.line()).isEqualTo(3));
  }

  @Test
  void parse_duplicateWorkloadName_namesSecond() {
    String bad = VALID.replace("{\"name\": \"b\",", "{\"name\": \"a\",");
    assertThatThrownBy(() -> ScenarioSpec.parse(bad, "s.json"))
        .isInstanceOfSatisfying(ScenarioFormatException.class, e -> {
          assertThat(e.field()).isEqualTo("workloads[1].name");
          assertThat(e.line()).isEqualTo(6);
        });
  }
}
