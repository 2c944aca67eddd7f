package io.stratus.finops.spi;

import static io.stratus.finops.TestRecords.JAN;
import static io.stratus.finops.TestRecords.at;
import static io.stratus.finops.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.query.WriteResult;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.query.CostDelta;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InMemoryCostStoreTest {
  static final Instant START = at("2025-01-01T00:00:00Z");
  static final List<CostRecord> RECORDS = new ArrayList<>();
  static CostStore store;

  /** 80,000 records over January and February (three chunks and more), with skewed resources and exact costs. */
  @BeforeAll
  static void load() {
    Random rnd = new Random(7);
    for (int i = 0; i < 80_000; i++) {
      Instant start = START.plus(rnd.nextInt(59 * 24), ChronoUnit.HOURS);
      int res = (int) (Math.pow(rnd.nextDouble(), 3) * 5000);
      String cost = BigDecimal.valueOf(rnd.nextInt(1_000_000), 1 + rnd.nextInt(9)).toPlainString();
      CostRecord.Builder b = usage("svc-" + res % 17, "r-" + res, cost, start).regionId("region-" + res % 5);
      if (res % 3 == 0) {
        b.tag("team", "team-" + res % 4);
      }
      if (i % 1000 == 0) {
        b.billedCost(new BigDecimal("123456789012.123456789012345"));
      }
      RECORDS.add(b.build());
    }
    store = CostStore.inMemory();
    try (CostStore.Appender a = store.appender("gen")) {
      RECORDS.forEach(a);
    }
  }

  private static Map<List<Object>, BigDecimal> naive(java.util.function.Function<CostRecord, List<Object>> key,
      java.util.function.Predicate<CostRecord> filter) {
    Map<List<Object>, BigDecimal> out = new HashMap<>();
    for (CostRecord r : RECORDS) {
      if (filter.test(r)) {
        out.merge(key.apply(r), r.billedCost(), BigDecimal::add);
      }
    }
    return out;
  }

  private static Map<List<Object>, BigDecimal> actual(CostQueryResult result) {
    Map<List<Object>, BigDecimal> out = new HashMap<>();
    for (CostRow row : result.rows()) {
      List<Object> k = new ArrayList<>(row.key());
      if (row.bucketStart() != null) {
        k.add(row.bucketStart());
      }
      out.put(k, row.amount());
    }
    return out;
  }

  private static void assertSameAmounts(Map<List<Object>, BigDecimal> actual, Map<List<Object>, BigDecimal> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, v) -> assertThat(actual.get(k)).as("group %s", k).isEqualByComparingTo(v));
  }

  @Test
  void size_afterBulkLoad_countsEveryRecord() {
    assertThat(store.size()).isEqualTo(80_000);
  }

  @Test
  void query_serviceByDayForOneMonth_matchesExactNaiveSums() {
    Instant feb = at("2025-02-01T00:00:00Z");
    CostQuery q = CostQuery.builder().between(START, feb).groupBy(Dimension.SERVICE).granularity(Granularity.DAY).build();
    assertSameAmounts(
        actual(store.query(q)),
        naive(
            r -> List.of(r.serviceName(), r.chargePeriodStart().truncatedTo(ChronoUnit.DAYS)),
            r -> r.chargePeriodStart().isBefore(feb)));
  }

  @Test
  void query_providerAccountServiceResourceDrillDown_matchesNaiveSums() {
    CostQuery q =
        CostQuery.builder()
            .groupBy(Dimension.PROVIDER, Dimension.BILLING_ACCOUNT, Dimension.SERVICE, Dimension.RESOURCE)
            .where(Dimension.REGION, List.of("region-1", "region-3"))
            .build();
    assertSameAmounts(
        actual(store.query(q)),
        naive(
            r -> List.of(r.providerName(), r.billingAccountId(), r.serviceName(), r.resourceId()),
            r -> r.regionId().equals("region-1") || r.regionId().equals("region-3")));
  }

  @Test
  void query_monthAndHourGranularity_bucketByUtcCalendar() {
    CostQueryResult months = store.query(CostQuery.builder().granularity(Granularity.MONTH).build());
    assertThat(months.rows()).extracting(CostRow::bucketStart)
        .containsExactly(at("2025-01-01T00:00:00Z"), at("2025-02-01T00:00:00Z"));
    assertSameAmounts(actual(months),
        naive(r -> List.of(r.chargePeriodStart().atZone(java.time.ZoneOffset.UTC).withDayOfMonth(1)
            .truncatedTo(ChronoUnit.DAYS).toInstant()), r -> true));
    CostQueryResult hours =
        store.query(CostQuery.builder().between(START, START.plus(1, ChronoUnit.DAYS))
            .granularity(Granularity.HOUR).build());
    assertSameAmounts(actual(hours),
        naive(r -> List.of(r.chargePeriodStart()), r -> r.chargePeriodStart().isBefore(START.plus(1, ChronoUnit.DAYS))));
  }

  @Test
  void query_top20Resources_areTheLargestInOrder() {
    CostQueryResult top = store.query(CostQuery.builder().groupBy(Dimension.RESOURCE).top(20).build());
    List<BigDecimal> expected = new ArrayList<>(naive(r -> List.of(r.resourceId()), r -> true).values());
    expected.sort((a, b) -> b.compareTo(a));
    assertThat(top.rows()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(top.rows().get(i).amount()).isEqualByComparingTo(expected.get(i));
    }
  }

  @Test
  void query_costPerTag_groupsRecordsWithoutTheTagUnderNull() {
    CostQueryResult byTeam = store.query(CostQuery.builder().groupBy(Dimension.tag("team")).build());
    Map<List<Object>, BigDecimal> expected = new HashMap<>();
    for (CostRecord r : RECORDS) {
      expected.merge(java.util.Arrays.asList((Object) r.tags().get("team")), r.billedCost(), BigDecimal::add);
    }
    assertSameAmounts(actual(byTeam), expected);
    CostQueryResult onlyTeam0 =
        store.query(CostQuery.builder().where(Dimension.tag("team"), "team-0").build());
    assertThat(onlyTeam0.total(java.util.Currency.getInstance("USD")))
        .isEqualByComparingTo(expected.get(List.of("team-0")));
  }

  @Test
  void periodOverPeriod_januaryVsFebruary_perService() {
    Instant feb = at("2025-02-01T00:00:00Z");
    Instant mar = at("2025-03-01T00:00:00Z");
    List<CostDelta> deltas =
        store.periodOverPeriod(CostQuery.builder().groupBy(Dimension.SERVICE).build(), START, feb, mar);
    Map<List<Object>, BigDecimal> jan = naive(r -> List.of(r.serviceName()), r -> r.chargePeriodStart().isBefore(feb));
    Map<List<Object>, BigDecimal> febSums = naive(r -> List.of(r.serviceName()), r -> !r.chargePeriodStart().isBefore(feb));
    assertThat(deltas).hasSize(17);
    for (CostDelta d : deltas) {
      List<Object> k = List.of(d.key().get(0));
      assertThat(d.previous()).isEqualByComparingTo(jan.get(k));
      assertThat(d.current()).isEqualByComparingTo(febSums.get(k));
      assertThat(d.change()).isEqualByComparingTo(febSums.get(k).subtract(jan.get(k)));
    }
    for (int i = 1; i < deltas.size(); i++) {
      assertThat(deltas.get(i - 1).change().abs()).isGreaterThanOrEqualTo(deltas.get(i).change().abs());
    }
  }

  @Test
  void scan_returnsEveryStoredRecordUnchanged() {
    List<CostRecord> back = new ArrayList<>();
    store.scan(CostQuery.builder().build(), (source, r) -> {
      assertThat(source).isEqualTo("gen");
      back.add(r);
    });
    assertThat(back).isEqualTo(RECORDS);
  }

  @Test
  void write_replacePeriodTwice_keepsOneCopy() {
    CostStore s = CostStore.inMemory();
    List<CostRecord> jan =
        List.of(usage("A", "r1", "1.10", at("2025-01-02T00:00:00Z")).build(),
            usage("A", "r2", "2.20", at("2025-01-03T00:00:00Z")).build());
    s.write("src", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    WriteResult again = s.write("src", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    assertThat(again.removed()).isEqualTo(2);
    assertThat(s.size()).isEqualTo(2);
    s.write("other", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan.subList(0, 1));
    assertThat(s.query(CostQuery.builder().groupBy(Dimension.SOURCE).build()).rows())
        .extracting(r -> r.key().get(0), CostRow::amount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("other", new BigDecimal("1.1")),
            org.assertj.core.groups.Tuple.tuple("src", new BigDecimal("3.3")));
  }

  @Test
  void write_upsertRestatedLine_replacesItAndKeepsOthers() {
    CostStore s = CostStore.inMemory();
    CostRecord a = usage("A", "r1", "1.00", at("2025-01-02T00:00:00Z")).lineItemId("L1").build();
    CostRecord b = usage("A", "r2", "2.00", at("2025-01-02T00:00:00Z")).lineItemId("L2").build();
    s.write("src", JAN, BillingBatch.Mode.UPSERT, List.of(a, b));
    CostRecord restated = a.toBuilder().allCosts(new BigDecimal("1.50")).build();
    WriteResult w = s.write("src", JAN, BillingBatch.Mode.UPSERT, List.of(restated));
    assertThat(w.removed()).isEqualTo(1);
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.query(CostQuery.builder().build()).total(java.util.Currency.getInstance("USD")))
        .isEqualByComparingTo("3.50");
  }

  @Test
  void write_recordOutsideThePeriod_isRefused() {
    CostStore s = CostStore.inMemory();
    CostRecord feb = usage("A", "r1", "1.00", at("2025-02-02T00:00:00Z")).build();
    assertThatThrownBy(() -> s.write("src", JAN, BillingBatch.Mode.UPSERT, List.of(feb)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("billing period");
  }

  @Test
  void query_emptyStore_returnsNoRows() {
    assertThat(CostStore.inMemory().query(CostQuery.builder().groupBy(Dimension.SERVICE).build()).rows()).isEmpty();
  }

  @Test
  void totals_byCurrency_keepCurrenciesApart() {
    CostStore s = CostStore.inMemory();
    List<CostRecord> rs = List.of(
        usage("A", "r1", "1.00", at("2025-01-02T00:00:00Z")).build(),
        usage("A", "r1", "2.00", at("2025-01-02T00:00:00Z"))
            .billingCurrency(java.util.Currency.getInstance("EUR")).build());
    s.write("src", JAN, BillingBatch.Mode.REPLACE_PERIOD, rs);
    assertThat(new TreeMap<>(s.query(CostQuery.builder().groupBy(Dimension.SERVICE).build()).totals()))
        .containsEntry("USD", new BigDecimal("1")).containsEntry("EUR", new BigDecimal("2"));
  }
}
