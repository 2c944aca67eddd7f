package io.stratus.timeseries.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StateTrackerTest {

  private static double[] series(long seed, int n) {
    Random rnd = new Random(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 50 + 0.2 * t + 8 * Math.sin(2 * Math.PI * t / 12) + rnd.nextGaussian();
    }
    return y;
  }

  /**
   * A tracker started after a fit and fed the following observations forecasts exactly what the same form with the
   * same parameters and initial states fits in-sample over the longer series: the O(1) recursions are the model's.
   */
  @Test
  void observe_continuingSeries_matchesInSampleOneStepForecastsOfFixedParameters() {
    Ets[] forms = {new Ets(false, Ets.NONE, Ets.NONE, 1), new Ets(false, Ets.ADD, Ets.NONE, 1),
        new Ets(false, Ets.DAMPED, Ets.NONE, 1), new Ets(false, Ets.ADD, Ets.ADD, 12),
        new Ets(true, Ets.ADD, Ets.MUL, 12), new Ets(true, Ets.NONE, Ets.ADD, 12),
        new Ets(false, Ets.ADD, Ets.MUL, 12)};
    double[] y = series(4, 144);
    double[] head = java.util.Arrays.copyOf(y, 120);
    for (Ets form : forms) {
      Ets.EtsFit fit = form.fit(head);
      StateTracker tracker = fit.tracker().orElseThrow();
      Ets.EtsFit full = form.fitFixed(y, fit.alpha, fit.beta, fit.gamma, fit.phi, form.initialStates(head));
      double[] fitted = full.fitted();
      Forecast first = fit.forecast(1);
      assertThat(tracker.nextMean()).as(form.name()).isCloseTo(first.mean()[0], within(1e-9));
      assertThat(tracker.nextSd()).as(form.name())
          .isCloseTo((first.upper95()[0] - first.mean()[0]) / 1.959963984540054, within(1e-9));
      for (int t = head.length; t < y.length; t++) {
        assertThat(tracker.nextMean()).as("%s at %d", form.name(), t).isCloseTo(fitted[t], within(1e-9));
        assertThat(tracker.observe(y[t])).isTrue();
      }
    }
  }

  @Test
  void tracker_nonStateSpaceModel_empty() {
    assertThat(Forecasters.theta(12).fit(series(1, 96)).tracker()).isEmpty();
    assertThat(Forecasters.holt().fit(series(1, 96)).tracker()).isPresent();
  }

  @Test
  void observe_multiplicativeFormDrivenToZero_becomesInadmissible() {
    StateTracker tracker = new Ets(true, Ets.NONE, Ets.NONE, 1).fit(series(2, 60)).tracker().orElseThrow();
    assertThatThrownBy(() -> tracker.observe(Double.NaN)).hasMessageContaining("y must be finite");
    boolean admissible = true;
    for (int i = 0; i < 200 && admissible; i++) {
      admissible = tracker.observe(-1e6);
    }
    assertThat(admissible).isFalse();
    assertThat(tracker.observe(50)).isFalse();
  }
}
