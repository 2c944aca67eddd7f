package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.simulation.engine.CounterRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SpotPriceModelTest {

  @Test
  void calibrate_pathOfKnownModel_recoversMeanAndReversion() {
    SpotPriceModel truth = new SpotPriceModel(-0.7, 0.05, 0.02, 0, 0, 0);
    long key = CounterRandom.streamKey(7, 99);
    List<Instant> times = new ArrayList<>();
    double[] prices = new double[5000];
    double x = -0.7;
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int h = 0; h < prices.length; h++) {
      times.add(t0.plus(Duration.ofHours(h)));
      prices[h] = SpotPriceModel.price(1.0, x);
      x = truth.step(x, key, h);
    }
    SpotPriceModel fit = SpotPriceModel.calibrate(times, prices, 1.0);
    assertThat(fit.mu()).isCloseTo(-0.7, within(0.02));
    assertThat(fit.theta()).isCloseTo(0.05, within(0.015));
    assertThat(fit.sigma()).isCloseTo(0.02, within(0.004));
  }

  @Test
  void step_sameKeyAndHour_isPure() {
    SpotPriceModel m = SpotPriceModel.DEFAULT;
    assertThat(m.step(-0.5, 1234, 17)).isEqualTo(m.step(-0.5, 1234, 17));
    assertThat(SpotPriceModel.price(0.1, 0.3)).isEqualTo(0.1); // capped at on-demand
  }

  @Test
  void calibrate_tooShort_rejected() {
    Instant t = Instant.EPOCH;
    assertThatThrownBy(() -> SpotPriceModel.calibrate(List.of(t, t.plusSeconds(60)), new double[] {1, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 3");
  }

  /** Evaluation on the shared AWS spot history sample; skipped when the data folder is absent. */
  @Test
  void calibrate_awsSpotHistory_givesDefaultsRange() throws Exception {
    String root = System.getProperty("stratus.shared.data");
    Path csv = root == null ? null : Path.of(root, "pricing", "aws", "spot-price-history-m5.large-us-east-1.csv");
    assumeTrue(csv != null && Files.exists(csv), "shared data not found (set stratus.shared.data); skipping");
    Map<String, TreeMap<Instant, Double>> zones = new TreeMap<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      zones.computeIfAbsent(f[1], k -> new TreeMap<>())
          .put(OffsetDateTime.parse(f[0]).toInstant(), Double.parseDouble(f[4]));
    }
    assertThat(zones).hasSizeGreaterThanOrEqualTo(5);
    for (TreeMap<Instant, Double> z : zones.values()) {
      SpotPriceModel m = SpotPriceModel.calibrate(new ArrayList<>(z.keySet()),
          z.values().stream().mapToDouble(Double::doubleValue).toArray(), 0.096);
      assertThat(m.mu()).isBetween(-1.0, -0.7);
      assertThat(m.theta()).isLessThan(0.01);
    }
  }
}
