package io.stratus.finops.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.TestRecords;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CostAnomalyMonitorTest {
  private static final int DAYS = 140;

  private static CostAnomalyMonitor monitor(String id) {
    return CostAnomalyMonitor.builder(id, CostScope.total())
        .drillDown(List.of(Dimension.SUB_ACCOUNT, Dimension.SERVICE))
        .historyStart(CostFixtures.START)
        .build();
  }

  @Test
  void evaluate_spikeInOneService_raisesOneAnomalyWithBandImpactAndRootCause() {
    CostStore store = CostFixtures.store(3, 4, DAYS, 7, (a, s, d) -> a == 2 && s == 2 && d == 100 ? 900 : 0);
    CostAnomalyMonitor m = monitor("total");
    List<CostAnomaly> raised = m.evaluate(store, CostFixtures.day(DAYS));
    assertThat(raised).hasSize(1);
    CostAnomaly a = raised.get(0);
    assertThat(a.start()).isEqualTo(CostFixtures.day(100));
    assertThat(a.direction()).isEqualTo(CostAnomaly.Direction.INCREASE);
    assertThat(a.impact().amount().doubleValue()).isBetween(700.0, 1100.0);
    assertThat(a.impact().currency().getCurrencyCode()).isEqualTo("USD");
    BandPoint p = a.points().get(0);
    assertThat(p.outsideBand()).isTrue();
    assertThat(p.actual()).isGreaterThan(p.upper());
    RootCause top = a.rootCauses().get(0);
    assertThat(top.path()).containsExactly(new DimensionValue(Dimension.SUB_ACCOUNT, "acct-2"),
        new DimensionValue(Dimension.SERVICE, "svc-C"));
    assertThat(top.share()).isGreaterThan(0.8);
    assertThat(a.rootCauses().stream().mapToDouble(RootCause::share).sum()).isLessThanOrEqualTo(1.0 + 1e-9);
    assertThat(a.summary()).contains("SubAccountId=acct-2 > ServiceName=svc-C");
    assertThat(m.anomalies()).containsExactly(a);
  }

  @Test
  void evaluate_quietHistory_raisesNothing_andIsIncremental() {
    CostStore store = CostFixtures.store(2, 3, DAYS, 11, (a, s, d) -> 0);
    CostAnomalyMonitor m = monitor("quiet");
    assertThat(m.evaluate(store, CostFixtures.day(70))).isEmpty();
    assertThat(m.evaluate(store, CostFixtures.day(70))).isEmpty();
    assertThat(m.evaluate(store, CostFixtures.day(DAYS).plusSeconds(3600))).isEmpty();
    assertThat(m.anomalies()).isEmpty();
  }

  @Test
  void evaluate_dropInOneAccount_isADecreaseExplainedByThatAccount() {
    CostStore store = CostFixtures.store(3, 3, DAYS, 5, (a, s, d) -> a == 0 && d >= 110 && d < 113 ? -130 : 0);
    CostAnomalyMonitor m = monitor("drop");
    List<CostAnomaly> raised = m.evaluate(store, CostFixtures.day(DAYS));
    assertThat(raised).isNotEmpty();
    CostAnomaly a = raised.get(0);
    assertThat(a.direction()).isEqualTo(CostAnomaly.Direction.DECREASE);
    assertThat(a.start()).isEqualTo(CostFixtures.day(110));
    assertThat(a.impact().amount().signum()).isNegative();
    assertThat(a.rootCauses().get(0).path().get(0)).isEqualTo(new DimensionValue(Dimension.SUB_ACCOUNT, "acct-0"));
  }

  /** A support fee on the first day of each month, marked a false positive once, is not raised again. */
  @Test
  void feedback_falsePositive_stopsTheSamePatternButNotOthers() {
    CostFixtures.Extra extra = (a, s, d) -> {
      int dayOfMonth = CostFixtures.day(d).atZone(java.time.ZoneOffset.UTC).getDayOfMonth();
      if (a == 1 && s == 0 && dayOfMonth == 1) {
        return d > 300 ? 1500 : 500;
      }
      return a == 0 && s == 1 && d == 250 ? 500 : 0;
    };
    CostStore store = CostFixtures.store(2, 2, 330, 3, extra);
    CostAnomalyMonitor learning = monitor("learning");
    CostAnomalyMonitor control = monitor("control");
    List<CostAnomaly> first = learning.evaluate(store, CostFixtures.day(120));
    control.evaluate(store, CostFixtures.day(120));
    assertThat(first).isNotEmpty();
    CostAnomaly fee = first.get(first.size() - 1);
    assertThat(fee.start().atZone(java.time.ZoneOffset.UTC).getDayOfMonth()).isEqualTo(1);
    CostAnomaly marked = learning.feedback(fee.id(), CostAnomaly.Status.FALSE_POSITIVE, "monthly support fee");
    assertThat(marked.status()).isEqualTo(CostAnomaly.Status.FALSE_POSITIVE);
    assertThat(learning.patterns()).singleElement().satisfies(p -> {
      assertThat(p.topCause()).containsExactly(new DimensionValue(Dimension.SUB_ACCOUNT, "acct-1"),
          new DimensionValue(Dimension.SERVICE, "svc-A"));
      assertThat(p.direction()).isEqualTo(CostAnomaly.Direction.INCREASE);
    });

    List<CostAnomaly> later = learning.evaluate(store, CostFixtures.day(330));
    List<CostAnomaly> controlLater = control.evaluate(store, CostFixtures.day(330));
    // without feedback the fee keeps being flagged on later first days of the month
    assertThat(controlLater).filteredOn(a -> isFee(a) && a.start().isBefore(CostFixtures.day(300))).isNotEmpty();
    // with feedback: the same fee is suppressed, the other service's spike and the tripled fee are still raised
    assertThat(later).filteredOn(a -> isFee(a) && a.start().isBefore(CostFixtures.day(300))).isEmpty();
    assertThat(learning.suppressed()).isNotEmpty().allMatch(CostAnomalyMonitorTest::isFee);
    assertThat(later).anyMatch(a -> a.start().equals(CostFixtures.day(250)));
    assertThat(later).anyMatch(a -> isFee(a) && a.start().isAfter(CostFixtures.day(300)));
    assertThatThrownBy(() -> learning.feedback(fee.id(), CostAnomaly.Status.ACCEPTED, "again"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already marked FALSE_POSITIVE");
  }

  private static boolean isFee(CostAnomaly a) {
    return !a.rootCauses().isEmpty() && a.rootCauses().get(0).path().contains(
        new DimensionValue(Dimension.SERVICE, "svc-A"))
        && a.rootCauses().get(0).path().contains(new DimensionValue(Dimension.SUB_ACCOUNT, "acct-1"));
  }

  @Test
  void observe_seriesWithoutStore_detectsSpikeWithoutRootCauses() {
    CostAnomalyMonitor m = CostAnomalyMonitor.builder("series", CostScope.of(Dimension.SERVICE, "svc-A")).build();
    Random rnd = new Random(1);
    int raisedAt = -1;
    for (int d = 0; d < 120; d++) {
      double v = CostFixtures.base(0, 0, d, rnd) + (d == 90 ? 400 : 0);
      if (m.observe(CostFixtures.day(d), BigDecimal.valueOf(v)).isPresent()) {
        assertThat(raisedAt).isEqualTo(-1);
        raisedAt = d;
      }
    }
    assertThat(raisedAt).isEqualTo(90);
    assertThat(m.anomalies().get(0).rootCauses()).isEmpty();
  }

  @Test
  void observe_outOfOrderOrUnaligned_isRejectedNamingTheBucket() {
    CostAnomalyMonitor m = CostAnomalyMonitor.builder("m", CostScope.total()).build();
    m.observe(CostFixtures.day(0), BigDecimal.ONE);
    assertThatThrownBy(() -> m.observe(CostFixtures.day(2), BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be the next bucket");
    assertThatThrownBy(() -> m.observe(CostFixtures.day(1).plusSeconds(60), BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not aligned to DAY");
  }

  @Test
  void builder_drillDownDimensionFixedByScope_isRejected() {
    assertThatThrownBy(() -> CostAnomalyMonitor.builder("m", CostScope.of(Dimension.SERVICE, "EC2"))
        .drillDown(List.of(Dimension.SERVICE)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already fixes");
    assertThatThrownBy(() -> CostAnomalyMonitor.builder("m", CostScope.total()).granularity(Granularity.MONTH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DAY or HOUR");
    assertThatThrownBy(() -> CostAnomalyMonitor.builder("m", CostScope.total()).build()
        .evaluate(CostStore.inMemory(), CostFixtures.day(3)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("historyStart");
  }

  @Test
  void finestGranularity_hourlyRecordsAllowHours_dailyRecordsDays() {
    CostStore hourly = CostStore.inMemory();
    CostStore daily = CostStore.inMemory();
    Instant t = CostFixtures.day(0);
    try (CostStore.Appender h = hourly.appender("h"); CostStore.Appender d = daily.appender("d")) {
      h.accept(TestRecords.usage("EC2", "r", "1", t).build());
      d.accept(TestRecords.usage("EC2", "r", "1", t).chargePeriod(t, t.plusSeconds(86400)).build());
    }
    assertThat(CostAnomalyMonitor.finestGranularity(hourly, CostScope.total(), t, CostFixtures.day(1)))
        .isEqualTo(Granularity.HOUR);
    assertThat(CostAnomalyMonitor.finestGranularity(daily, CostScope.total(), t, CostFixtures.day(1)))
        .isEqualTo(Granularity.DAY);
  }

  @Test
  void hourlyMonitor_spikeInOneHour_isRaisedAtThatHour() {
    CostAnomalyMonitor m = CostAnomalyMonitor.builder("hourly", CostScope.total())
        .granularity(Granularity.HOUR).build();
    Random rnd = new Random(4);
    Instant t0 = CostFixtures.day(0);
    int hours = 24 * 7 * 6;
    int spike = hours - 30;
    List<Integer> raised = new java.util.ArrayList<>();
    for (int h = 0; h < hours; h++) {
      double v = 10 + 4 * Math.sin(2 * Math.PI * (h % 24) / 24.0) + 0.3 * rnd.nextGaussian() + (h == spike ? 20 : 0);
      int hh = h;
      m.observe(t0.plusSeconds(3600L * h), BigDecimal.valueOf(v)).ifPresent(a -> raised.add(hh));
    }
    assertThat(raised).contains(spike);
  }
}
