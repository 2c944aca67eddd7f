package io.stratus.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeasonalityDetectionTest {

  private static double[] series(int n, long seed, double trend, double noise, int[] periods, double[] amps) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 100 + trend * t + noise * r.nextGaussian();
      for (int i = 0; i < periods.length; i++) {
        y[t] += amps[i] * Math.sin(2 * Math.PI * t / periods[i]);
      }
    }
    return y;
  }

  @Test
  void detectPeriods_hourlyWithDailyAndWeeklyCycles_findsBoth() {
    double[] y = series(24 * 7 * 5, 1, 0.01, 1, new int[] {24, 168}, new double[] {10, 6});
    assertThat(Seasonality.detectPeriods(y, 200)).containsExactly(24, 168);
  }

  @Test
  void detectPeriods_hourlyWithDailyCycleOnly_findsTheDayNotItsHarmonics() {
    double[] y = series(24 * 30, 2, 0.05, 1, new int[] {24}, new double[] {10});
    assertThat(Seasonality.detectPeriods(y, 200)).containsExactly(24);
  }

  @Test
  void detectPeriods_dailyWithWeeklyCycle_findsSeven() {
    double[] y = series(365, 3, 0.2, 1, new int[] {7}, new double[] {5});
    assertThat(Seasonality.detectPeriods(y, 60)).containsExactly(7);
  }

  @Test
  void detectPeriods_weeklyWithYearlyCycle_findsFiftyTwo() {
    double[] y = series(52 * 6, 4, 0.1, 1, new int[] {52}, new double[] {20});
    assertThat(Seasonality.detectPeriods(y, 60)).containsExactly(52);
  }

  @Test
  void detectPeriods_valuesNearTheDoubleLimit_sameAsScaledDown() {
    double[] y = series(24 * 30, 5, 0, 1, new int[] {24}, new double[] {10});
    double[] big = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      big[t] = Math.scalb(y[t], 1010);
    }
    assertThat(Seasonality.detectPeriods(big, 100)).containsExactly(24);
    assertThat(Seasonality.acf(big, 30)).containsExactly(Seasonality.acf(y, 30));
  }

  @Test
  void detectPeriods_badArguments_rejected() {
    assertThatThrownBy(() -> Seasonality.detectPeriods(new double[10], 1)).hasMessageContaining("maxPeriod = 1");
    assertThat(Seasonality.detectPeriods(new double[] {1, 2, 3}, 24)).isEmpty();
  }

  @Property(tries = 100, seed = "20261207") // seeded: a false detection is rare, not impossible
  void detectPeriods_whiteNoiseWithTrend_findsNoCycle(@ForAll long seed,
      @ForAll @IntRange(min = 50, max = 1000) int n) {
    double[] y = series(n, seed, 0.3, 1, new int[0], new double[0]);
    // 4 standard errors and the 0.2 floor: noise passes with a probability of about 1e-4 per series
    assertThat(Seasonality.detectPeriods(y, 200)).isEmpty();
  }
}
