package io.stratus.benchmarks.m4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class M4EvaluationTest {

  @TempDir
  Path dir;

  /** Three series in M4's wide layout: quoted header, id, values padded with empty strings. */
  private Path train() throws IOException {
    StringBuilder b = new StringBuilder("\"V1\"");
    for (int i = 2; i <= 101; i++) {
      b.append(",\"V").append(i).append('"');
    }
    b.append('\n');
    for (int s = 1; s <= 3; s++) {
      b.append("\"W").append(s).append('"');
      int n = 60 + 20 * s;
      for (int t = 0; t < 100; t++) {
        b.append(',').append(t < n ? "\"" + (100 * s + 10 * Math.sin(2 * Math.PI * t / 12) + t % 5) + "\"" : "\"\"");
      }
      b.append('\n');
    }
    Path p = dir.resolve("Weekly-train.csv");
    Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void main_trainHorizonPeriodOut_writesM4SubmissionLayout() throws IOException {
    Path out = dir.resolve("forecasts.csv");
    M4Evaluation.main(new String[] {"--train", train().toString(), "--horizon", "6", "--period", "12", "--out",
        out.toString()});
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("\"id\",\"F1\",\"F2\",\"F3\",\"F4\",\"F5\",\"F6\"");
    for (int s = 1; s <= 3; s++) {
      String[] cells = lines.get(s).split(",");
      assertThat(cells[0]).isEqualTo("\"W" + s + "\"");
      assertThat(cells).hasSize(7);
      for (int j = 1; j <= 6; j++) {
        assertThat(Double.parseDouble(cells[j])).isFinite();
      }
    }
    // the same input gives the same file
    Path again = dir.resolve("again.csv");
    M4Evaluation.main(new String[] {"--train", train().toString(), "--horizon", "6", "--period", "12", "--out",
        again.toString()});
    assertThat(Files.readAllLines(again, StandardCharsets.UTF_8)).isEqualTo(lines);
  }

  @Test
  void main_subsetEven_keepsEvenIdsOnly() throws IOException {
    Path out = dir.resolve("even.csv");
    M4Evaluation.main(new String[] {"--train", train().toString(), "--horizon", "3", "--period", "12", "--subset",
        "even", "--out", out.toString()});
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("\"W2\",");
  }

  @Test
  void options_missingOrBadArguments_rejectedWithUsage() {
    assertThatThrownBy(() -> M4Evaluation.Options.parse(new String[] {"--train", "x.csv", "--period", "24"}))
        .hasMessageContaining("--horizon is required");
    assertThatThrownBy(() -> M4Evaluation.Options.parse(new String[] {"--train"}))
        .hasMessageContaining("usage: --train FILE --horizon H --period M");
    assertThatThrownBy(() -> M4Evaluation.Options.parse(new String[] {"--train", "x", "--horizon", "1", "--period",
        "1", "--subset", "third"})).hasMessageContaining("--subset = third");
  }
}
