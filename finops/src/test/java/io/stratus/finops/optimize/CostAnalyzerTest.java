package io.stratus.finops.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.query.CostDelta;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CostAnalyzerTest {
  static final Instant FROM = Instant.parse("2025-01-06T00:00:00Z"); // a Monday
  final CostStore store = CostStore.inMemory();
  final CostAnalyzer analyzer = CostAnalyzer.create(store);

  @Test
  void pattern_weekendDipAndTrend_areFound() {
    try (CostStore.Appender a = store.appender("t")) {
      for (int d = 0; d < 56; d++) {
        Instant day = FROM.plusSeconds(86400L * d);
        DayOfWeek dow = LocalDate.ofInstant(day, ZoneOffset.UTC).getDayOfWeek();
        double v = 100 + 0.5 * d + (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? -30 : 12);
        a.accept(CostFixtures.day("r", day, BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN)).build());
      }
    }
    SpendingPattern p = analyzer.pattern(CostQuery.builder().build(), CostFixtures.USD, FROM,
        FROM.plusSeconds(86400L * 56));
    assertThat(p.days()).isEqualTo(56);
    assertThat(p.trendPerDay()).isCloseTo(0.5, Offset.offset(0.05));
    assertThat(p.weekdayEffect().get(DayOfWeek.SUNDAY)).isCloseTo(-30, Offset.offset(1.0));
    assertThat(p.weekdayEffect().get(DayOfWeek.WEDNESDAY)).isCloseTo(12, Offset.offset(1.0));
    assertThat(p.weeklySeasonal()).isTrue();
    assertThat(p.total().amount()).isPositive();
  }

  @Test
  void pattern_rejectsRangesOffMidnight() {
    assertThatThrownBy(() -> analyzer.pattern(CostQuery.builder().build(), CostFixtures.USD,
        FROM.plusSeconds(5), FROM.plusSeconds(86400 * 20))).hasMessageContaining("from must be a UTC midnight");
  }

  @Test
  void topMovers_andPeriodOverPeriod_byResource() {
    CostFixtures.daily(store, "up", FROM.plusSeconds(86400L * 7), 7, "1");
    CostFixtures.daily(store, "up", FROM.plusSeconds(86400L * 14), 7, "5");
    CostFixtures.daily(store, "flat", FROM.plusSeconds(86400L * 14), 14, "2");
    CostFixtures.daily(store, "gone", FROM.plusSeconds(86400L * 7), 7, "3");
    List<CostDelta> all = analyzer.periodOverPeriod(CostQuery.builder().build(), Dimension.RESOURCE, FROM,
        FROM.plusSeconds(86400L * 7), FROM.plusSeconds(86400L * 14));
    assertThat(all).extracting(d -> d.key().get(0)).containsExactly("up", "gone", "flat");
    assertThat(all.get(0).change()).isEqualByComparingTo("28");
    assertThat(analyzer.topMovers(CostQuery.builder().build(), Dimension.RESOURCE, FROM,
        FROM.plusSeconds(86400L * 7), FROM.plusSeconds(86400L * 14), 1)).hasSize(1);
  }

  @Test
  void unitCosts_perVcpuHourAndPerWorkload() {
    try (CostStore.Appender a = store.appender("t")) {
      a.accept(CostFixtures.day("r-1", FROM, new BigDecimal("4.80")).consumedQuantity(new BigDecimal("96"))
          .consumedUnit("vCPU-Hours").tags(Map.of("workload", "api")).build());
      a.accept(CostFixtures.day("r-2", FROM, new BigDecimal("1.20")).consumedQuantity(new BigDecimal("48"))
          .consumedUnit("vCPU-Hours").tags(Map.of("workload", "api")).build());
      a.accept(CostFixtures.day("r-3", FROM, new BigDecimal("2.00")).consumedQuantity(new BigDecimal("100"))
          .consumedUnit("GB-Months").tags(Map.of("workload", "etl")).build());
    }
    List<UnitCost> u = analyzer.unitCosts(CostQuery.builder().build(), Dimension.tag("workload"), FROM,
        FROM.plusSeconds(86400));
    assertThat(u).hasSize(2);
    assertThat(u.get(0).group()).isEqualTo("api");
    assertThat(u.get(0).isVcpuHour()).isTrue();
    assertThat(u.get(0).perUnit()).isEqualByComparingTo("0.04166666666666667");
    assertThat(u.get(1).perUnit()).isEqualByComparingTo("0.02");
  }
}
