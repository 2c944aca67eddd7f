package io.stratus.testkit.finops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.collect.CollectionReport;
import io.stratus.finops.collect.CostCollector;
import io.stratus.finops.spi.WatermarkStore;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.spi.BillingBatch;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BillingSource} must pass (the file reader's, the simulator's, a host's own). Extend it
 * in a test and return a source that has data for at least one billing period before {@link #asOf()}.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class BillingSourceCompatibilityKit {
  /**
   * A source with data; called once per test.
   *
   * @return the source; never null
   */
  protected abstract BillingSource createSource();

  /**
   * The instant passed as "now" to {@link BillingSource#billingPeriods}.
   *
   * @return the instant; never null
   */
  protected abstract Instant asOf();

  private static Map<String, BigDecimal> billed(List<CostRecord> records) {
    Map<String, BigDecimal> out = new TreeMap<>();
    records.forEach(r -> out.merge(r.billingCurrency().getCurrencyCode(), r.billedCost(), BigDecimal::add));
    return out;
  }

  @Test
  void id_isNotBlank() {
    assertThat(createSource().id()).isNotBlank();
  }

  @Test
  void billingPeriods_areDistinctOrderedAndNotEmpty() {
    List<BillingPeriod> periods = createSource().billingPeriods(asOf());
    assertThat(periods).isNotEmpty().doesNotHaveDuplicates().isSorted();
    assertThat(periods).allSatisfy(p -> assertThat(p.start()).isBefore(asOf()));
  }

  @Test
  void fetch_initialWatermark_returnsOnlyRecordsOfThePeriod() {
    BillingSource source = createSource();
    for (BillingPeriod p : source.billingPeriods(asOf())) {
      BillingBatch batch = source.fetch(p, Watermark.INITIAL);
      assertThat(batch.period()).isEqualTo(p);
      assertThat(batch.watermark()).isNotNull();
      assertThat(batch.records())
          .allSatisfy(r -> assertThat(BillingPeriod.of(r)).isEqualTo(p));
    }
  }

  @Test
  void fetch_sameWatermarkTwice_returnsTheSameRecords() {
    BillingSource source = createSource();
    BillingPeriod p = source.billingPeriods(asOf()).get(0);
    BillingBatch a = source.fetch(p, Watermark.INITIAL);
    BillingBatch b = source.fetch(p, Watermark.INITIAL);
    assertThat(b.records()).containsExactlyInAnyOrderElementsOf(a.records());
    assertThat(b.watermark()).isEqualTo(a.watermark());
  }

  @Test
  void fetch_withTheReturnedWatermark_returnsNothingNewWhenNothingChanged() {
    BillingSource source = createSource();
    BillingPeriod p = source.billingPeriods(asOf()).get(0);
    BillingBatch first = source.fetch(p, Watermark.INITIAL);
    BillingBatch next = source.fetch(p, first.watermark());
    assertThat(next.records()).isEmpty();
  }

  @Test
  void collect_twice_storesEachRecordOnce() {
    BillingSource source = createSource();
    List<CostRecord> all = new java.util.ArrayList<>();
    for (BillingPeriod p : source.billingPeriods(asOf())) {
      all.addAll(source.fetch(p, Watermark.INITIAL).records());
    }
    CostStore store = CostStore.inMemory();
    CostCollector collector =
        CostCollector.create(List.of(source), store, WatermarkStore.inMemory(), InstantSource.fixed(asOf()));
    CollectionReport first = collector.collect();
    CollectionReport second = collector.collect();
    assertThat(first.isComplete()).as("first run: %s", first).isTrue();
    assertThat(second.isComplete()).as("second run: %s", second).isTrue();
    assertThat(store.size()).isEqualTo(all.size());
    Map<String, BigDecimal> stored = new TreeMap<>();
    store.query(CostQuery.builder().build()).totals().forEach(stored::put);
    Map<String, BigDecimal> expected = billed(all);
    assertThat(stored.keySet()).isEqualTo(expected.keySet());
    expected.forEach((c, v) -> assertThat(stored.get(c)).isEqualByComparingTo(v));
  }
}
