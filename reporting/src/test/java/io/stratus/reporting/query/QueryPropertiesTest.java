package io.stratus.reporting.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.reporting.SeededData;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Currency;
import java.time.YearMonth;
import java.time.ZoneOffset;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.CostStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class QueryPropertiesTest {
  static final SeededData DATA = SeededData.create(11);
  static final AnalyticsEngine ENGINE = AnalyticsEngine.create(DATA.costs, DATA.metrics, DATA.clock);

  @Property(tries = 40)
  void drillDown_childrenAddUpToTheirParent(
      @ForAll("paths") DrillPath path, @ForAll @IntRange(min = 1, max = 58) int startDay,
      @ForAll @IntRange(min = 1, max = 20) int days, @ForAll("searches") String search) {
    Instant from = SeededData.FEB.plus(Duration.ofDays(startDay - 1));
    AnalyticsQuery base = AnalyticsQuery.cost().range(TimeRange.between(from, from.plus(Duration.ofDays(days))))
        .search(search).build();
    assertChildrenSum(base, path, new ArrayList<>(), ENGINE.run(base).total());
  }

  @Property(tries = 20)
  void drillDown_metricSumsAddUpToTheirParent(@ForAll @IntRange(min = 1, max = 50) int startDay) {
    Instant from = SeededData.FEB.plus(Duration.ofDays(startDay - 1));
    AnalyticsQuery base = AnalyticsQuery.metric("cpu.utilization")
        .aggregation(io.stratus.monitoring.spi.Aggregation.SUM)
        .range(TimeRange.between(from, from.plus(Duration.ofDays(3)))).build();
    assertChildrenSum(base, DrillPath.REGION_VM, new ArrayList<>(), ENGINE.run(base).total());
  }

  private static void assertChildrenSum(AnalyticsQuery base, DrillPath path, List<String> chosen, BigDecimal parent) {
    if (chosen.size() == path.levels().size()) {
      return;
    }
    QueryResult children = ENGINE.run(base.drillDown(path, chosen));
    assertThat(children.total()).as("children of %s on %s", chosen, path.name()).isEqualByComparingTo(parent);
    if (chosen.size() < 2) {
      for (Map.Entry<List<String>, BigDecimal> c : children.totalsByKey().entrySet()) {
        List<String> next = new ArrayList<>(chosen);
        next.add(c.getKey().get(0));
        assertChildrenSum(base, path, next, c.getValue());
      }
    }
  }

  @Property(tries = 30)
  void previousPeriod_ofIdenticalPeriods_isZero(@ForAll @IntRange(min = 1, max = 10) int days,
      @ForAll("groupings") String groupBy, @ForAll long seed) {
    Duration len = Duration.ofDays(days);
    Instant from = SeededData.MAR;
    CostStore store = CostStore.inMemory();
    Random rnd = new Random(seed);
    try (CostStore.Appender app = store.appender("twice")) {
      for (int d = 0; d < days; d++) {
        for (int m = 0; m < 4; m++) {
          BigDecimal cost = BigDecimal.valueOf(rnd.nextInt(100_000), 2);
          for (Instant at : List.of(from.plus(Duration.ofDays(d)), from.minus(len).plus(Duration.ofDays(d)))) {
            app.accept(CostRecord.builder().allCosts(cost).billingCurrency(Currency.getInstance("USD"))
                .chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
                .chargePeriod(at, at.plus(Duration.ofDays(1)))
                .billingPeriod(BillingPeriod.of(YearMonth.from(at.atZone(ZoneOffset.UTC))))
                .providerName(m % 2 == 0 ? "AWS" : "Microsoft").billingAccountId("a").regionId("r" + m % 3)
                .serviceName("s" + m).serviceCategory("Compute").resourceId("res-" + m).tags(Map.of("team", "t" + m % 2)).build());
          }
        }
      }
    }
    AnalyticsQuery q = AnalyticsQuery.cost().range(TimeRange.between(from, from.plus(len))).groupBy(groupBy)
        .compareWithPrevious(true).build();
    QueryResult r = AnalyticsEngine.create(store, DATA.metrics, DATA.clock).run(q);
    assertThat(r.comparison()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.change()).isZero();
      assertThat(c.relativeChange()).hasValueSatisfying(x -> assertThat(x).isZero());
    });
  }

  @Provide
  Arbitrary<DrillPath> paths() {
    return Arbitraries.of(DrillPath.PROVIDER_ACCOUNT_SERVICE_RESOURCE, DrillPath.REGION_VM,
        new DrillPath("team-service", List.of("team", "service", "resource")));
  }

  @Provide
  Arbitrary<String> searches() {
    return Arbitraries.of("", "web", "search", "prod", "nothing-matches");
  }

  @Provide
  Arbitrary<String> groupings() {
    return Arbitraries.of("provider", "service", "team", "region");
  }
}
