package io.stratus.timeseries.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.timeseries.SeasonalDecomposition;
import io.stratus.timeseries.SeriesTooShortException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForecastersTest {

  private static double gaussian(SplittableRandom r) {
    double u = Math.max(r.nextDouble(), 1e-300);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void naive_forecastsLastValue_intervalsWidenWithSqrtH() {
    FittedModel fit = Forecasters.naive().fit(new double[] {1, 3, 2, 4});
    Forecast f = fit.forecast(4);
    assertThat(f.mean()).containsExactly(4, 4, 4, 4);
    assertThat(fit.fitted()[0]).isNaN();
    assertThat(fit.residuals()).containsExactly(new double[] {Double.NaN, 2, -1, 2}, within(0.0));
    // residual sd = sqrt((4 + 1 + 4) / 3) = sqrt(3)
    assertThat(fit.residualSd()).isCloseTo(Math.sqrt(3), within(1e-12));
    assertThat(f.upper95()[3] - 4).isCloseTo(2 * (f.upper95()[0] - 4), within(1e-12));
  }

  @Test
  void seasonalNaive_repeatsLastCycle() {
    Forecast f = Forecasters.seasonalNaive(3).fit(new double[] {1, 2, 3, 4, 5, 6, 7}).forecast(5);
    assertThat(f.mean()).containsExactly(5, 6, 7, 5, 6);
    assertThat(f.model()).isEqualTo("SeasonalNaive(m=3)");
  }

  @Test
  void naive2_seasonalSeries_isNaiveOnDeseasonalisedTimesIndices() {
    double[] y = new double[20];
    for (int t = 0; t < y.length; t++) {
      y[t] = (t % 2 == 0 ? 10 : 20) + 0.5 * t;
    }
    double[] idx = SeasonalDecomposition.classical(y, 2, true).seasonalIndices();
    double lastAdjusted = y[19] / idx[1];
    Forecast f = Forecasters.naive2(2).fit(y).forecast(3);
    assertThat(f.mean()).containsExactly(
        new double[] {lastAdjusted * idx[0], lastAdjusted * idx[1], lastAdjusted * idx[0]}, within(1e-9));
  }

  @Test
  void naive2_nonSeasonalSeries_isNaive() {
    double[] y = new double[60];
    SplittableRandom r = new SplittableRandom(3);
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + gaussian(r);
    }
    assertThat(Forecasters.naive2(12).fit(y).forecast(2).mean()).containsExactly(y[59], y[59]);
  }

  @Test
  void theta_noiselessLine_driftIsHalfTheSlope() {
    double[] y = new double[50];
    for (int t = 0; t < y.length; t++) {
      y[t] = 3 + 2 * t;
    }
    double[] mean = Forecasters.theta(1).fit(y).forecast(5).mean();
    for (int j = 1; j < 5; j++) {
      assertThat(mean[j] - mean[j - 1]).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void holtWinters_seasonalSeries_followsPattern() {
    double[] add = new double[12 * 8];
    double[] mul = new double[12 * 8];
    SplittableRandom r = new SplittableRandom(11);
    for (int t = 0; t < add.length; t++) {
      add[t] = 100 + t + 20 * Math.sin(2 * Math.PI * t / 12) + 0.5 * gaussian(r);
      mul[t] = (100 + t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)) + 0.5 * gaussian(r);
    }
    double[] meanAdd = Forecasters.holtWintersAdditive(12).fit(add).forecast(12).mean();
    double[] meanMul = Forecasters.holtWintersMultiplicative(12).fit(mul).forecast(12).mean();
    for (int j = 0; j < 12; j++) {
      int t = add.length + j;
      assertThat(meanAdd[j]).as("additive step " + j)
          .isCloseTo(100 + t + 20 * Math.sin(2 * Math.PI * t / 12), within(4.0));
      assertThat(meanMul[j]).as("multiplicative step " + j)
          .isCloseTo((100 + t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)), within(4.0));
    }
  }

  @Test
  void mstl_dailyAndWeeklyCycles_beatsSingleSeasonNaiveOnHeldOut() {
    int n = 24 * 7 * 5;
    double[] all = new double[n + 48];
    SplittableRandom r = new SplittableRandom(5);
    for (int t = 0; t < all.length; t++) {
      all[t] = 100 + 20 * Math.sin(2 * Math.PI * t / 24) + ((t / 24) % 7 >= 5 ? -30 : 0) + 2 * gaussian(r);
    }
    double[] y = java.util.Arrays.copyOf(all, n);
    double[] future = java.util.Arrays.copyOfRange(all, n, n + 48);
    FittedModel mstl = Forecasters.mstl(24, 168).fit(y);
    assertThat(mstl.name()).startsWith("MSTL[24, 168]+ETS");
    double mstlErr = Accuracy.mase(y, future, mstl.forecast(48).mean(), 24);
    double snaiveErr = Accuracy.mase(y, future, Forecasters.seasonalNaive(24).fit(y).forecast(48).mean(), 24);
    assertThat(mstlErr).isLessThan(snaiveErr);
  }

  @Test
  void intervals_localLevelProcess_coverageCloseToNominal() {
    SplittableRandom r = new SplittableRandom(2024);
    int reps = 150;
    int h = 10;
    double in80 = 0;
    double in95 = 0;
    for (int k = 0; k < reps; k++) {
      double[] all = new double[120 + h];
      double level = 50;
      for (int t = 0; t < all.length; t++) {
        double e = gaussian(r);
        all[t] = level + e;
        level += 0.3 * e;
      }
      double[] y = java.util.Arrays.copyOf(all, 120);
      double[] future = java.util.Arrays.copyOfRange(all, 120, 120 + h);
      Forecast f = Forecasters.ses().fit(y).forecast(h);
      in80 += Accuracy.coverage(future, f.lower80(), f.upper80());
      in95 += Accuracy.coverage(future, f.lower95(), f.upper95());
    }
    assertThat(in80 / reps).isBetween(0.72, 0.88);
    assertThat(in95 / reps).isBetween(0.90, 0.99);
  }

  @Test
  void auto_seasonalSeries_picksNamedCandidateAndForecasts() {
    double[] y = new double[24 * 20];
    SplittableRandom r = new SplittableRandom(9);
    for (int t = 0; t < y.length; t++) {
      y[t] = 10 + 3 * Math.sin(2 * Math.PI * t / 24) + 0.3 * gaussian(r);
    }
    FittedModel fit = Forecasters.auto(24, 168).fit(y);
    assertThat(fit.name()).startsWith("Auto[");
    Forecast f = fit.forecast(48);
    assertThat(f.model()).isEqualTo(fit.name());
    for (int j = 0; j < 48; j++) {
      assertThat(f.mean()[j]).isCloseTo(10 + 3 * Math.sin(2 * Math.PI * (y.length + j) / 24), within(1.2));
    }
    assertThat(fit.fitted()).hasSize(y.length);
  }

  @Test
  void auto_veryShortSeries_fallsBackToNaive() {
    FittedModel fit = Forecasters.auto(24).fit(new double[] {3, 4, 5});
    assertThat(fit.name()).isEqualTo("Auto[Naive]");
    assertThat(fit.forecast(2).mean()).containsExactly(5, 5);
  }

  @Test
  void combinations_medianAndMean_ofMembers() {
    double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    Forecaster naive = Forecasters.naive();
    Forecaster snaive = Forecasters.seasonalNaive(4);
    Forecaster theta = Forecasters.theta(1);
    double[] a = naive.fit(y).forecast(3).mean();
    double[] b = snaive.fit(y).forecast(3).mean();
    double[] c = theta.fit(y).forecast(3).mean();
    double[] med = Forecasters.median(naive, snaive, theta).fit(y).forecast(3).mean();
    double[] mean = Forecasters.mean(naive, snaive, theta).fit(y).forecast(3).mean();
    for (int j = 0; j < 3; j++) {
      double[] s = {a[j], b[j], c[j]};
      java.util.Arrays.sort(s);
      assertThat(med[j]).isEqualTo(s[1]);
      assertThat(mean[j]).isCloseTo((a[j] + b[j] + c[j]) / 3, within(1e-12));
    }
  }

  @Test
  void fit_nanOrInfinite_rejectedWithIndexAndValue() {
    double[] y = {1, 2, 3, 4, 5, 6, Double.NaN, 8};
    for (Forecaster f : new Forecaster[] {Forecasters.naive(), Forecasters.ses(), Forecasters.ets(2),
        Forecasters.theta(2), Forecasters.mstl(2), Forecasters.auto(2), Forecasters.naive2(2)}) {
      assertThatThrownBy(() -> f.fit(y)).as(f.name())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("y[6] = NaN");
    }
    assertThatThrownBy(() -> Forecasters.ses().fit(new double[] {1, 2, 3, 4, 5, Double.POSITIVE_INFINITY}))
        .hasMessageContaining("y[5] = Infinity");
  }

  @Test
  void fit_tooShort_throwsTypedException() {
    assertThatThrownBy(() -> Forecasters.ses().fit(new double[] {1, 2, 3}))
        .isInstanceOfSatisfying(SeriesTooShortException.class, e -> assertThat(e.actual()).isEqualTo(3));
    assertThatThrownBy(() -> Forecasters.holtWintersAdditive(24).fit(new double[30]))
        .isInstanceOfSatisfying(SeriesTooShortException.class, e -> assertThat(e.required()).isEqualTo(48));
    assertThatThrownBy(() -> Forecasters.holt().fit(new double[6]))
        .isInstanceOfSatisfying(SeriesTooShortException.class, e -> assertThat(e.required()).isEqualTo(7));
    assertThatThrownBy(() -> Forecasters.dampedTrend().fit(new double[7]))
        .isInstanceOfSatisfying(SeriesTooShortException.class, e -> assertThat(e.required()).isEqualTo(8));
    assertThat(Forecasters.dampedTrend().fit(new double[] {1, 2, 3, 4, 5, 6, 7, 8}).forecast(1).mean()[0]).isFinite();
    assertThatThrownBy(() -> Forecasters.seasonalNaive(24).fit(new double[24]))
        .isInstanceOf(SeriesTooShortException.class);
    assertThatThrownBy(() -> Forecasters.auto().fit(new double[] {1}))
        .isInstanceOf(SeriesTooShortException.class);
  }

  @Test
  void badArguments_rejectedWithMessages() {
    assertThatThrownBy(() -> Forecasters.naive().fit(new double[] {1, 2}).forecast(0))
        .hasMessageContaining("h = 0");
    assertThatThrownBy(() -> Forecasters.holtWintersMultiplicative(2).fit(new double[] {1, 2, 0, 4, 5, 6, 7, 8, 9}))
        .hasMessageContaining("y[2] = 0.0").hasMessageContaining("needs values > 0");
    assertThatThrownBy(() -> Forecasters.ets("X,N,N", 1)).hasMessageContaining("error must be A or M");
    assertThatThrownBy(() -> Forecasters.seasonalNaive(0)).hasMessageContaining("m = 0");
    assertThatThrownBy(() -> Forecasters.mstl()).hasMessageContaining("at least one season period");
    assertThatThrownBy(() -> Forecasters.auto(0)).hasMessageContaining("periods[0] = 0");
    assertThatThrownBy(Forecasters::median).hasMessageContaining("at least one method");
    assertThatThrownBy(() -> Forecasters.naive().fit(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void forecastOf_notNested_rejected() {
    double[] one = {1};
    assertThatThrownBy(() -> Forecast.of("x", one, new double[] {2}, one, one, one))
        .hasMessageContaining("step 0: bounds not nested");
    Forecast ok = Forecast.of("x", one, one, one, one, one);
    assertThat(ok.horizon()).isEqualTo(1);
  }

  /** Mirrors the example in this package's package-info.java. */
  @Test
  void packageDocExample_runs() {
    double[] hourlyCpu = new double[24 * 7 * 3];
    SplittableRandom r = new SplittableRandom(1);
    for (int t = 0; t < hourlyCpu.length; t++) {
      hourlyCpu[t] = 40 + 15 * Math.sin(2 * Math.PI * t / 24) + 2 * gaussian(r);
    }
    FittedModel model = Forecasters.auto(24, 168).fit(hourlyCpu);
    Forecast next2Days = model.forecast(48);
    double[] upper = next2Days.upper95();
    assertThat(upper).hasSize(48);
    for (int j = 0; j < 48; j++) {
      assertThat(upper[j]).isGreaterThan(next2Days.mean()[j]);
    }
  }
}
