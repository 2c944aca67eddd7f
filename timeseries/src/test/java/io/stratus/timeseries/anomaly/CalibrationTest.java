package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.special.Erf;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  private static final long MINUTE = 60_000L;

  @Property(tries = 200)
  void likelihoodCalibrate_matchesLogTailOfCommonsMathErfc(@ForAll @DoubleRange(min = 0.01, max = 6.3) double z) {
    double tail = 0.5 * Erf.erfc(z / Math.sqrt(2.0));
    double expected = -Math.log(tail) / Math.log(1e10);
    assertThat(LikelihoodDetector.calibrate(z)).isCloseTo(expected, Offset.offset(1e-6));
  }

  @Property(tries = 200)
  void likelihoodCalibrate_anyInput_withinUnitIntervalAndMonotone(@ForAll double z, @ForAll double w) {
    double a = LikelihoodDetector.calibrate(z);
    double b = LikelihoodDetector.calibrate(w);
    assertThat(a).isBetween(0.0, 1.0);
    if (z <= w) {
      assertThat(a).isLessThanOrEqualTo(b);
    }
  }

  @Test
  void likelihoodCalibrate_handChecked() {
    assertThat(LikelihoodDetector.calibrate(-1.0)).isZero();
    assertThat(LikelihoodDetector.calibrate(Double.NaN)).isZero();
    // Q(4.26489) = 1e-5, which the log scale puts at 0.5.
    assertThat(LikelihoodDetector.calibrate(4.264891)).isCloseTo(0.5, Offset.offset(1e-5));
    assertThat(LikelihoodDetector.calibrate(13.0)).isEqualTo(1.0);
  }

  @Property(tries = 30)
  void calibratedStages_anySeries_withinUnitInterval(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int avg,
      @ForAll @DoubleRange(min = 0.0, max = 1e6) double scale) {
    Random rnd = new Random(seed);
    DetectorOptions o = DetectorOptions.builder().window(16).warmUp(4).build();
    StreamingDetector lik = Detectors.likelihood(Detectors.ewma(o), avg, o);
    StreamingDetector rank = Detectors.rank(Detectors.contextual(o), o);
    for (int i = 0; i < 800; i++) {
      double v = scale * (rnd.nextInt(10) == 0 ? rnd.nextGaussian() * 100 : rnd.nextGaussian());
      assertThat(lik.update(i * MINUTE, v).score()).isBetween(0.0, 1.0);
      assertThat(rank.update(i * MINUTE, v).score()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void rank_newMaximumRawScore_scoresOneAndTypicalScoresLow() {
    DetectorOptions o = DetectorOptions.builder().window(500).warmUp(16).build();
    StreamingDetector d = Detectors.rank(Detectors.ewma(o), o);
    Random rnd = new Random(7);
    double typical = 0;
    for (int i = 0; i < 3000; i++) {
      double s = d.update(i * MINUTE, 10 + rnd.nextGaussian()).score();
      if (i >= 2000) {
        typical += s / 1000;
      }
    }
    // Median-rank raw scores map near ln 2 / ln 500 = 0.11; the mean over a uniform rank is 1 / ln 500 = 0.16.
    assertThat(typical).isBetween(0.08, 0.25);
    // Never seen before: the share above it is the half-weight prior, about 1 / (window + 1), so about ln 501 / ln 500.
    assertThat(d.update(3000 * MINUTE, 10 + 60).score()).isGreaterThan(0.99);
  }

  @Test
  void likelihood_noisyVersusQuietSeries_sameRawSpikeAlertsOnlyOnQuietOne() {
    DetectorOptions o = DetectorOptions.builder().window(1000).warmUp(64).build();
    DetectorOptions member = DetectorOptions.builder().window(64).bandWidth(4).build();
    StreamingDetector quiet = Detectors.likelihood(Detectors.ewma(member), 1, o);
    StreamingDetector noisy = Detectors.likelihood(Detectors.ewma(member), 1, o);
    Random rnd = new Random(3);
    for (int i = 0; i < 2000; i++) {
      quiet.update(i * MINUTE, 10 + rnd.nextGaussian());
      // Heavy-tailed noise: frequent 5-sigma excursions make large raw scores ordinary.
      noisy.update(i * MINUTE, 10 + (rnd.nextInt(5) == 0 ? 6 : 1) * rnd.nextGaussian());
    }
    assertThat(quiet.update(2000 * MINUTE, 16).score()).isGreaterThanOrEqualTo(0.5);
    assertThat(noisy.update(2000 * MINUTE, 16).score()).isLessThan(0.5);
  }

  @Test
  void newExtremes_beyondToleranceOnly() {
    StreamingDetector d = Detectors.newExtremes(DetectorOptions.builder().warmUp(2).build());
    d.update(0, 0);
    d.update(MINUTE, 100);
    assertThat(d.update(2 * MINUTE, 104).score()).isZero(); // within 5% of the range [0, 100]
    assertThat(d.update(3 * MINUTE, 109).score()).isZero(); // within 5% of [0, 104]
    assertThat(d.update(4 * MINUTE, 115).score()).isEqualTo(1.0); // beyond 109 + 5.45
    assertThat(d.update(5 * MINUTE, -5.7).score()).isZero(); // range [0, 115]: tolerance 5.75
    assertThat(d.update(6 * MINUTE, -12).score()).isEqualTo(1.0);
  }

  @Test
  void contextual_repeatedPatternThenNewTransition_onlyNewTransitionScores() {
    StreamingDetector d = Detectors.contextual(DetectorOptions.builder().window(64).warmUp(8).build());
    double[] pattern = {0, 10, 20, 30, 20, 10};
    int i = 0;
    for (; i < 600; i++) {
      double s = d.update(i * MINUTE, pattern[i % 6]).score();
      if (i > 100) {
        assertThat(s).as("point %d", i).isZero();
      }
    }
    // 30 after 10 was never seen: the level itself is known, every longer context is new.
    assertThat(d.update(i * MINUTE, 30).score()).isCloseTo(5.0 / 6.0, Offset.offset(1e-12));
  }

  @Test
  void factories_badArguments_rejectedNamingParameter() {
    DetectorOptions o = DetectorOptions.defaults();
    assertThatThrownBy(() -> Detectors.likelihood(Detectors.ewma(), 0, o)).hasMessageContaining("averaging");
    assertThatThrownBy(() -> Detectors.likelihood(null, 1, o)).hasMessageContaining("raw");
    assertThatThrownBy(() -> Detectors.rank(null, o)).hasMessageContaining("raw");
    assertThatThrownBy(() -> Detectors.ensemble(o, java.util.List.of(Detectors.ewma()), -1, 0.5))
        .hasMessageContaining("cooldown");
  }
}
