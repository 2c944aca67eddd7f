package io.stratus.finops.collect;

import io.stratus.finops.spi.WatermarkStore;
import static io.stratus.finops.TestRecords.JAN;
import static io.stratus.finops.TestRecords.FEB;
import static io.stratus.finops.TestRecords.at;
import static io.stratus.finops.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.ProviderException;
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
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CostCollectorTest {
  static final Currency USD = Currency.getInstance("USD");
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2025-03-01T00:00:00Z"));

  /**
   * A source that re-issues whole months, like an AWS CUR delivery: each version of a month is complete. Versions are
   * the watermark; fetching with the current version returns nothing new.
   */
  static final class ReissuingSource implements BillingSource {
    final Map<BillingPeriod, List<CostRecord>> months = new LinkedHashMap<>();
    final Map<BillingPeriod, Integer> versions = new LinkedHashMap<>();
    boolean failNext;

    void issue(BillingPeriod p, List<CostRecord> records) {
      months.put(p, List.copyOf(records));
      versions.merge(p, 1, Integer::sum);
    }

    @Override
    public String id() {
      return "reissuing";
    }

    @Override
    public List<BillingPeriod> billingPeriods(Instant asOf) {
      return new ArrayList<>(months.keySet());
    }

    @Override
    public BillingBatch fetch(BillingPeriod period, Watermark since) {
      if (failNext) {
        failNext = false;
        throw new ProviderException(id(), "export bucket unreachable", null);
      }
      String current = "v" + versions.get(period);
      if (since.token().equals(current)) {
        return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, List.of(), since);
      }
      return new BillingBatch(period, BillingBatch.Mode.REPLACE_PERIOD, months.get(period), Watermark.of(current));
    }

    BigDecimal total() {
      return months.values().stream().flatMap(List::stream).map(CostRecord::billedCost)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  static List<CostRecord> month(BillingPeriod p, String... costs) {
    List<CostRecord> out = new ArrayList<>();
    for (int i = 0; i < costs.length; i++) {
      out.add(usage("svc", "r" + i, costs[i], p.start().plusSeconds(3600L * i)).build());
    }
    return out;
  }

  static BigDecimal stored(CostStore store) {
    return store.query(CostQuery.builder().build()).total(USD);
  }

  @Test
  void collect_reRunAndRestatement_neverDoubleCount() {
    ReissuingSource source = new ReissuingSource();
    source.issue(JAN, month(JAN, "1.00", "2.00"));
    CostStore store = CostStore.inMemory();
    WatermarkStore marks = WatermarkStore.inMemory();
    CostCollector collector = CostCollector.create(List.of(source), store, marks, CLOCK);
    CollectionReport first = collector.collect();
    assertThat(first.added()).isEqualTo(2);
    CollectionReport second = collector.collect();
    assertThat(second.added()).isZero();
    assertThat(stored(store)).isEqualByComparingTo("3.00");
    source.issue(JAN, month(JAN, "1.00", "2.50", "0.25"));
    source.issue(FEB, month(FEB, "4.00"));
    CollectionReport third = collector.collect();
    assertThat(third.removed()).isEqualTo(2);
    assertThat(stored(store)).isEqualByComparingTo("7.75");
    assertThat(marks.get("reissuing", JAN)).contains(Watermark.of("v2"));
    assertThat(third.isComplete()).isTrue();
  }

  @Test
  void collect_failingSource_keepsTheWatermarkAndRecoversOnTheNextRun() {
    ReissuingSource source = new ReissuingSource();
    source.issue(JAN, month(JAN, "1.00"));
    CostStore store = CostStore.inMemory();
    WatermarkStore marks = WatermarkStore.inMemory();
    CostCollector collector = CostCollector.create(List.of(source), store, marks, CLOCK);
    source.failNext = true;
    CollectionReport failed = collector.collect();
    assertThat(failed.isComplete()).isFalse();
    assertThat(failed.pulls().get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("unreachable"));
    assertThat(marks.get("reissuing", JAN)).isEmpty();
    collector.collect();
    assertThat(stored(store)).isEqualByComparingTo("1.00");
  }

  @Test
  void collect_watermarkMovesOnlyAfterTheStoreAcceptedTheBatch() {
    // an empty batch with a new watermark is acknowledged: the watermark moves
    CostStore store = CostStore.inMemory();
    WatermarkStore marks = WatermarkStore.inMemory();
    CollectionReport r = CostCollector.create(List.of(new BillingSource() {
      @Override
      public String id() {
        return "bad";
      }

      @Override
      public List<BillingPeriod> billingPeriods(Instant asOf) {
        return List.of(JAN);
      }

      @Override
      public BillingBatch fetch(BillingPeriod period, Watermark since) {
        return new BillingBatch(period, BillingBatch.Mode.UPSERT, List.of(), Watermark.of("w1"));
      }
    }), store, marks, CLOCK).collect();
    assertThat(r.isComplete()).isTrue();
    assertThat(marks.get("bad", JAN)).contains(Watermark.of("w1"));
    // and a refusal by the store leaves the watermark alone
    CostStore refusing = new CostStore() {
      @Override
      public io.stratus.finops.query.WriteResult write(String s, BillingPeriod p, BillingBatch.Mode m,
          java.util.Collection<CostRecord> rs) {
        throw new IllegalStateException("disk full");
      }

      @Override
      public Appender appender(String sourceId) {
        throw new IllegalStateException("disk full");
      }

      @Override
      public long size() {
        return 0;
      }

      @Override
      public io.stratus.finops.query.CostQueryResult query(CostQuery query) {
        return new io.stratus.finops.query.CostQueryResult(query, List.of());
      }

      @Override
      public void scan(CostQuery query, RecordVisitor visitor) {}
    };
    ReissuingSource ok = new ReissuingSource();
    ok.issue(JAN, month(JAN, "1.00"));
    CollectionReport refused = CostCollector.create(List.of(ok), refusing, marks, CLOCK).collect();
    assertThat(refused.pulls().get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("disk full"));
    assertThat(marks.get("reissuing", JAN)).isEmpty();
  }

  @Test
  void create_duplicateSourceIds_areRejected() {
    ReissuingSource a = new ReissuingSource();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CostCollector.create(List.of(a, a), CostStore.inMemory(), WatermarkStore.inMemory(), CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reissuing");
  }

  @Property(tries = 40)
  void collect_anySequenceOfRunsAndReissues_storeEqualsTheSourcesCurrentData(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 3) Integer> steps) {
    ReissuingSource source = new ReissuingSource();
    source.issue(JAN, month(JAN, "1.00"));
    CostStore store = CostStore.inMemory();
    CostCollector collector = CostCollector.create(List.of(source), store, WatermarkStore.inMemory(), CLOCK);
    int n = 0;
    for (int step : steps) {
      n++;
      switch (step) {
        case 0:
          collector.collect();
          break;
        case 1:
          source.issue(JAN, month(JAN, "1.00", n + ".25"));
          break;
        case 2:
          source.issue(FEB, month(FEB, "3.5", "0." + n));
          break;
        default:
          source.failNext = true;
          collector.collect();
      }
    }
    collector.collect();
    assertThat(stored(store)).isEqualByComparingTo(source.total());
  }

  @Test
  void batch_recordOutsideItsPeriod_isRejectedAtConstruction() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new BillingBatch(JAN, BillingBatch.Mode.UPSERT, month(FEB, "1"), Watermark.INITIAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(at("2025-01-01T00:00:00Z")).isEqualTo(JAN.start());
  }
}
