package io.stratus.timeseries.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class ForecastPropertiesTest {

  private static List<Forecaster> methods() {
    return List.of(Forecasters.naive(), Forecasters.seasonalNaive(12), Forecasters.naive2(12), Forecasters.ses(),
        Forecasters.holt(), Forecasters.dampedTrend(), Forecasters.holtWintersAdditive(12), Forecasters.ets(12),
        Forecasters.theta(12), Forecasters.mstl(12, 24), Forecasters.comb(12, 24), Forecasters.auto(12, 24));
  }

  @Property(tries = 15)
  void constantSeries_everyMethod_forecastsTheConstant(
      @ForAll @DoubleRange(min = -500, max = 5000) double c, @ForAll @IntRange(min = 60, max = 300) int n) {
    double[] y = new double[n];
    java.util.Arrays.fill(y, c);
    for (Forecaster method : methods()) {
      Forecast f = method.fit(y).forecast(30);
      for (int j = 0; j < 30; j++) {
        assertThat(f.mean()[j]).as(method.name() + " step " + j).isCloseTo(c, within(1e-9 * (1 + Math.abs(c))));
        assertThat(f.upper95()[j]).as(method.name()).isCloseTo(c, within(1e-6 * (1 + Math.abs(c))));
      }
    }
  }

  @Property(tries = 15)
  void constantPositiveSeries_multiplicativeHoltWinters_forecastsTheConstant(
      @ForAll @DoubleRange(min = 0.1, max = 1e5) double c) {
    double[] y = new double[48];
    java.util.Arrays.fill(y, c);
    for (double v : Forecasters.holtWintersMultiplicative(12).fit(y).forecast(13).mean()) {
      assertThat(v).isCloseTo(c, within(1e-9 * c));
    }
  }

  @Property(tries = 12)
  void noisySeasonalSeries_forecastsFiniteNestedAndDeterministic(
      @ForAll long seed, @ForAll @IntRange(min = 30, max = 250) int n,
      @ForAll @DoubleRange(min = 0, max = 50) double amplitude, @ForAll @DoubleRange(min = 0.01, max = 20) double noise,
      @ForAll @DoubleRange(min = -100, max = 1000) double offset) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = offset + amplitude * Math.sin(2 * Math.PI * t / 12) + noise * (r.nextDouble() - 0.5);
    }
    for (Forecaster method : methods()) {
      Forecast f;
      try {
        f = method.fit(y).forecast(24);
      } catch (io.stratus.timeseries.SeriesTooShortException tooShort) {
        continue;
      }
      // Forecast.of re-validates: all finite and lower95 <= lower80 <= mean <= upper80 <= upper95
      Forecast checked = Forecast.of(f.model(), f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95());
      assertThat(method.fit(y).forecast(24)).as(method.name() + " deterministic").isEqualTo(checked);
    }
  }
}
