package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.timeseries.changepoint.Cusum;
import io.stratus.timeseries.forecast.Forecasters;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectorsTest {

  private static final long HOUR = 3_600_000L;

  @Test
  void update_nanValue_rejectedNamingValueAndStateUnchanged() {
    StreamingDetector d = Detectors.robustZScore();
    d.update(1000L, 1.0);
    assertThatThrownBy(() -> d.update(2000L, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value must be finite").hasMessageContaining("NaN");
    assertThatThrownBy(() -> d.update(2000L, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    // The rejected calls did not advance time: 2000 is still accepted.
    assertThat(d.update(2000L, 1.0).anomalous()).isFalse();
  }

  @Test
  void update_decreasingTimestamp_rejected() {
    StreamingDetector d = Detectors.ewma();
    d.update(5000L, 1.0);
    d.update(5000L, 1.0); // equal times are accepted
    assertThatThrownBy(() -> d.update(4999L, 1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epochMillis must not decrease").hasMessageContaining("4999");
  }

  @Test
  void factories_nullOptions_rejected() {
    assertThatThrownBy(() -> Detectors.cusum(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("options");
    assertThatThrownBy(() -> Detectors.ensemble(DetectorOptions.defaults(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members");
    assertThatThrownBy(() -> Detectors.forecastResidual(Forecasters.ses(), 0, DetectorOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refitEvery");
  }

  @Test
  void options_badValues_rejectedNamingField() {
    assertThatThrownBy(() -> DetectorOptions.builder().bandWidth(0)).hasMessageContaining("bandWidth");
    assertThatThrownBy(() -> DetectorOptions.builder().bandWidth(Double.NaN)).hasMessageContaining("bandWidth");
    assertThatThrownBy(() -> DetectorOptions.builder().window(7)).hasMessageContaining("window");
    assertThatThrownBy(() -> DetectorOptions.builder().warmUp(-1)).hasMessageContaining("warmUp");
    assertThatThrownBy(() -> new AnomalyResult(1.5, true)).hasMessageContaining("score");
  }

  @Test
  void ewma_handCheckedBand_scoreHalfAtBandEdge() {
    // Alternating 9, 11: mean -> 10, EW variance -> about 1; a point 4 sigma away scores 0.5 with band 4.
    EwmaDetector d = new EwmaDetector(DetectorOptions.builder().window(1000).warmUp(2).bandWidth(4.0).build());
    for (int i = 0; i < 2; i++) {
      d.update(i, i % 2 == 0 ? 9 : 11);
    }
    // After 9, 11: mean 10, variance (plain average start) = 0.5 * (0 + 2 * 1) = 1.
    assertThat(d.update(2, 14.0).score()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void seasonalBaseline_hourOfDayProfile_flagsValueUnusualForItsHourOnly() {
    StreamingDetector d = Detectors.seasonalBaseline(DetectorOptions.builder().window(64).warmUp(8).build());
    Random rnd = new Random(3);
    for (int day = 0; day < 30; day++) {
      for (int h = 0; h < 24; h++) {
        double usual = h < 12 ? 10 : 100;
        d.update((day * 24L + h) * HOUR, usual + rnd.nextGaussian());
      }
    }
    long day30 = 30 * 24L * HOUR;
    // 100 is normal in the afternoon but anomalous at 03:00.
    assertThat(d.update(day30 + 3 * HOUR, 100).anomalous()).isTrue();
    assertThat(d.update(day30 + 15 * HOUR, 100).anomalous()).isFalse();
  }

  @Test
  void seasonalBaseline_hourOfWeekSlots_mondayMidnightIsSlotZero() {
    SeasonalBaselineDetector d = new SeasonalBaselineDetector(
        DetectorOptions.builder().seasonality(DetectorOptions.Seasonality.HOUR_OF_WEEK).build());
    long monday = java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli(); // a Monday
    assertThat(d.slot(monday)).isZero();
    assertThat(d.slot(monday + 25 * HOUR)).isEqualTo(25);
    assertThat(d.slot(monday - HOUR)).isEqualTo(167);
  }

  @Test
  void cusum_levelShiftOfOneSigma_signalledWithinTwentyPoints() {
    StreamingDetector d = Detectors.cusum(DetectorOptions.builder().window(200).bandWidth(4.0).build());
    Random rnd = new Random(11);
    for (int i = 0; i < 500; i++) {
      assertThat(d.update(i, rnd.nextGaussian()).anomalous()).as("in control %d", i).isFalse();
    }
    int detectedAt = -1;
    for (int i = 500; i < 600 && detectedAt < 0; i++) {
      if (d.update(i, 1.5 + rnd.nextGaussian()).anomalous()) {
        detectedAt = i;
      }
    }
    assertThat(detectedAt).isBetween(500, 520);
  }

  @Test
  void bayesianChangePoint_levelShift_flaggedSoonAfter() {
    StreamingDetector d = Detectors.bayesianChangePoint(DetectorOptions.builder().window(300).build());
    Random rnd = new Random(12);
    for (int i = 0; i < 600; i++) {
      d.update(i, 20 + rnd.nextGaussian());
    }
    int detectedAt = -1;
    for (int i = 600; i < 700 && detectedAt < 0; i++) {
      if (d.update(i, 24 + rnd.nextGaussian()).anomalous()) {
        detectedAt = i;
      }
    }
    assertThat(detectedAt).isBetween(600, 615);
  }

  @Test
  void cusum_handCheckedSums() {
    Cusum c = new Cusum(0.5, 4.0);
    assertThat(c.update(1.5)).isFalse(); // S+ = 1
    assertThat(c.update(2.5)).isFalse(); // S+ = 3
    assertThat(c.statistic()).isEqualTo(0.75);
    assertThat(c.update(1.5)).isTrue(); // S+ = 4 -> signal, restart
    assertThat(c.upper()).isZero();
    assertThatThrownBy(() -> c.update(Double.NaN)).hasMessageContaining("z must be finite");
    assertThatThrownBy(() -> new Cusum(-1, 1)).hasMessageContaining("k must be");
  }

  @Test
  void exclusions_markedPeriod_doesNotTrainBaseline() {
    ExclusionSchedule deployments = new ExclusionSchedule();
    DetectorOptions o = DetectorOptions.builder().window(50).exclusions(deployments).build();
    StreamingDetector withExclusion = Detectors.ewma(o);
    StreamingDetector without = Detectors.ewma(DetectorOptions.builder().window(50).build());
    Random rnd = new Random(5);
    deployments.markExcluded(400, 499);
    for (int i = 0; i < 500; i++) {
      double v = 10 + 0.1 * rnd.nextGaussian() + (i >= 400 ? 50 : 0);
      withExclusion.update(i, v);
      without.update(i, v);
    }
    // The detector that learned the disturbance now takes 60 as normal; the one that excluded it does not.
    assertThat(without.update(500, 60).anomalous()).isFalse();
    assertThat(withExclusion.update(500, 60).anomalous()).isTrue();
    assertThat(withExclusion.update(501, 10).anomalous()).isFalse();
  }

  @Test
  void exclusionSchedule_mergesAndForgets() {
    ExclusionSchedule s = new ExclusionSchedule().markExcluded(10, 20).markExcluded(30, 40).markExcluded(21, 29);
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.isExcluded(25)).isTrue();
    assertThat(s.isExcluded(41)).isFalse();
    s.markExcluded(100, 110);
    s.forgetBefore(50);
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.isExcluded(15)).isFalse();
    assertThatThrownBy(() -> s.markExcluded(5, 4)).hasMessageContaining("toEpochMillis");
  }

  @Test
  void forecastResidual_flagsDeviationFromForecast() {
    StreamingDetector d = Detectors.forecastResidual(Forecasters.holt(), 24,
        DetectorOptions.builder().window(96).bandWidth(4.0).build());
    Random rnd = new Random(9);
    for (int i = 0; i < 300; i++) {
      d.update(i * HOUR, 100 + 0.5 * i + rnd.nextGaussian());
    }
    assertThat(d.update(300 * HOUR, 100 + 150 + 30).anomalous()).isTrue();
    assertThat(d.update(301 * HOUR, 100 + 150.5).anomalous()).isFalse();
  }

  @Test
  void halfSpaceTrees_isolatedShapeChange_scoresHigherThanUsualPoints() {
    StreamingDetector d = Detectors.halfSpaceTrees(DetectorOptions.builder().window(128).build());
    Random rnd = new Random(1);
    double maxNormal = 0;
    for (int i = 0; i < 2000; i++) {
      double s = d.update(i, Math.sin(i / 5.0) + 0.05 * rnd.nextGaussian()).score();
      if (i > 600) {
        maxNormal = Math.max(maxNormal, s);
      }
    }
    double spike = d.update(2000, 6.0).score();
    assertThat(spike).isGreaterThan(maxNormal).isGreaterThanOrEqualTo(0.5);
  }

  @Test
  void ensemble_alertCooldown_secondSpikeOfSameIncidentDamped() {
    DetectorOptions o = DetectorOptions.builder().window(64).build();
    StreamingDetector d = Detectors.ensemble(o, List.of(Detectors.ewma(o), Detectors.seasonalBaseline(o)));
    Random rnd = new Random(2);
    for (int i = 0; i < 500; i++) {
      d.update(i * 60_000L, 10 + rnd.nextGaussian());
    }
    AnomalyResult first = d.update(500 * 60_000L, 40);
    AnomalyResult second = d.update(501 * 60_000L, 30);
    assertThat(first.anomalous()).isTrue();
    assertThat(second.score()).isLessThan(first.score());
    assertThat(second.anomalous()).isFalse();
  }

  @Test
  void ensemble_explicitAlertPoint_mappedOntoHalf() {
    DetectorOptions o = DetectorOptions.builder().window(64).build();
    // A member that always scores 0.8: with alert point 0.8 the ensemble scores exactly 0.5 and labels it.
    StreamingDetector constant = (t, v) -> new AnomalyResult(0.8, true);
    StreamingDetector d = Detectors.ensemble(o, List.of(constant), 0, 0.8);
    AnomalyResult r = d.update(0, 1.0);
    assertThat(r.score()).isEqualTo(0.5);
    assertThat(r.anomalous()).isTrue();
    StreamingDetector e = Detectors.ensemble(o, List.of((t, v) -> new AnomalyResult(0.4, false)), 0, 0.8);
    assertThat(e.update(0, 1.0).score()).isEqualTo(0.25);
    assertThatThrownBy(() -> Detectors.ensemble(o, List.of(constant), 0, 0.0)).hasMessageContaining("alertThreshold");
  }
}
