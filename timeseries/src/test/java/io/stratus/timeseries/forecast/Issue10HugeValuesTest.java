package io.stratus.timeseries.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.timeseries.NonFiniteStateException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: values of about {@code 1e155} and more made every ETS-based method report "needs at least 5
 * observations, got 60"; non-finite internal state must be detected and named, and {@code auto} must fall back.
 */
class Issue10HugeValuesTest {

  private static final List<Forecaster> METHODS = List.of(Forecasters.naive(), Forecasters.seasonalNaive(12),
      Forecasters.naive2(12), Forecasters.ses(), Forecasters.holt(), Forecasters.dampedTrend(),
      Forecasters.holtWintersAdditive(12), Forecasters.holtWintersMultiplicative(12), Forecasters.ets(12),
      Forecasters.theta(12), Forecasters.mstl(12), Forecasters.comb(12), Forecasters.auto(), Forecasters.auto(12));

  /** A seasonal series with its largest value in [1, 2), so that scaling it by a power of two is exact. */
  private static double[] unitSeries() {
    double[] y = new double[60];
    for (int t = 0; t < y.length; t++) {
      y[t] = 1.5 + 0.2 * Math.sin(2 * Math.PI * t / 12) + 0.002 * t + 0.01 * Math.cos(7.3 * t);
    }
    return y;
  }

  private static double[] scaled(double[] y, int power) {
    double[] out = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      out[t] = Math.scalb(y[t], power);
    }
    return out;
  }

  @Test
  void fit_valuesNear1e155_forecastsWhatTheUnitSeriesForecastsScaled() {
    double[] y = unitSeries();
    for (int power : new int[] {516, 1000, -600}) { // 2^516 ~ 1.3e155, 2^1000 ~ 1e301, 2^-600 ~ 2.4e-181
      double[] big = scaled(y, power);
      for (Forecaster method : METHODS) {
        Forecast unit = method.fit(y).forecast(12);
        Forecast f = method.fit(big).forecast(12);
        assertThat(f.mean()).as(method.name() + " at 2^" + power).containsExactly(scaled(unit.mean(), power));
        assertThat(f.upper95()).as(method.name()).containsExactly(scaled(unit.upper95(), power));
        assertThat(f.model()).isEqualTo(unit.model());
      }
    }
  }

  @Test
  void fit_valuesNear1e155_keepsFittedValuesResidualsAndTracker() {
    double[] y = unitSeries();
    double[] big = scaled(y, 516);
    FittedModel unit = Forecasters.holtWintersAdditive(12).fit(y);
    FittedModel fit = Forecasters.holtWintersAdditive(12).fit(big);
    assertThat(fit.fitted()).containsExactly(scaled(unit.fitted(), 516));
    assertThat(fit.residualSd()).isEqualTo(Math.scalb(unit.residualSd(), 516));
    StateTracker tracker = fit.tracker().orElseThrow();
    StateTracker unitTracker = unit.tracker().orElseThrow();
    assertThat(tracker.observe(big[0])).isTrue();
    assertThat(unitTracker.observe(y[0])).isTrue();
    assertThat(tracker.nextMean()).isEqualTo(Math.scalb(unitTracker.nextMean(), 516));
  }

  @Test
  void forecast_trendBeyondDoubleRange_throwsNonFiniteStateExceptionNamingTheStep() {
    double[] y = new double[20];
    for (int t = 0; t < y.length; t++) {
      y[t] = 1e306 * (1 + t);
    }
    FittedModel holt = Forecasters.holt().fit(y);
    assertThatThrownBy(() -> holt.forecast(200))
        .isInstanceOfSatisfying(NonFiniteStateException.class, e -> {
          assertThat(e.method()).isEqualTo("ETS(A,A,N)");
          assertThat(e.quantity()).startsWith("forecast step ");
        })
        .hasMessageContaining("internal state is not finite");
  }

  @Test
  void auto_forecastBeyondDoubleRange_fallsBackToNaiveAndSaysSo() {
    double[] y = new double[60];
    for (int t = 0; t < y.length; t++) {
      y[t] = 1e306 * (1 + t);
    }
    FittedModel fit = Forecasters.auto().fit(y);
    Forecast f = fit.forecast(200);
    assertThat(f.model()).startsWith("Auto[Naive; fallback after: ").contains("internal state is not finite");
    assertThat(f.mean()).containsOnly(y[y.length - 1]);
  }

  @Test
  void auto_chosenFormCannotFitTheWholeSeries_fallsBackToTheNextCandidateAndSaysSo() {
    double[] y = new double[240];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 * (1 + 0.5 * Math.sin(2 * Math.PI * t / 12)) * (1 + 0.01 * t) + Math.cos(3.1 * t);
    }
    y[y.length - 1] = -5; // validation never sees it; a multiplicative form cannot be refitted on all data
    assertThat(new AutoForecaster(new int[] {12}).select(y).get(0).name()).isEqualTo("ETS(M,A,M)[12]");
    FittedModel fit = Forecasters.auto(12).fit(y);
    assertThat(fit.name()).startsWith("Auto[Theta(m=12); fallback after: ETS(M,A,M)[12]: y[239] = -5.0");
    assertThat(fit.forecast(12).mean()).doesNotContain(Double.NaN, Double.POSITIVE_INFINITY);
  }

  @Test
  void ets_allFormsDiverge_throwsNonFiniteStateExceptionNotSeriesTooShort() {
    // the old code reported "ETS needs at least 5 observations, got 60" for a 60-point series
    double[] y = scaled(unitSeries(), 516);
    FittedModel fit = Forecasters.ets(1).fit(y);
    assertThat(fit.forecast(1).mean()[0]).isFinite();
  }
}
