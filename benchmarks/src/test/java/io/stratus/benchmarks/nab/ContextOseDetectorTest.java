package io.stratus.benchmarks.nab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextOseDetectorTest {

  private static double value(int i) {
    return (i % 24) < 12 ? 10 + (i % 12) : 22 - (i % 12); // a repeating triangle
  }

  @Test
  void update_repeatingPatternThenNewPattern_quietThenScoresHigh() {
    ContextOseDetector d = new ContextOseDetector();
    double late = 0;
    for (int i = 0; i < 3000; i++) {
      double s = d.update(i * 60_000L, value(i)).score();
      if (i >= 2000) {
        late = Math.max(late, s);
      }
    }
    assertThat(late).as("learned pattern").isLessThan(0.4);
    double novel = 0;
    for (int i = 3000; i < 3010; i++) {
      novel = Math.max(novel, d.update(i * 60_000L, i % 2 == 0 ? 10 : 22).score());
    }
    assertThat(novel).as("new pattern").isGreaterThan(0.75); // then the rest period reports 0
  }

  @Test
  void update_firstRestPeriod_reportsZero() {
    ContextOseDetector d = new ContextOseDetector();
    for (int i = 0; i < ContextOseDetector.REST_PERIOD; i++) {
      assertThat(d.update(i, i % 7 == 0 ? 100 : i).score()).isZero();
    }
  }
}
