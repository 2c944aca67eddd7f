package io.stratus.finops.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.anomaly.RootCause;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Money;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Budgets and anomaly monitors over the public FOCUS 1.0 sample (1,000 rows, September 2024, AWS, Microsoft, Oracle);
 * skipped when the shared data is absent.
 */
class SharedBillingBudgetTest {
  private static final Instant SEPT = Instant.parse("2024-09-01T00:00:00Z");
  private static final Instant OCT = Instant.parse("2024-10-01T00:00:00Z");

  private static CostStore load() {
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
  void budgets_onTheFocusSample_trackExactActualsPerProvider() {
    CostStore store = load();
    BudgetFixtures.Clock clock = new BudgetFixtures.Clock(OCT);
    BudgetManager m = BudgetManager.builder(store, clock).statusTtl(Duration.ZERO).build();
    for (String provider : List.of("AWS", "Microsoft", "Oracle")) {
      m.put(Budget.builder(provider, CostScope.of(Dimension.PROVIDER, provider)).period(BudgetPeriod.monthly())
          .amount(Money.of("5", "USD"))
          .threshold(Threshold.of(Threshold.Basis.ACTUAL, 80, Threshold.Action.NOTIFY)).build());
    }
    clock.now = Instant.parse("2024-09-30T23:59:59Z");
    BigDecimal sum = BigDecimal.ZERO;
    for (BudgetStatus s : m.statuses()) {
      BigDecimal expected = store.query(CostQuery.builder().between(SEPT, OCT)
          .where(Dimension.PROVIDER, s.budget().id()).build()).total(Money.USD);
      assertThat(s.actual().amount()).isEqualByComparingTo(expected);
      assertThat(s.forecast().amount()).isGreaterThanOrEqualTo(s.actual().amount());
      sum = sum.add(s.actual().amount());
    }
    assertThat(sum).isEqualByComparingTo(store.query(CostQuery.builder().between(SEPT, OCT).build()).total(Money.USD));
    // the sample's AWS spend (about 20 USD in the month) is over a 5 USD budget: one alert, then none
    assertThat(m.evaluate()).extracting(a -> a.status().budget().id()).contains("AWS");
    assertThat(m.evaluate()).isEmpty();
    SpendDecision d = m.check(new SpendRequest("w", Map.of(Dimension.PROVIDER, "Oracle"), Money.of("0.01", "USD"),
        Duration.ofHours(1), "test", "sample"));
    assertThat(d.outcome()).isEqualTo(SpendDecision.Outcome.ALLOWED);
  }

  @Test
  void monitors_onTheFocusSample_runAtTheFinestGranularityAndKeepSharesBounded() {
    CostStore store = load();
    // Microsoft's rows are daily, AWS's hourly: the whole bill allows days, AWS alone hours
    assertThat(CostAnomalyMonitor.finestGranularity(store, CostScope.total(), SEPT, OCT)).isEqualTo(Granularity.DAY);
    assertThat(CostAnomalyMonitor.finestGranularity(store, CostScope.of(Dimension.PROVIDER, "AWS"), SEPT, OCT))
        .isEqualTo(Granularity.HOUR);
    for (CostScope scope : List.of(CostScope.total(), CostScope.of(Dimension.PROVIDER, "AWS"))) {
      CostAnomalyMonitor daily = CostAnomalyMonitor.builder("d", scope).historyStart(SEPT).build();
      CostAnomalyMonitor hourly = CostAnomalyMonitor.builder("h", scope).granularity(Granularity.HOUR)
          .historyStart(SEPT).build();
      daily.evaluate(store, OCT);
      hourly.evaluate(store, OCT);
      for (CostAnomaly a : hourly.anomalies()) {
        assertThat(a.rootCauses().stream().mapToDouble(RootCause::share).sum()).isLessThanOrEqualTo(1.0 + 1e-9);
        assertThat(a.points()).allMatch(p -> p.outsideBand());
      }
    }
  }
}
