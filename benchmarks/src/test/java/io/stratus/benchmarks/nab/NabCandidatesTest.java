package io.stratus.benchmarks.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The candidate specs of {@link NabCandidates}: the shipped default is the evaluated candidate; spec checks. */
class NabCandidatesTest {

  /** Undoes the piecewise-linear map that puts {@code trigger} on 0.5. */
  private static double combined(double score, double trigger) {
    return score < 0.5 ? 2.0 * score * trigger : trigger + (score - 0.5) * 2.0 * (1.0 - trigger);
  }

  @Test
  void defaultEnsemble_isRoundElevenRearmingCandidate_sameScores() {
    StreamingDetector candidate = NabCandidates.mixed("x+D4+C8+r2+Gs256g50-ra8l50");
    StreamingDetector shipped = Detectors.ensemble();
    Random rnd = new Random(3);
    int elevated = 0;
    for (int i = 0; i < 20_000; i++) {
      double x = 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + 3 * rnd.nextGaussian();
      if (i % 700 >= 650 && i % 700 < 650 + (i / 700) % 7) {
        x += (i / 700 % 2 == 0 ? 1 : -1) * (8 + 2 * (i / 700 % 5));
      }
      long t = 1_700_000_000_000L + i * 300_000L;
      double c = combined(candidate.update(t, x).score(), 0.8767);
      double s = combined(shipped.update(t, x).score(), 0.8767);
      assertThat(s).as("point %d", i).isCloseTo(c, org.assertj.core.data.Offset.offset(1e-12));
      if (c > 0.5) {
        elevated++;
      }
    }
    assertThat(elevated).isPositive();
  }

  @Test
  void mixed_cooldownOnCascade_isRejected() {
    assertThatThrownBy(() -> NabCandidates.mixed("x+D4+C8+r2+Gs256g50-cd128"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cooldown");
  }

  @Test
  void mixed_cooldownSpec_dampsAfterAlert() {
    StreamingDetector plain = NabCandidates.mixed("x+D4+C8+r2");
    StreamingDetector cooled = NabCandidates.mixed("x+D4+C8+r2-cd512");
    Random rnd = new Random(4);
    int damped = 0;
    for (int i = 0; i < 6_000; i++) {
      double x = 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + rnd.nextGaussian() + (i % 997 == 0 ? 30 : 0);
      long t = 1_700_000_000_000L + i * 300_000L;
      double p = combined(plain.update(t, x).score(), 0.9);
      double c = combined(cooled.update(t, x).score(), 0.877);
      assertThat(c).as("point %d", i).isLessThanOrEqualTo(p + 1e-12);
      if (c < p - 1e-9) {
        damped++;
      }
    }
    assertThat(damped).isPositive();
  }
}
