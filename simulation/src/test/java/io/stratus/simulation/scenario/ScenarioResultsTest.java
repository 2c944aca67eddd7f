package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioResultsTest {
  private static final List<RunResult> RESULTS = List.of(
      new RunResult("demo, \"quoted\"", SchedulerKind.COST_AWARE, 0, -5, 10, 8, 1, 1, 2, 1, 0, 1, 3,
          new BigDecimal("12.3400000000"), Map.of("aws", new BigDecimal("12.3400000000"))),
      new RunResult("demo, \"quoted\"", SchedulerKind.FIRST_FIT, 0, -5, 10, 10, 0, 0, 0, 0, 0, 0, 0,
          new BigDecimal("20.5000000000"), Map.of("gcp", new BigDecimal("20.5"), "aws", BigDecimal.ZERO)));

  private static String golden(String name) throws IOException {
    try (InputStream in = ScenarioResultsTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void writeCsv_matchesGolden() throws IOException {
    StringBuilder sb = new StringBuilder();
    ScenarioResults.writeCsv(RESULTS, sb);
    assertThat(sb.toString()).isEqualTo(golden("scenario-results.csv"));
  }

  @Test
  void writeJson_matchesGolden() throws IOException {
    StringBuilder sb = new StringBuilder();
    ScenarioResults.writeJson(RESULTS, sb);
    assertThat(sb.toString().replace("\r\n", "\n")).isEqualTo(golden("scenario-results.json"));
  }

  @Test
  void runResult_jobsNotConserved_rejected() {
    assertThatThrownBy(() -> new RunResult("s", SchedulerKind.FIRST_FIT, 0, 0, 10, 5, 1, 1, 0, 0, 0, 0, 0,
            BigDecimal.ONE, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finished + failed + running");
  }
}
