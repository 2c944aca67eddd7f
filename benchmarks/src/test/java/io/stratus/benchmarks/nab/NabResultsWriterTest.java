package io.stratus.benchmarks.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratus.timeseries.anomaly.Detectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NAB-layout results files: path, NAB's columns including the per-profile S(t) scoring function, thresholds.json. */
class NabResultsWriterTest {

  @TempDir
  Path dir;

  @Test
  void write_smallLabelledCorpus_nabResultsLayoutWithScoringColumns() throws Exception {
    Path data = dir.resolve("nab/data/cat");
    Files.createDirectories(data);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    LocalDateTime t0 = LocalDateTime.of(2020, 1, 1, 0, 0);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 40; i++) {
      csv.append(f.format(t0.plusMinutes(5L * i))).append(',').append(i == 25 ? 90.0 : 10.0 + i % 3).append('\n');
    }
    Files.writeString(data.resolve("f.csv"), csv, StandardCharsets.UTF_8);
    Path labels = dir.resolve("nab/labels/combined_windows.json");
    Files.createDirectories(labels.getParent());
    Files.writeString(labels, "{\"cat/f.csv\": [[\"2020-01-01 01:50:00.000000\", \"2020-01-01 02:10:00.000000\"]]}");

    NabResultsWriter.Summary s = NabResultsWriter.write(dir.resolve("nab/data"), labels, dir.resolve("out"));

    assertThat(s.files()).isEqualTo(1);
    assertThat(s.rows()).isEqualTo(40);
    assertThat(s.labelled()).isTrue();
    List<String> lines = Files.readAllLines(dir.resolve("out/stratus/cat/stratus_f.csv"));
    assertThat(lines.get(0)).isEqualTo(
        "timestamp,value,anomaly_score,label,S(t)_reward_low_FN_rate,S(t)_reward_low_FP_rate,S(t)_standard");
    assertThat(lines).hasSize(41);
    // window rows 22..26 (01:50 to 02:10): label 1; the first window row scores the full true-positive weight 1
    String[] before = lines.get(1 + 21).split(",");
    String[] first = lines.get(1 + 22).split(",");
    String[] after = lines.get(1 + 27).split(",");
    assertThat(before[3]).isEqualTo("0");
    assertThat(first[3]).isEqualTo("1");
    assertThat(after[3]).isEqualTo("0");
    assertThat(Double.parseDouble(before[4])).isCloseTo(-0.11, within(1e-12));
    assertThat(Double.parseDouble(before[5])).isCloseTo(-0.22, within(1e-12));
    assertThat(Double.parseDouble(before[6])).isCloseTo(-0.11, within(1e-12));
    assertThat(Double.parseDouble(first[6])).isCloseTo(1.0, within(1e-12));
    assertThat(Double.parseDouble(first[4])).isCloseTo(1.0, within(1e-12));
    assertThat(Double.parseDouble(after[6])).isNegative().isGreaterThan(-0.11);
    JsonNode thresholds = new ObjectMapper().readTree(dir.resolve("out/thresholds.json").toFile());
    for (String profile : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
      assertThat(thresholds.get("stratus").get(profile).get("threshold").asDouble())
          .isEqualTo(Detectors.ALERT_THRESHOLD);
      assertThat(thresholds.get("stratus").get(profile).has("score")).isTrue();
    }
  }
}
