package io.stratus.timeseries.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-checked ETS recursions, forecasts and interval widths with fixed parameters and initial states. */
class EtsTest {

  @Test
  void holtWintersAdditive_fixedParameters_matchHandComputation() {
    // ETS(A,A,A), m=2, alpha=0.5, beta=0.1, gamma=0.2, l0=10, b0=1, s=(1,-1); worked out by hand:
    // t=0: mu=10+1+1=12, e=0     -> l=11,    b=1,     s0=1
    // t=1: mu=11+1-1=11, e=-1    -> l=11.5,  b=0.9,   s1=-1.2
    // t=2: mu=12.4+1=13.4, e=0.6 -> l=12.7,  b=0.96,  s0=1.12
    // t=3: mu=13.66-1.2=12.46, e=-0.46 -> l=13.43, b=0.914, s1=-1.292
    Ets aaa = new Ets(false, Ets.ADD, Ets.ADD, 2);
    double[] y = {12, 10, 14, 12};
    Ets.EtsFit fit = aaa.fitFixed(y, 0.5, 0.1, 0.2, 1, new double[] {10, 1, 1, -1});
    assertThat(fit.fitted()).containsExactly(new double[] {12, 11, 13.4, 12.46}, within(1e-12));
    assertThat(fit.residuals()).containsExactly(new double[] {0, -1, 0.6, -0.46}, within(1e-12));
    Forecast f = fit.forecast(3);
    assertThat(f.mean()).containsExactly(new double[] {15.464, 13.966, 17.292}, within(1e-9));
    // sigma^2 = SSE / max(1, n - 3 - 1) = 1.5716; c1 = alpha + beta = 0.6; c2 = alpha + 2 beta + gamma = 0.9
    double s2 = 1.5716;
    double[] expectedSd = {Math.sqrt(s2), Math.sqrt(s2 * 1.36), Math.sqrt(s2 * (1.36 + 0.81))};
    for (int j = 0; j < 3; j++) {
      assertThat(f.upper95()[j] - f.mean()[j]).isCloseTo(1.959963984540054 * expectedSd[j], within(1e-9));
      assertThat(f.mean()[j] - f.lower80()[j]).isCloseTo(1.2815515655446004 * expectedSd[j], within(1e-9));
    }
  }

  @Test
  void ses_fixedAlpha_equalsClosedFormWeightedAverage() {
    double alpha = 0.3;
    double l0 = 5;
    double[] y = {6, 4, 7, 9, 8, 5, 6};
    Ets ann = new Ets(false, Ets.NONE, Ets.NONE, 1);
    Ets.EtsFit fit = ann.fitFixed(y, alpha, 0, 0, 1, new double[] {l0, 0, 0});
    int n = y.length;
    double expected = Math.pow(1 - alpha, n) * l0;
    for (int t = 0; t < n; t++) {
      expected += alpha * Math.pow(1 - alpha, n - 1 - t) * y[t];
    }
    Forecast f = fit.forecast(4);
    for (double v : f.mean()) {
      assertThat(v).isCloseTo(expected, within(1e-12));
    }
    // var_h = sigma^2 (1 + (h-1) alpha^2)
    double sd1 = f.upper95()[0] - f.mean()[0];
    double sd4 = f.upper95()[3] - f.mean()[3];
    assertThat(sd4 / sd1).isCloseTo(Math.sqrt(1 + 3 * alpha * alpha), within(1e-12));
  }

  @Test
  void dampedTrend_fixedParameters_forecastUsesPhiSums() {
    Ets aadn = new Ets(false, Ets.DAMPED, Ets.NONE, 1);
    double[] y = {10, 10, 10, 10, 10};
    // with alpha=beta small and data equal to the first prediction the states stay close; check the h-step shape
    Ets.EtsFit fit = aadn.fitFixed(y, 0.5, 0.1, 0, 0.9, new double[] {8, 2, 0});
    double l = fit.level();
    double b = fit.slope();
    Forecast f = fit.forecast(3);
    assertThat(f.mean()[0]).isCloseTo(l + 0.9 * b, within(1e-12));
    assertThat(f.mean()[1]).isCloseTo(l + (0.9 + 0.81) * b, within(1e-12));
    assertThat(f.mean()[2]).isCloseTo(l + (0.9 + 0.81 + 0.729) * b, within(1e-12));
  }

  @Test
  void multiplicativeSeason_fixedParameters_matchHandComputation() {
    // ETS(M,N,M), m=2, alpha=0.5, gamma=0.2, l0=10, s=(1.2, 0.8)
    // t=0: mu=12, y=15, e=0.25 -> l=10*(1.125)=11.25, s0=1.2*1.05=1.26
    // t=1: mu=9,  y=9,  e=0    -> l=11.25, s1=0.8
    Ets mnm = new Ets(true, Ets.NONE, Ets.MUL, 2);
    Ets.EtsFit fit = mnm.fitFixed(new double[] {15, 9}, 0.5, 0, 0.2, 1, new double[] {10, 0, 1.2, 0.8});
    assertThat(fit.fitted()).containsExactly(new double[] {12, 9}, within(1e-12));
    assertThat(fit.forecast(2).mean()).containsExactly(new double[] {11.25 * 1.26, 11.25 * 0.8}, within(1e-12));
  }

  @Test
  void parse_forms_roundTripNames() {
    assertThat(Ets.parse("M, Ad, M", 24).name()).isEqualTo("ETS(M,Ad,M)[24]");
    assertThat(Ets.parse("A,N,N", 24).name()).isEqualTo("ETS(A,N,N)");
  }

  @Test
  void fit_seasonalSeries_selectsSeasonalFormAndTracksPattern() {
    double[] y = new double[24 * 12];
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int t = 0; t < y.length; t++) {
      y[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + r.nextDouble();
    }
    FittedModel fit = Forecasters.ets(24).fit(y);
    assertThat(fit.name()).endsWith("[24]");
    assertThat(fit.aicc()).isFinite();
    double[] mean = fit.forecast(24).mean();
    for (int j = 0; j < 24; j++) {
      double truth = 50.5 + 10 * Math.sin(2 * Math.PI * (y.length + j) / 24);
      assertThat(mean[j]).isCloseTo(truth, within(1.5));
    }
  }
}
