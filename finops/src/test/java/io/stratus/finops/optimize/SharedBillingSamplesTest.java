package io.stratus.finops.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.forecast.CostForecast;
import io.stratus.finops.forecast.CostPredictor;
import io.stratus.finops.forecast.CostScope;
import io.stratus.finops.forecast.ForecastOptions;
import io.stratus.finops.query.CostDelta;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Analysis, recommendations and forecasts on the real FOCUS 1.0 sample (1,000 rows, Sep 2024, CC BY 4.0). */
class SharedBillingSamplesTest {
  static final Instant END = Instant.parse("2024-10-01T00:00:00Z");

  private static CostStore focusSample() {
    String root = System.getProperty("stratus.shared.data");
    assumeTrue(root != null, "system property stratus.shared.data is not set: shared billing samples skipped");
    Path p = Path.of(root, "billing", "focus", "focus_sample_1000_FOCUS-1.0.csv");
    assumeTrue(Files.isRegularFile(p), "shared billing sample " + p + " is absent: skipped");
    CostStore store = CostStore.inMemory();
    try (CostStore.Appender a = store.appender("focus-sample")) {
      BillingReaders.detect().read(p, a);
    }
    return store;
  }

  @Test
  void focusSample_snapshotsAndUnattachedVolumesAreFoundFromTheRecords() {
    CostStore store = focusSample();
    // the sample's amounts are cents (a 1,000-row sample of a month), so effort is priced to match; its
    // EffectiveCost is 0 on the storage rows, so BilledCost is analysed
    OptimizerOptions options = OptimizerOptions.builder().snapshotMaxAge(Duration.ofDays(7))
        .costMetric(io.stratus.finops.query.CostMetric.BILLED)
        .engineerHourlyRate(Money.of("0.0001", "USD")).build();
    RecommendationReport report = CostOptimizer.create(store, new TestCatalog(), InstantSource.fixed(END), options)
        .recommend(List.of(), Set.of());
    List<Recommendation> snaps = report.recommendations().stream()
        .filter(r -> r.kind() == RecommendationKind.OLD_SNAPSHOT).toList();
    List<Recommendation> vols = report.recommendations().stream()
        .filter(r -> r.kind() == RecommendationKind.ORPHANED_VOLUME).toList();
    assertThat(snaps).isNotEmpty().allSatisfy(r -> assertThat(r.resourceId()).contains("snap-"));
    assertThat(vols).isNotEmpty().allSatisfy(r -> assertThat(r.resourceId())
        .matches("vom-.*|ocid.*bootvolume.*|.*/microsoft.compute/disks/.*"));
    assertThat(report.recommendations()).allSatisfy(r -> assertThat(r.monthlySavings().amount()).isPositive());
    // with every volume attached only snapshots remain
    RecommendationReport attached = CostOptimizer.create(store, new TestCatalog(), InstantSource.fixed(END),
        options).recommend(List.of(), vols.stream().map(Recommendation::resourceId)
            .collect(java.util.stream.Collectors.toSet()));
    assertThat(attached.recommendations()).extracting(Recommendation::kind)
        .containsOnly(RecommendationKind.OLD_SNAPSHOT);
  }

  @Test
  void focusSample_unitCostsAndMoversAreExact() {
    CostStore store = focusSample();
    CostAnalyzer analyzer = CostAnalyzer.create(store);
    CostQuery all = CostQuery.builder().build();
    List<UnitCost> units = analyzer.unitCosts(all, Dimension.SERVICE, Instant.parse("2024-09-01T00:00:00Z"), END);
    BigDecimal sum = units.stream().map(UnitCost::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sum).isPositive();
    assertThat(units).anySatisfy(u -> {
      assertThat(u.group()).isEqualTo("Amazon Elastic Compute Cloud");
      assertThat(u.unit()).isEqualTo("Hours");
      assertThat(u.perUnit()).isPositive();
    });
    List<CostDelta> movers = analyzer.topMovers(all, Dimension.SERVICE, Instant.parse("2024-09-01T00:00:00Z"),
        Instant.parse("2024-09-16T00:00:00Z"), END, 3);
    assertThat(movers).hasSize(3);
    assertThat(movers.get(0).change().abs()).isGreaterThanOrEqualTo(movers.get(2).change().abs());
    SpendingPattern p = analyzer.pattern(all, CostFixtures.USD, Instant.parse("2024-09-01T00:00:00Z"), END);
    assertThat(p.days()).isEqualTo(30);
    assertThat(p.weekdayEffect()).hasSize(7);
  }

  @Test
  void focusSample_totalForecastRuns() {
    CostStore store = focusSample();
    CostForecast f = CostPredictor.create(store, new TestCatalog(), InstantSource.fixed(END),
        ForecastOptions.builder().backtest(1, 7).build()).forecast(CostScope.total(), CostFixtures.USD, 3);
    assertThat(f.endOfMonth().label()).isEqualTo("2024-10");
    assertThat(f.months()).hasSize(3);
    assertThat(f.endOfQuarter().lower95()).isLessThanOrEqualTo(f.endOfQuarter().upper95());
    assertThat(f.accuracy().origins()).isEqualTo(1);
  }
}
