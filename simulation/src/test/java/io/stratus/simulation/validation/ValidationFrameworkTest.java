package io.stratus.simulation.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValidationFrameworkTest {
  private static final ValidationFramework.Thresholds LOOSE =
      new ValidationFramework.Thresholds(0.1, 10, 0.05, 0, 0.95);

  @Test
  void andersonDarling_withTies_matchesScipyAndersonKsamp() {
    double[] x = {0.1, 0.5, 0.5, 0.7, 0.9, 1.2, 1.3, 2.0, 2.2, 3.1};
    double[] y = {0.3, 0.5, 0.8, 0.8, 1.1, 1.9, 2.4, 2.5, 3.3, 3.5, 4.0, 4.4};
    double[] r = AndersonDarling.test(x, y);
    // scipy.stats.anderson_ksamp([x, y], midrank=True): statistic 0.48753519995322386, pvalue 0.209
    assertThat(r[1]).isCloseTo(0.48753519995322386, within(1e-12));
    assertThat(r[2]).isCloseTo(0.209, within(0.01));
  }

  @Test
  void validate_identicalSeries_passesWithZeroError() {
    double[] v = new SplittableRandom(1).doubles(500).toArray();
    ValidationReport r = ValidationFramework.of(LOOSE).validate("same", v, v);
    assertThat(r.passed()).isTrue();
    assertThat(r.ksStatistic()).isZero();
    assertThat(r.rmse()).isZero();
    assertThat(r.mapePercent()).isZero();
    assertThat(r.adPValue()).isEqualTo(0.25);
    assertThat(r.meanError().contains(0)).isTrue();
  }

  @Test
  void validate_shiftedSeries_failsKsAndMapeChecks() {
    SplittableRandom rnd = new SplittableRandom(2);
    double[] obs = rnd.doubles(1000, 1, 2).toArray();
    double[] sim = obs.clone();
    for (int i = 0; i < sim.length; i++) {
      sim[i] += 0.5;
    }
    ValidationReport r = ValidationFramework.of(
            new ValidationFramework.Thresholds(0.1, 10, 0.05, 0.05, 0.95))
        .validate("shifted", sim, obs);
    assertThat(r.passed()).isFalse();
    assertThat(r.checks()).filteredOn(c -> !c.passed()).extracting(ValidationReport.Check::metric)
        .contains("ksStatistic", "mapePercent", "rmse", "adPValue");
    assertThat(r.rmse()).isCloseTo(0.5, within(1e-9));
    assertThat(r.meanError().lower()).isCloseTo(0.5, within(1e-9));
    assertThat(r.ksPValue()).isLessThan(1e-6);
  }

  @Test
  void validate_zeroObservations_excludedFromMapeAndCounted() {
    double[] obs = {0, 1, 2, 4};
    double[] sim = {0.1, 1.1, 2.2, 4.4};
    ValidationReport r = ValidationFramework.of(LOOSE).validate("zeros", sim, obs);
    assertThat(r.mapePairs()).isEqualTo(3);
    assertThat(r.mapePercent()).isCloseTo(10, within(1e-9));
  }

  @Test
  void validate_lengthMismatch_rejected() {
    assertThatThrownBy(() -> ValidationFramework.of(LOOSE).validate("x", new double[5], new double[6]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same length");
  }

  @Test
  void confidenceInterval_knownSample_matchesTInterval() {
    ConfidenceInterval ci = ConfidenceInterval.ofMean(new double[] {1, 2, 3, 4, 5}, 0.95);
    // mean 3, sd 1.5811, se 0.7071, t(0.975, 4) = 2.7764
    assertThat(ci.mean()).isEqualTo(3.0);
    assertThat(ci.halfWidth()).isCloseTo(2.7764 * 0.70711, within(1e-3));
  }

  @Test
  void thresholds_outOfRange_namesField() {
    assertThatThrownBy(() -> new ValidationFramework.Thresholds(2, 1, 1, 0, 0.95))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxKsStatistic");
  }
}
