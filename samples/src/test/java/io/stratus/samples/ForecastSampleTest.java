package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.stratus.timeseries.forecast.Forecast;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The forecast follows the daily cycle and the detector flags the injected incident. */
class ForecastSampleTest {
  private static ForecastSample.Result result;
  private static String report;

  @BeforeAll
  static void run() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = ForecastSample.run(out);
    }
    report = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_forecast_followsTheDailyCycleWithinItsIntervals() {
    Forecast f = result.forecast();
    assertThat(f.horizon()).isEqualTo(24);
    for (int h = 0; h < 24; h++) {
      int hourOfDay = (ForecastSample.HOURS + h) % 24;
      double truth = 40 + 20 * Math.sin(2 * Math.PI * (hourOfDay - 8) / 24);
      assertThat(f.mean()[h]).as("mean at +%dh", h + 1).isCloseTo(truth, offset(6.0));
      assertThat(f.lower95()[h]).isLessThanOrEqualTo(f.lower80()[h]);
      assertThat(f.lower80()[h]).isLessThanOrEqualTo(f.mean()[h]);
      assertThat(f.upper80()[h]).isBetween(f.mean()[h], f.upper95()[h]);
    }
  }

  @Test
  void run_detector_flagsTheIncidentAndLittleElse() {
    assertThat(result.anomalies()).as(report).contains(ForecastSample.INCIDENT);
    assertThat(result.anomalies().size()).as(report).isLessThanOrEqualTo(5);
    assertThat(report).contains("Anomaly at 2026-05-25T14:00:00Z");
  }
}
