package io.stratus.timeseries.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Smoke run of the M4 Hourly evaluation on its first three series; skips when the shared data are absent. */
class M4SmokeTest {

  private static List<double[]> read(Path file, int rows) throws IOException {
    List<double[]> out = new ArrayList<>();
    try (var lines = Files.lines(file)) {
      lines.skip(1).limit(rows).forEach(line -> {
        String[] p = line.split(",");
        List<Double> v = new ArrayList<>();
        for (int i = 1; i < p.length; i++) {
          String s = p[i].replace("\"", "").trim();
          if (s.isEmpty()) {
            break;
          }
          v.add(Double.parseDouble(s));
        }
        out.add(v.stream().mapToDouble(Double::doubleValue).toArray());
      });
    }
    return out;
  }

  @Test
  void firstThreeHourlySeries_autoBeatsNaive() throws IOException {
    String data = System.getProperty("stratus.shared.data", "../shared/data");
    Path dir = Path.of(data, "m4");
    Assumptions.assumeTrue(Files.exists(dir.resolve("Hourly-train.csv")),
        "M4 data not found under " + dir.toAbsolutePath() + " (set -Dstratus.shared.data); skipping the smoke run");
    List<double[]> train = read(dir.resolve("Hourly-train.csv"), 3);
    List<double[]> test = read(dir.resolve("Hourly-test.csv"), 3);
    double autoSmape = 0;
    double autoMase = 0;
    double n2Smape = 0;
    double n2Mase = 0;
    double naiveSmape = 0;
    double naiveMase = 0;
    for (int i = 0; i < 3; i++) {
      double[] y = train.get(i);
      double[] actual = test.get(i);
      assertThat(actual).hasSize(48);
      double[] auto = Forecasters.auto(24, 168).fit(y).forecast(48).mean();
      double[] naive2 = Forecasters.naive2(24).fit(y).forecast(48).mean();
      autoSmape += Accuracy.smape(actual, auto);
      autoMase += Accuracy.mase(y, actual, auto, 24);
      n2Smape += Accuracy.smape(actual, naive2);
      n2Mase += Accuracy.mase(y, actual, naive2, 24);
      double[] naive = Forecasters.naive().fit(y).forecast(48).mean();
      naiveSmape += Accuracy.smape(actual, naive);
      naiveMase += Accuracy.mase(y, actual, naive, 24);
    }
    double owa = Accuracy.owa(autoSmape / 3, autoMase / 3, n2Smape / 3, n2Mase / 3);
    double naiveOwa = Accuracy.owa(naiveSmape / 3, naiveMase / 3, n2Smape / 3, n2Mase / 3);
    assertThat(owa).isFinite().isLessThan(naiveOwa);
  }
}
