package io.stratus.reporting.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.spi.CostStore;
import io.stratus.monitoring.store.InMemoryMetricStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A materialized engine answers every query exactly as the scanning engine does: on the day grid from its daily
 * aggregate, elsewhere (hours, search, other dimensions, ranges outside it) by scanning.
 */
class MaterializedEngineProperties {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final List<String> DIMS = List.of("provider", "service", "region", "team");
  static final CostStore STORE = store();
  static final InMemoryMetricStore METRICS = InMemoryMetricStore.create();
  static final AnalyticsEngine PLAIN = AnalyticsEngine.create(STORE, METRICS, InstantSource.fixed(START));
  static final AnalyticsEngine VIEW = PLAIN.materialize(START, START.plus(Duration.ofDays(40)), DIMS);

  /** Hourly records, some without a region or team, some in EUR, two metrics that differ. */
  private static CostStore store() {
    CostStore s = CostStore.inMemory();
    Random rnd = new Random(5);
    String[] providers = {"AWS", "Microsoft"};
    String[] services = {"EC2", "S3", "VM"};
    String[] regions = {"eu", "us", null};
    String[] teams = {"a", "b", ""};
    try (CostStore.Appender app = s.appender("p")) {
      for (Instant t = START; t.isBefore(START.plus(Duration.ofDays(40))); t = t.plus(Duration.ofHours(3))) {
        for (int i = 0; i < 4; i++) {
          BigDecimal billed = BigDecimal.valueOf(rnd.nextInt(100_000), 3);
          Map<String, String> tags = new HashMap<>();
          String team = teams[rnd.nextInt(3)];
          if (!team.isEmpty()) {
            tags.put("team", team);
          }
          CostRecord.Builder b = CostRecord.builder().allCosts(billed)
              .effectiveCost(billed.multiply(new BigDecimal("0.8")))
              .billingCurrency(Currency.getInstance(rnd.nextInt(10) == 0 ? "EUR" : "USD"))
              .chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
              .chargePeriod(t, t.plus(Duration.ofHours(1)))
              .billingPeriod(BillingPeriod.of(YearMonth.from(t.atZone(ZoneOffset.UTC))))
              .billingAccountId("acct").serviceCategory("Compute").providerName(providers[rnd.nextInt(2)]).serviceName(services[rnd.nextInt(3)])
              .resourceId("r" + rnd.nextInt(6)).tags(tags);
          String region = regions[rnd.nextInt(3)];
          if (region != null) {
            b.regionId(region);
          }
          app.accept(b.build());
        }
      }
    }
    return s;
  }

  @Property(tries = 150)
  void materialized_answersExactlyAsAScan(@ForAll @IntRange(min = 0, max = 35) int startDay,
      @ForAll @IntRange(min = 1, max = 20) int days, @ForAll @IntRange(min = 0, max = 31) int groupMask,
      @ForAll @IntRange(min = 0, max = 3) int grain, @ForAll boolean compare, @ForAll boolean filter,
      @ForAll boolean effective, @ForAll boolean eur, @ForAll @IntRange(min = 0, max = 2) int offGrid) {
    Instant from = START.plus(Duration.ofDays(startDay)).plus(offGrid == 1 ? Duration.ofHours(5) : Duration.ZERO);
    List<String> groups = new ArrayList<>();
    List<String> all = List.of("provider", "service", "region", "team", "resource");
    for (int i = 0; i < all.size(); i++) {
      if ((groupMask & (1 << i)) != 0) {
        groups.add(all.get(i));
      }
    }
    AnalyticsQuery.Builder q = AnalyticsQuery.cost()
        .range(TimeRange.between(from, from.plus(Duration.ofDays(days))))
        .groupBy(groups.toArray(new String[0])).grain(TimeGrain.values()[grain]).compareWithPrevious(compare)
        .costMetric(effective ? CostMetric.EFFECTIVE : CostMetric.BILLED).currency(eur ? "EUR" : "USD");
    if (filter) {
      q.where("service", List.of("EC2", "VM"));
    }
    if (offGrid == 2) {
      q.search("r1");
    }
    AnalyticsQuery query = q.build();
    assertThat(VIEW.run(query)).isEqualTo(PLAIN.run(query));
  }
}
