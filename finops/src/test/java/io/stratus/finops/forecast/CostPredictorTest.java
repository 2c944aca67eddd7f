package io.stratus.finops.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.optimize.CostFixtures;
import io.stratus.finops.optimize.ManagedResource;
import io.stratus.finops.optimize.TestCatalog;
import io.stratus.finops.optimize.Utilization;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Workload;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CostPredictorTest {
  static final Instant AS_OF = Instant.parse("2025-03-11T00:00:00Z");
  final CostStore store = CostStore.inMemory();
  final CostPredictor predictor =
      CostPredictor.create(store, new TestCatalog(), InstantSource.fixed(AS_OF), ForecastOptions.defaults());

  /** Daily cost with a weekly pattern and a trend, deterministic. */
  static void seasonal(CostStore store, String resource, int days, double base, double trendPerDay) {
    try (CostStore.Appender a = store.appender("t")) {
      for (int d = days; d >= 1; d--) {
        Instant day = AS_OF.minusSeconds(86400L * d);
        int dow = (int) Math.floorMod(day.getEpochSecond() / 86400 + 3, 7L);
        double v = (base + trendPerDay * (days - d)) * (dow >= 5 ? 0.6 : 1.1);
        a.accept(CostFixtures.day(resource, day, BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN))
            .build());
      }
    }
  }

  @Test
  void forecast_flatHistory_isFlat() {
    CostFixtures.daily(store, "r-1", AS_OF, 120, "10");
    CostForecast f = predictor.forecast(CostScope.total(), CostFixtures.USD, 3);
    // March: 10 days recorded (100), 21 days to go at 10 each
    PeriodForecast march = f.endOfMonth();
    assertThat(march.label()).isEqualTo("2025-03");
    assertThat(march.actualToDate().amount()).isEqualByComparingTo("100");
    assertThat(march.expected().amount().doubleValue()).isCloseTo(310, Offset.offset(0.01));
    assertThat(march.upper95().amount().doubleValue() - march.lower95().amount().doubleValue())
        .isLessThan(0.01);
    assertThat(f.months()).extracting(PeriodForecast::label).containsExactly("2025-04", "2025-05", "2025-06");
    assertThat(f.months().get(0).expected().amount().doubleValue()).isCloseTo(300, Offset.offset(0.01));
    assertThat(f.endOfQuarter().label()).isEqualTo("2025-Q1");
    assertThat(f.endOfQuarter().expected().amount().doubleValue()).isCloseTo(900, Offset.offset(0.01));
    assertThat(f.accuracy().origins()).isEqualTo(3);
    assertThat(f.accuracy().dailyMape()).isLessThan(1e-6);
  }

  @Test
  void forecast_weeklySeasonalWithTrend_isCloseAndIntervalsNested() {
    seasonal(store, "r-1", 200, 100, 0.2);
    CostForecast f = predictor.forecast(CostScope.of(Dimension.RESOURCE, "r-1"), CostFixtures.USD, 12);
    assertThat(f.months()).hasSize(12);
    PeriodForecast april = f.months().get(0);
    // truth: days 210..239 after the start, mean level ~ (100 + 0.2 * 224) * (5 * 1.1 + 2 * 0.6) / 7
    double truth = 30 * (100 + 0.2 * 224.5) * (5 * 1.1 + 2 * 0.6) / 7;
    assertThat(april.expected().amount().doubleValue()).isCloseTo(truth, Offset.offset(truth * 0.05));
    for (PeriodForecast p : f.periods()) {
      assertThat(p.lower95()).isLessThanOrEqualTo(p.lower80());
      assertThat(p.upper80()).isLessThanOrEqualTo(p.upper95());
    }
    assertThat(f.accuracy().origins()).isEqualTo(3);
    assertThat(f.accuracy().totalMape()).isLessThan(0.05);
  }

  @Test
  void forecast_tooLittleHistory_failsNamingTheScopeAndRule() {
    CostFixtures.daily(store, "r-1", AS_OF, 5, "10");
    assertThatThrownBy(() -> predictor.forecast(CostScope.total(), CostFixtures.USD, 3))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("total").hasMessageContaining("5 days")
        .hasMessageContaining("at least 14");
  }

  @Test
  void scenario_noChangeAndZeroGrowth_equalBaseline() {
    seasonal(store, "r-1", 120, 50, 0.1);
    CostForecast base = predictor.forecast(CostScope.total(), CostFixtures.USD, 6);
    ScenarioForecast none = predictor.scenario(base, Scenario.noChange());
    assertThat(none.periods()).isEqualTo(base.periods());
    assertThat(none.differences()).allSatisfy(d -> assertThat(d.expected().amount()).isZero());
    assertThat(predictor.scenario(base, Scenario.usageGrowth(0)).periods()).isEqualTo(base.periods());
  }

  @Test
  void scenario_growth_raisesLaterMonthsMore() {
    seasonal(store, "r-1", 120, 50, 0);
    CostForecast base = predictor.forecast(CostScope.total(), CostFixtures.USD, 6);
    ScenarioForecast g = predictor.scenario(base, Scenario.usageGrowth(0.05));
    List<PeriodDifference> d = g.differences();
    assertThat(d.get(2).expected()).isLessThan(d.get(7).expected());
    assertThat(d.get(7).expected().amount().signum()).isPositive();
    PeriodForecast last = g.periods().get(7);
    PeriodForecast lastBase = base.periods().get(7);
    // six months ahead: about 1.05^6.5 times the baseline
    assertThat(last.expected().amount().doubleValue() / lastBase.expected().amount().doubleValue())
        .isCloseTo(Math.pow(1.05, 6.5), Offset.offset(0.02));
  }

  static ManagedResource res(String id, Workload w) {
    return new ManagedResource(id, "aws:m5.large", "aws:us-east-1", PurchaseOption.ON_DEMAND, w,
        new Utilization(0.5, 0.5, 30, 1));
  }

  @Test
  void scenario_spot_cutsTheMovedShareByThePriceRatio() {
    CostFixtures.daily(store, "r-1", AS_OF, 60, "10");
    CostFixtures.daily(store, "r-2", AS_OF, 60, "10");
    CostForecast base = predictor.forecast(CostScope.total(), CostFixtures.USD, 3);
    Workload tolerant = Workload.builder("batch").cost(CostConstraints.builder().spotAllowed(true).build()).build();
    ScenarioForecast s = predictor.scenario(base, Scenario.moveToSpot(List.of(res("r-1", tolerant))));
    // half the cost at 35% of the price: factor 0.675
    PeriodForecast april = s.periods().get(2);
    assertThat(april.expected().amount().doubleValue()).isCloseTo(600 * 0.675, Offset.offset(0.05));
    assertThat(s.differences().get(2).expected().amount().doubleValue()).isCloseTo(-600 * 0.325,
        Offset.offset(0.05));
    assertThat(s.pricing()).anySatisfy(l -> assertThat(l).contains("r-1").contains("50.00%"));
    Workload strict = Workload.builder("web").build();
    assertThatThrownBy(() -> predictor.scenario(base, Scenario.moveToSpot(List.of(res("r-2", strict)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not allow spot");
  }

  @Test
  void scenario_regionAndCloud_respectCompliance() {
    CostFixtures.daily(store, "r-1", AS_OF, 60, "10");
    CostForecast base = predictor.forecast(CostScope.total(), CostFixtures.USD, 3);
    Workload usOnly = Workload.builder("w").compliance(ComplianceRequirements.builder()
        .allowedJurisdictions(List.of(Jurisdiction.US)).build()).build();
    assertThatThrownBy(() -> predictor.scenario(base,
        Scenario.moveToRegion(List.of(res("r-1", usOnly)), "aws:eu-central-1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not run in aws:eu-central-1");
    ScenarioForecast eu = predictor.scenario(base,
        Scenario.moveToRegion(List.of(res("r-1", Workload.builder("w").build())), "aws:eu-central-1"));
    assertThat(eu.periods().get(2).expected().amount().doubleValue()).isCloseTo(300 * 1.2, Offset.offset(0.05));
    assertThatThrownBy(() -> predictor.scenario(base,
        Scenario.moveToCloud(List.of(res("r-1", usOnly)), CloudProvider.GCP)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no gcp type");
  }

  @Test
  void scenario_commitment_paysTheFeeAndCoversOnDemandCost() {
    CostFixtures.daily(store, "r-1", AS_OF, 60, "10");
    CostForecast base = predictor.forecast(CostScope.total(), CostFixtures.USD, 3);
    Workload w = Workload.builder("w").build();
    // 0.25/h = 6/day covers 10/day of on-demand cost at ratio 0.6: the whole 10 -> cost 6 per day
    ScenarioForecast s = predictor.scenario(base, Scenario.commitment(List.of(res("r-1", w)), Money.usd(0.25)));
    assertThat(s.periods().get(2).expected().amount().doubleValue()).isCloseTo(180, Offset.offset(0.05));
    // 0.15/h = 3.6/day covers 6/day: cost 3.6 + 4 = 7.6 per day
    ScenarioForecast half = predictor.scenario(base, Scenario.commitment(List.of(res("r-1", w)),
        Money.usd(0.15)));
    assertThat(half.periods().get(2).expected().amount().doubleValue()).isCloseTo(228, Offset.offset(0.05));
    assertThatThrownBy(() -> predictor.scenario(base, Scenario.commitment(List.of(res("r-1", w)),
        Money.of("0.2", "EUR")))).hasMessageContaining("currency");
  }

  @Test
  void bounds_combineDailyHalfWidthsWithAr1Correlation() {
    double[] mean = {10, 10, 10};
    double[][] b = {{8, 8, 8}, {13, 13, 13}, {7, 7, 7}, {14, 14, 14}};
    int[] all = {0, 3};
    // rho = 1: the sum of the daily bounds; rho = 0: sqrt of the sum of squares
    assertThat(CostPredictor.bounds(mean, b, all, 1)).containsExactly(new double[] {30, 24, 39, 21, 42},
        Offset.offset(1e-9));
    assertThat(CostPredictor.bounds(mean, b, all, 0)[2]).isCloseTo(30 + 3 * Math.sqrt(3), Offset.offset(1e-9));
    // rho = 0.5: var = 3 w^2 (1 + 2 (2 * 0.5 + 0.25) / 3)
    assertThat(CostPredictor.bounds(mean, b, all, 0.5)[2])
        .isCloseTo(30 + Math.sqrt(9 * (3 + 2 * (0.5 + 0.5 + 0.25))), Offset.offset(1e-9));
    assertThat(CostPredictor.bounds(mean, b, new int[] {1, 1}, 0.5)).containsOnly(0.0);
  }

  @Test
  void forecast_periodIntervals_areNarrowerThanTheSumOfDailyBounds() {
    java.util.Random rnd = new java.util.Random(7);
    try (CostStore.Appender a = store.appender("t")) {
      for (int d = 200; d >= 1; d--) {
        Instant day = AS_OF.minusSeconds(86400L * d);
        a.accept(CostFixtures.day("r-1", day, BigDecimal.valueOf(100 * (1 + 0.1 * rnd.nextGaussian()))
            .setScale(4, RoundingMode.HALF_EVEN)).build());
      }
    }
    CostForecast f = predictor.forecast(CostScope.total(), CostFixtures.USD, 1);
    PeriodForecast april = f.months().get(0);
    int from = (int) java.time.temporal.ChronoUnit.DAYS.between(f.asOf(), april.from());
    int to = (int) java.time.temporal.ChronoUnit.DAYS.between(f.asOf(), april.to());
    double summedUpper95 = java.util.Arrays.stream(f.daily.upper95(), from, to).sum();
    double summedLower95 = java.util.Arrays.stream(f.daily.lower95(), from, to).sum();
    double width = april.upper95().toDouble() - april.lower95().toDouble();
    assertThat(width).isPositive().isLessThan(0.8 * (summedUpper95 - summedLower95));
    assertThat(april.lower95()).isLessThan(april.lower80());
    assertThat(april.upper80()).isLessThan(april.upper95());
  }

  @Test
  void options_rejectOutOfRange() {
    assertThatThrownBy(() -> ForecastOptions.builder().periods(1)).hasMessageContaining("periods[0]");
    assertThatThrownBy(() -> ForecastOptions.builder().history(3, 10)).hasMessageContaining("history");
    assertThatThrownBy(() -> ForecastOptions.builder().errorCorrelation(1.5))
        .hasMessageContaining("errorCorrelation").hasMessageContaining("1.5");
    assertThatThrownBy(() -> Scenario.usageGrowth(-1)).hasMessageContaining("monthlyRate");
    assertThatThrownBy(() -> predictor.forecast(CostScope.total(), CostFixtures.USD, 25))
        .hasMessageContaining("monthsAhead");
  }
}
