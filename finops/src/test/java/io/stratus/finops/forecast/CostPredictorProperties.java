package io.stratus.finops.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.optimize.CostFixtures;
import io.stratus.finops.optimize.TestCatalog;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class CostPredictorProperties {
  static final Instant AS_OF = Instant.parse("2025-05-17T00:00:00Z");

  private static CostPredictor predictor(CostStore store) {
    return CostPredictor.create(store, new TestCatalog(), InstantSource.fixed(AS_OF), ForecastOptions.builder()
        .backtest(1, 14).build());
  }

  @Property(tries = 15)
  void flatHistory_forecastIsFlat(@ForAll @DoubleRange(min = 0.01, max = 10000) double level,
      @ForAll @IntRange(min = 20, max = 200) int days) {
    CostStore store = CostStore.inMemory();
    String cost = BigDecimal.valueOf(level).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    CostFixtures.daily(store, "r", AS_OF, days, cost);
    double c = Double.parseDouble(cost);
    CostForecast f = predictor(store).forecast(CostScope.total(), CostFixtures.USD, 3);
    for (PeriodForecast p : f.months()) {
      double expected = c * (p.to().toEpochDay() - p.from().toEpochDay());
      assertThat(p.expected().amount().doubleValue()).isCloseTo(expected,
          org.assertj.core.data.Offset.offset(expected * 1e-6 + 0.01));
      assertThat(p.upper95().amount().subtract(p.lower95().amount()).doubleValue())
          .isLessThanOrEqualTo(expected * 1e-6 + 0.02);
    }
  }

  @Property(tries = 15)
  void noChangeScenario_equalsBaseline(@ForAll long seed, @ForAll @IntRange(min = 20, max = 150) int days) {
    CostStore store = CostStore.inMemory();
    Random rnd = new Random(seed);
    double level = 1 + rnd.nextDouble() * 1000;
    try (CostStore.Appender a = store.appender("t")) {
      for (int d = days; d >= 1; d--) {
        double v = Math.max(0.01, level * (1 + 0.3 * rnd.nextGaussian()));
        a.accept(CostFixtures.day("r", AS_OF.minusSeconds(86400L * d),
            BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN)).build());
      }
    }
    CostPredictor p = predictor(store);
    CostForecast base = p.forecast(CostScope.total(), CostFixtures.USD, 6);
    ScenarioForecast same = p.scenario(base, Scenario.noChange());
    assertThat(same.periods()).isEqualTo(base.periods());
    assertThat(same.differences()).allSatisfy(d -> {
      assertThat(d.expected().amount()).isZero();
      assertThat(d.lower95().amount()).isZero();
      assertThat(d.upper95().amount()).isZero();
    });
    assertThat(p.forecast(CostScope.total(), CostFixtures.USD, 6)).isEqualTo(base);
  }
}
