package io.stratus.timeseries.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Smoke test of M4's metrics on values computed by hand (no data needed). */
class AccuracyTest {

  @Test
  void smape_handComputed() {
    // |100-110|/(210) = 0.047619..., |50-40|/90 = 0.1111...; 200/2 * sum = 15.8730...
    double s = Accuracy.smape(new double[] {100, 50}, new double[] {110, 40});
    assertThat(s).isCloseTo(100 * (10.0 / 210 + 10.0 / 90), within(1e-12));
    assertThat(Accuracy.smape(new double[] {0}, new double[] {0})).isZero();
  }

  @Test
  void mase_seasonalScale_handComputed() {
    // m=2: in-sample seasonal differences |3-1|, |4-2|, |5-3| -> scale 2; forecast errors 1 and 3 -> MAE 2 -> MASE 1
    double[] insample = {1, 2, 3, 4, 5};
    assertThat(Accuracy.mase(insample, new double[] {6, 7}, new double[] {7, 4}, 2)).isCloseTo(1, within(1e-12));
    // a history no longer than m falls back to lag 1: scale 1
    assertThat(Accuracy.mase(new double[] {1, 2}, new double[] {3}, new double[] {5}, 24)).isCloseTo(2, within(1e-12));
  }

  @Test
  void mase_zeroScale_rejected() {
    assertThatThrownBy(() -> Accuracy.mase(new double[] {1, 1, 1}, new double[] {1}, new double[] {1}, 1))
        .hasMessageContaining("MASE is undefined");
  }

  @Test
  void owa_naive2ItselfIsOne_andHalfErrorsIsHalf() {
    assertThat(Accuracy.owa(18.383, 2.395, 18.383, 2.395)).isEqualTo(1);
    assertThat(Accuracy.owa(10, 1, 20, 2)).isCloseTo(0.5, within(1e-12));
    // published M4 Hourly sNaive: sMAPE 13.912, MASE 1.193 against Naive2 18.383, 2.395 -> OWA 0.627
    assertThat(Accuracy.owa(13.912, 1.193, 18.383, 2.395)).isCloseTo(0.627, within(5e-4));
  }

  @Test
  void coverage_countsInclusiveBounds() {
    assertThat(Accuracy.coverage(new double[] {1, 2, 3, 4}, new double[] {0, 2, 4, 0}, new double[] {1, 3, 5, 3}))
        .isEqualTo(0.5);
  }

  @Test
  void metrics_badInput_rejected() {
    assertThatThrownBy(() -> Accuracy.smape(new double[] {1}, new double[] {1, 2}))
        .hasMessageContaining("must be equal");
    assertThatThrownBy(() -> Accuracy.smape(new double[] {Double.NaN}, new double[] {1}))
        .hasMessageContaining("actual[0] = NaN");
  }
}
