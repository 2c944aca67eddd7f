package io.stratus.testkit.finops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostDelta;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.BillingBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CostStore} must pass: atomic, idempotent writes per source and billing period, exact
 * aggregation, top-N, time ranges, tag dimensions, and scans that return what was written. Extend it in a test and
 * return a new, empty store.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class CostStoreCompatibilityKit {
  private static final BillingPeriod JAN = BillingPeriod.of(YearMonth.of(2025, 1));
  private static final BillingPeriod FEB = BillingPeriod.of(YearMonth.of(2025, 2));
  private static final Currency USD = Currency.getInstance("USD");

  /**
   * A new, empty store.
   *
   * @return the store; never null
   */
  protected abstract CostStore createStore();

  private static CostRecord record(BillingPeriod p, int hour, String service, String resource, String cost) {
    Instant start = p.start().plusSeconds(3600L * hour);
    CostRecord.Builder b =
        CostRecord.builder()
            .allCosts(new BigDecimal(cost))
            .billingCurrency(USD)
            .chargeCategory(ChargeCategory.USAGE)
            .chargePeriod(start, start.plusSeconds(3600))
            .billingPeriod(p)
            .providerName("Kit")
            .billingAccountId("acct")
            .subAccountId("sub-" + (hour % 3))
            .serviceName(service)
            .serviceCategory("Compute")
            .resourceId(resource);
    if (hour % 2 == 0) {
      b.tag("team", "team-" + (hour % 4));
    }
    return b.build();
  }

  private static List<CostRecord> dataset(BillingPeriod p, long seed, int n) {
    Random rnd = new Random(seed);
    List<CostRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(record(p, rnd.nextInt(24 * 28), "svc-" + rnd.nextInt(5), "r-" + rnd.nextInt(40),
          BigDecimal.valueOf(rnd.nextInt(100_000), rnd.nextInt(7)).toPlainString()));
    }
    return out;
  }

  private static BigDecimal total(CostStore store) {
    return store.query(CostQuery.builder().build()).total(USD);
  }

  private static BigDecimal sum(List<CostRecord> rs) {
    return rs.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void write_replacePeriodTwice_isIdempotent() {
    CostStore store = createStore();
    List<CostRecord> jan = dataset(JAN, 1, 300);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    assertThat(store.size()).isEqualTo(300);
    assertThat(total(store)).isEqualByComparingTo(sum(jan));
  }

  @Test
  void write_replacePeriod_touchesOnlyThatSourceAndPeriod() {
    CostStore store = createStore();
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, dataset(JAN, 1, 50));
    List<CostRecord> feb = dataset(FEB, 2, 40);
    store.write("kit", FEB, BillingBatch.Mode.REPLACE_PERIOD, feb);
    List<CostRecord> other = dataset(JAN, 3, 30);
    store.write("other", JAN, BillingBatch.Mode.REPLACE_PERIOD, other);
    List<CostRecord> janAgain = dataset(JAN, 4, 20);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, janAgain);
    assertThat(store.size()).isEqualTo(90);
    assertThat(total(store)).isEqualByComparingTo(sum(feb).add(sum(other)).add(sum(janAgain)));
  }

  @Test
  void write_upsert_replacesRestatedLinesAndKeepsDuplicatesOfOneBatch() {
    CostStore store = createStore();
    CostRecord a = record(JAN, 1, "svc", "r1", "1.00");
    CostRecord twin = record(JAN, 1, "svc", "r1", "1.00");
    CostRecord b = record(JAN, 2, "svc", "r2", "2.00");
    store.write("kit", JAN, BillingBatch.Mode.UPSERT, List.of(a, twin, b));
    assertThat(store.size()).isEqualTo(3);
    CostRecord restated = a.toBuilder().allCosts(new BigDecimal("5.00")).build();
    store.write("kit", JAN, BillingBatch.Mode.UPSERT, List.of(restated));
    store.write("kit", JAN, BillingBatch.Mode.UPSERT, List.of(restated));
    assertThat(store.size()).isEqualTo(2);
    assertThat(total(store)).isEqualByComparingTo("7.00");
  }

  @Test
  void appender_recordsBecomeVisibleOnCommit() {
    CostStore store = createStore();
    List<CostRecord> jan = dataset(JAN, 5, 100);
    CostStore.Appender appender = store.appender("bulk");
    jan.forEach(appender);
    assertThat(store.size()).isZero();
    assertThat(appender.commit()).isEqualTo(100);
    assertThat(store.size()).isEqualTo(100);
  }

  @Test
  void query_groupsAndBuckets_sumExactly() {
    CostStore store = createStore();
    List<CostRecord> jan = dataset(JAN, 6, 500);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    CostQueryResult r =
        store.query(CostQuery.builder().groupBy(Dimension.SERVICE, Dimension.SUB_ACCOUNT)
            .granularity(Granularity.DAY).build());
    Map<List<Object>, BigDecimal> expected = new HashMap<>();
    for (CostRecord c : jan) {
      expected.merge(List.of(c.serviceName(), c.subAccountId(),
          c.chargePeriodStart().truncatedTo(java.time.temporal.ChronoUnit.DAYS)), c.billedCost(), BigDecimal::add);
    }
    assertThat(r.rows()).hasSize(expected.size());
    for (CostRow row : r.rows()) {
      assertThat(row.amount())
          .isEqualByComparingTo(expected.get(List.of(row.key().get(0), row.key().get(1), row.bucketStart())));
    }
  }

  @Test
  void query_timeRangeAndFilters_selectHalfOpenRanges() {
    CostStore store = createStore();
    List<CostRecord> jan = dataset(JAN, 7, 300);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    Instant from = JAN.start().plusSeconds(86400L * 3);
    Instant to = JAN.start().plusSeconds(86400L * 10);
    BigDecimal expected =
        jan.stream()
            .filter(c -> !c.chargePeriodStart().isBefore(from) && c.chargePeriodStart().isBefore(to))
            .filter(c -> c.serviceName().equals("svc-1"))
            .map(CostRecord::billedCost)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    CostQueryResult r =
        store.query(CostQuery.builder().between(from, to).where(Dimension.SERVICE, "svc-1").build());
    assertThat(r.total(USD)).isEqualByComparingTo(expected);
  }

  @Test
  void query_topN_returnsTheLargestGroupsLargestFirst() {
    CostStore store = createStore();
    List<CostRecord> jan = dataset(JAN, 8, 400);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    Map<String, BigDecimal> byResource = new HashMap<>();
    jan.forEach(c -> byResource.merge(c.resourceId(), c.billedCost(), BigDecimal::add));
    List<BigDecimal> sorted = new ArrayList<>(byResource.values());
    sorted.sort((a, b) -> b.compareTo(a));
    List<CostRow> top = store.query(CostQuery.builder().groupBy(Dimension.RESOURCE).top(5).build()).rows();
    assertThat(top).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(top.get(i).amount()).isEqualByComparingTo(sorted.get(i));
    }
  }

  @Test
  void query_byTag_groupsUntaggedRecordsUnderNull() {
    CostStore store = createStore();
    List<CostRecord> jan = dataset(JAN, 9, 200);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    BigDecimal untagged =
        jan.stream().filter(c -> c.tags().isEmpty()).map(CostRecord::billedCost).reduce(BigDecimal.ZERO,
            BigDecimal::add);
    CostRow nullRow =
        store.query(CostQuery.builder().groupBy(Dimension.tag("team")).build()).rows().stream()
            .filter(r -> r.key().get(0) == null).findFirst().orElseThrow();
    assertThat(nullRow.amount()).isEqualByComparingTo(untagged);
  }

  @Test
  void periodOverPeriod_comparesTwoMonths() {
    CostStore store = createStore();
    List<CostRecord> jan = dataset(JAN, 10, 100);
    List<CostRecord> feb = dataset(FEB, 11, 100);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    store.write("kit", FEB, BillingBatch.Mode.REPLACE_PERIOD, feb);
    List<CostDelta> d =
        store.periodOverPeriod(CostQuery.builder().build(), JAN.start(), FEB.start(), FEB.end());
    assertThat(d).hasSize(1);
    assertThat(d.get(0).previous()).isEqualByComparingTo(sum(jan));
    assertThat(d.get(0).current()).isEqualByComparingTo(sum(feb));
  }

  @Test
  void scan_returnsWhatWasWritten() {
    CostStore store = createStore();
    List<CostRecord> jan = dataset(JAN, 12, 150);
    store.write("kit", JAN, BillingBatch.Mode.REPLACE_PERIOD, jan);
    List<CostRecord> back = new ArrayList<>();
    store.scan(CostQuery.builder().build(), (source, r) -> {
      assertThat(source).isEqualTo("kit");
      back.add(r);
    });
    assertThat(back).containsExactlyInAnyOrderElementsOf(jan);
  }
}
