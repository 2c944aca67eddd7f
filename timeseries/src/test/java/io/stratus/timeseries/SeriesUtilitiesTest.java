package io.stratus.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeriesUtilitiesTest {

  @Test
  void requireFinite_nan_namesIndexAndValue() {
    assertThatThrownBy(() -> SeriesValidation.requireFinite(new double[] {1, 2, Double.NaN}, "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[2] = NaN");
  }

  @Test
  void requireFinite_infinity_namesIndexAndValue() {
    assertThatThrownBy(() -> SeriesValidation.requireFinite(new double[] {Double.NEGATIVE_INFINITY}, "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[0] = -Infinity");
  }

  @Test
  void requireLength_short_throwsTypedExceptionWithCounts() {
    assertThatThrownBy(() -> SeriesValidation.requireLength(new double[3], 5, "thing"))
        .isInstanceOfSatisfying(SeriesTooShortException.class, e -> {
          assertThat(e.required()).isEqualTo(5);
          assertThat(e.actual()).isEqualTo(3);
          assertThat(e).hasMessageContaining("thing needs at least 5 observations, got 3");
        });
  }

  @Test
  void interpolate_gaps_linearInsideNearestAtEdges() {
    double nan = Double.NaN;
    double[] out = MissingValues.interpolate(new double[] {nan, 2, nan, nan, 8, nan});
    assertThat(out).containsExactly(2, 2, 4, 6, 8, 8);
  }

  @Test
  void interpolate_doesNotModifyInput() {
    double[] in = {1, Double.NaN, 3};
    MissingValues.interpolate(in);
    assertThat(in[1]).isNaN();
    assertThat(MissingValues.count(in)).isEqualTo(1);
  }

  @Test
  void interpolate_allMissing_throws() {
    assertThatThrownBy(() -> MissingValues.interpolate(new double[] {Double.NaN, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all 2 values are missing");
  }

  @Test
  void interpolate_infinite_rejectedWithIndex() {
    assertThatThrownBy(() -> MissingValues.interpolate(new double[] {1, Double.POSITIVE_INFINITY}))
        .hasMessageContaining("values[1] = Infinity");
  }

  @Test
  void resample_irregular_bucketsByEpochAlignedSlots() {
    long h = 3_600_000L;
    long[] ts = {10 * h + 5, 10 * h + 1000, 11 * h + 7, 13 * h};
    double[] v = {1, 3, 10, 7};
    RegularSeries mean = Resampler.resample(ts, v, Duration.ofHours(1), Resampler.Aggregation.MEAN);
    assertThat(mean.start()).isEqualTo(Instant.ofEpochMilli(10 * h));
    assertThat(mean.size()).isEqualTo(4);
    double[] values = mean.values();
    assertThat(values[0]).isEqualTo(2);
    assertThat(values[1]).isEqualTo(10);
    assertThat(values[2]).isNaN();
    assertThat(values[3]).isEqualTo(7);
    assertThat(mean.missingCount()).isEqualTo(1);
    assertThat(mean.interpolatedValues()).containsExactly(2, 10, 8.5, 7);
    assertThat(Resampler.resample(ts, v, Duration.ofHours(1), Resampler.Aggregation.SUM).values()[0]).isEqualTo(4);
    assertThat(Resampler.resample(ts, v, Duration.ofHours(1), Resampler.Aggregation.MAX).values()[0]).isEqualTo(3);
    assertThat(Resampler.resample(ts, v, Duration.ofHours(1), Resampler.Aggregation.MIN).values()[0]).isEqualTo(1);
    assertThat(Resampler.resample(ts, v, Duration.ofHours(1), Resampler.Aggregation.LAST).values()[0]).isEqualTo(3);
    assertThat(mean.instantAt(3)).isEqualTo(Instant.ofEpochMilli(13 * h));
  }

  @Test
  void resample_timestampsGoingBackwards_rejectedWithIndex() {
    assertThatThrownBy(() -> Resampler.resample(new long[] {5, 4}, new double[] {1, 2}, Duration.ofMillis(1),
        Resampler.Aggregation.MEAN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epochMillis[1] = 4 < epochMillis[0] = 5");
  }

  @Test
  void resample_lengthMismatchOrNonPositiveStep_rejected() {
    assertThatThrownBy(() -> Resampler.resample(new long[] {1}, new double[] {1, 2}, Duration.ofMillis(1),
        Resampler.Aggregation.MEAN)).hasMessageContaining("must be equal");
    assertThatThrownBy(() -> Resampler.resample(new long[] {1}, new double[] {1}, Duration.ZERO,
        Resampler.Aggregation.MEAN)).hasMessageContaining("step = PT0S");
  }

  @Test
  void acf_handComputed() {
    // mean 2.5, deviations -1.5 -0.5 0.5 1.5, c0 = 5; lag 1: 0.75 - 0.25 + 0.75 = 1.25 -> 0.25
    double[] r = Seasonality.acf(new double[] {1, 2, 3, 4}, 2);
    assertThat(r[0]).isEqualTo(1);
    assertThat(r[1]).isCloseTo(0.25, within(1e-12));
    // lag 2: (-1.5)(0.5) + (-0.5)(1.5) = -1.5 -> -0.3
    assertThat(r[2]).isCloseTo(-0.3, within(1e-12));
  }

  @Test
  void isSeasonal_sineWithPeriod24_trueAndNoiseFalse() {
    double[] sine = new double[24 * 10];
    double[] noise = new double[24 * 10];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int t = 0; t < sine.length; t++) {
      sine[t] = 10 + Math.sin(2 * Math.PI * t / 24) + 0.1 * r.nextDouble();
      noise[t] = r.nextDouble();
    }
    assertThat(Seasonality.isSeasonal(sine, 24)).isTrue();
    assertThat(Seasonality.isSeasonal(noise, 24)).isFalse();
    assertThat(Seasonality.isSeasonal(java.util.Arrays.copyOf(sine, 71), 24)).as("shorter than 3m").isFalse();
    assertThat(Seasonality.isSeasonal(sine, 1)).isFalse();
  }

  @Test
  void classicalDecomposition_period2_handComputed() {
    // y = 10, 20, 12, 22, 14, 24: centred 2x2 MA at t=1..4: (10/2+20+12/2)/2 = 15.5, 17, 17.5, 19
    double[] y = {10, 20, 12, 22, 14, 24};
    SeasonalDecomposition d = SeasonalDecomposition.classical(y, 2, false);
    double[] trend = d.trend();
    assertThat(trend[0]).isNaN();
    assertThat(trend[1]).isCloseTo(15.5, within(1e-12));
    assertThat(trend[2]).isCloseTo(16.5, within(1e-12));
    assertThat(trend[3]).isCloseTo(17.5, within(1e-12));
    assertThat(trend[4]).isCloseTo(18.5, within(1e-12));
    assertThat(trend[5]).isNaN();
    // detrended phase 0 (t=2,4): -4.5, -4.5; phase 1 (t=1,3): 4.5, 4.5 -> indices -4.5, 4.5 (already centred)
    assertThat(d.seasonalIndices()).containsExactly(new double[] {-4.5, 4.5}, within(1e-12));
    assertThat(d.indexAhead(1)).isCloseTo(-4.5, within(1e-12));
    assertThat(d.indexAhead(2)).isCloseTo(4.5, within(1e-12));
  }

  @Test
  void classicalDecomposition_multiplicativeWithZero_rejected() {
    assertThatThrownBy(() -> SeasonalDecomposition.classical(new double[] {1, 0, 1, 2}, 2, true))
        .hasMessageContaining("y[1] = 0.0");
  }

  @Test
  void multiSeasonal_twoKnownProfiles_recovered() {
    int n = 24 * 7 * 4;
    double[] daily = new double[24];
    double[] weekly = new double[168];
    for (int p = 0; p < 24; p++) {
      daily[p] = 10 * Math.sin(2 * Math.PI * p / 24);
    }
    for (int p = 0; p < 168; p++) {
      weekly[p] = (p / 24) >= 5 ? -5 * 2 / 7.0 * 5 / 2 : 5 * 2 / 7.0;
    }
    double wm = java.util.Arrays.stream(weekly).average().orElseThrow();
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 100 + daily[t % 24] + weekly[t % 168] - wm;
    }
    MultiSeasonalDecomposition d = MultiSeasonalDecomposition.of(y, 168, 24, 24);
    assertThat(d.periods()).containsExactly(24, 168);
    double[] total = new double[n];
    double[] s0 = d.seasonal(0);
    double[] s1 = d.seasonal(1);
    double[] adj = d.seasonallyAdjusted();
    for (int t = 0; t < n; t++) {
      total[t] = s0[t] + s1[t];
      assertThat(adj[t]).isCloseTo(100, within(1e-6));
      assertThat(total[t]).isCloseTo(y[t] - 100, within(1e-6));
    }
    assertThat(d.seasonalAhead(1)).isCloseTo(y[0] - 100, within(1e-6));
    for (double v : d.remainder()) {
      assertThat(v).isCloseTo(0, within(1e-6));
    }
  }

  @Test
  void multiSeasonal_periodLongerThanHalf_leftOut() {
    MultiSeasonalDecomposition d = MultiSeasonalDecomposition.of(new double[100], 12, 168);
    assertThat(d.periods()).containsExactly(12);
    assertThatThrownBy(() -> MultiSeasonalDecomposition.of(new double[100], 1))
        .hasMessageContaining("periods[0] = 1");
  }

  @Test
  void weighted_patternChangedRecently_profileFollowsRecentCycles() {
    int n = 24 * 10;
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double amp = t < n / 2 ? 1 : 10;
      y[t] = 100 + amp * Math.sin(2 * Math.PI * t / 24);
    }
    double peakEqual = MultiSeasonalDecomposition.of(y, 24).seasonalProfile(0)[6];
    double peakRecent = MultiSeasonalDecomposition.weighted(y, 0.5, 24).seasonalProfile(0)[6];
    assertThat(peakEqual).isCloseTo(5.5, within(0.6));
    assertThat(peakRecent).isGreaterThan(9.0);
    assertThatThrownBy(() -> MultiSeasonalDecomposition.weighted(y, 0, 24)).hasMessageContaining("decay = 0.0");
    assertThatThrownBy(() -> MultiSeasonalDecomposition.weighted(y, 1.5, 24)).hasMessageContaining("(0, 1]");
  }
}
