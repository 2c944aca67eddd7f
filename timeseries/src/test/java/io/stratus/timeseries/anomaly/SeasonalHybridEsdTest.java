package io.stratus.timeseries.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalHybridEsdTest {

  @Test
  void detect_dailySeasonWithInjectedSpikes_findsExactlyTheSpikes() {
    Random rnd = new Random(4);
    double[] y = new double[24 * 28];
    for (int i = 0; i < y.length; i++) {
      y[i] = 100 + 30 * Math.sin(2 * Math.PI * (i % 24) / 24.0) + rnd.nextGaussian();
    }
    y[100] += 25;
    y[333] -= 20;
    y[600] += 40;
    int[] found = SeasonalHybridEsd.builder().period(24).maxAnomalies(0.02).alpha(0.05).build().detect(y);
    assertThat(found).containsExactly(100, 333, 600);
  }

  @Test
  void detect_seasonalPeakWithoutSeasonality_wouldBeFlaggedButSeasonalIsNot() {
    double[] y = new double[24 * 14];
    for (int i = 0; i < y.length; i++) {
      y[i] = (i % 24 == 12 ? 50 : 10) + 0.01 * (i % 7);
    }
    assertThat(SeasonalHybridEsd.builder().period(24).build().detect(y)).isEmpty();
    assertThat(SeasonalHybridEsd.builder().period(1).maxAnomalies(0.1).build().detect(y)).isNotEmpty();
  }

  @Test
  void detect_badInput_rejected() {
    SeasonalHybridEsd esd = SeasonalHybridEsd.builder().period(24).build();
    assertThatThrownBy(() -> esd.detect(new double[10])).hasMessageContaining("at least 48");
    double[] y = new double[100];
    y[7] = Double.NaN;
    assertThatThrownBy(() -> esd.detect(y)).hasMessageContaining("values[7]");
    assertThatThrownBy(() -> SeasonalHybridEsd.builder().maxAnomalies(0.5)).hasMessageContaining("maxAnomalies");
    assertThatThrownBy(() -> SeasonalHybridEsd.builder().alpha(0)).hasMessageContaining("alpha");
  }
}
