package io.stratus.monitoring.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SampleRejectedException;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.spi.StoreStats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryMetricStoreTest {
  private final InMemoryMetricStore store = InMemoryMetricStore.create(8);
  private final SeriesId vm1 = SeriesId.of("cpu.utilization", "resource", "vm-1", "region", "eu-west-1");
  private final SeriesId vm2 = SeriesId.of("cpu.utilization", "resource", "vm-2", "region", "us-east-1");
  private final SeriesId mem = SeriesId.of("memory.utilization", "resource", "vm-1", "region", "eu-west-1");

  @Test
  void append_sameTimeSameValue_isDuplicateAndCounted() {
    assertThat(store.append(vm1, 1000, 5.0)).isEqualTo(AppendResult.APPENDED);
    assertThat(store.append(vm1, 1000, 5.0)).isEqualTo(AppendResult.DUPLICATE);
    assertThat(store.stats().duplicates()).isEqualTo(1);
    assertThat(store.stats().points()).isEqualTo(1);
  }

  @Test
  void append_sameTimeOtherValue_isConflictAndFirstValueStays() {
    store.append(vm1, 1000, 5.0);
    assertThat(store.append(vm1, 1000, 6.0)).isEqualTo(AppendResult.REJECTED_CONFLICT);
    assertThat(store.query(SeriesSelector.of("cpu.utilization"), 0, 2000).get(0).value(0)).isEqualTo(5.0);
    assertThat(store.stats().conflicts()).isEqualTo(1);
  }

  @Test
  void append_olderPoint_isRejectedOutOfOrderAndSeriesUnchanged() {
    store.append(vm1, 2000, 5.0);
    assertThat(store.append(vm1, 1000, 1.0)).isEqualTo(AppendResult.REJECTED_OUT_OF_ORDER);
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 0, 3000).get(0);
    assertThat(d.timestamps()).containsExactly(2000);
    assertThat(store.stats().outOfOrder()).isEqualTo(1);
  }

  @Test
  void accept_outOfOrderSample_throwsNamingSeriesTimestampAndWindowAndCounts() {
    store.accept(new MetricSample(vm1, 10, 1));
    assertThatThrownBy(() -> store.accept(new MetricSample(vm1, 5, 1)))
        .isInstanceOfSatisfying(SampleRejectedException.class, e -> {
          assertThat(e.series()).isEqualTo(vm1);
          assertThat(e.epochMillis()).isEqualTo(5);
          assertThat(e.result()).isEqualTo(AppendResult.REJECTED_OUT_OF_ORDER);
          assertThat(e.outOfOrderWindow()).isEqualTo(Duration.ZERO);
        })
        .hasMessageContaining("cpu.utilization")
        .hasMessageContaining("1970-01-01T00:00:00.005Z")
        .hasMessageContaining("out of order")
        .hasMessageContaining("window of PT0S");
    assertThat(store.stats().outOfOrder()).isEqualTo(1);
  }

  @Test
  void accept_conflictingSample_throwsAndFirstValueStays() {
    store.accept(new MetricSample(vm1, 10, 1));
    assertThatThrownBy(() -> store.accept(new MetricSample(vm1, 10, 2)))
        .isInstanceOf(SampleRejectedException.class)
        .hasMessageContaining("conflict");
    store.accept(new MetricSample(vm1, 10, 1));
    assertThat(store.stats().duplicates()).isEqualTo(1);
  }

  @Test
  void outOfOrderWindow_latePointInsideWindow_isStoredInPlace() {
    InMemoryMetricStore late = InMemoryMetricStore.builder().blockPoints(4)
        .outOfOrderWindow(Duration.ofSeconds(10)).build();
    assertThat(late.outOfOrderWindow()).isEqualTo(Duration.ofSeconds(10));
    for (long t = 0; t <= 100_000; t += 20_000) {
      late.append(vm1, t, t);
    }
    assertThat(late.append(vm1, 95_000, 1)).isEqualTo(AppendResult.APPENDED);
    assertThat(late.append(vm1, 90_000, 2)).isEqualTo(AppendResult.APPENDED);
    assertThat(late.append(vm1, 90_000, 2)).isEqualTo(AppendResult.DUPLICATE);
    assertThat(late.append(vm1, 90_000, 3)).isEqualTo(AppendResult.REJECTED_CONFLICT);
    assertThat(late.append(vm1, 89_999, 4)).isEqualTo(AppendResult.REJECTED_OUT_OF_ORDER);
    SeriesData d = late.query(SeriesSelector.of("cpu.utilization"), 0, 200_000).get(0);
    assertThat(d.timestamps()).containsExactly(0, 20_000, 40_000, 60_000, 80_000, 90_000, 95_000, 100_000);
    assertThat(d.values()).containsExactly(0, 20_000, 40_000, 60_000, 80_000, 2, 1, 100_000);
    assertThat(late.stats().points()).isEqualTo(8);
    assertThatThrownBy(() -> late.accept(new MetricSample(vm1, 80_000, 9)))
        .isInstanceOfSatisfying(SampleRejectedException.class,
            e -> assertThat(e.outOfOrderWindow()).isEqualTo(Duration.ofSeconds(10)))
        .hasMessageContaining("window of PT10S");
  }

  @Test
  void outOfOrderWindow_invalid_isRejectedNamingTheRule() {
    assertThatThrownBy(() -> InMemoryMetricStore.builder().outOfOrderWindow(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outOfOrderWindow").hasMessageContaining("PT-0.001S");
    assertThatThrownBy(() -> InMemoryMetricStore.builder().outOfOrderWindow(Duration.ofDays(2)))
        .hasMessageContaining("[0, 1 day]");
  }

  @Test
  void query_selectorWithMatchers_returnsOnlyMatchingSeriesSorted() {
    store.append(vm1, 0, 1);
    store.append(vm2, 0, 2);
    store.append(mem, 0, 3);
    assertThat(store.series(SeriesSelector.parse("cpu.utilization{region=~\"eu-.*\"}"))).containsExactly(vm1);
    assertThat(store.series(SeriesSelector.parse("cpu.utilization{region!=\"eu-west-1\"}"))).containsExactly(vm2);
    assertThat(store.series(SeriesSelector.parse("{resource=\"vm-1\"}"))).containsExactly(vm1, mem);
    assertThat(store.series(SeriesSelector.parse("cpu.utilization{zone=\"\"}"))).containsExactly(vm1, vm2);
    assertThat(store.series(SeriesSelector.parse("cpu.utilization{region!~\"us-.*|eu-.*\"}"))).isEmpty();
  }

  @Test
  void query_timeRange_isHalfOpenAcrossBlocks() {
    for (int i = 0; i < 50; i++) {
      store.append(vm1, i * 1000L, i);
    }
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 10_000, 30_000).get(0);
    assertThat(d.size()).isEqualTo(20);
    assertThat(d.timestamp(0)).isEqualTo(10_000);
    assertThat(d.timestamp(19)).isEqualTo(29_000);
    assertThat(store.query(SeriesSelector.of("cpu.utilization"), 100_000, 200_000)).isEmpty();
  }

  @Test
  void queryDownsampled_avgPerMinute_matchesHandComputation() {
    for (int i = 0; i < 180; i++) {
      store.append(vm1, i * 1000L, i % 60 < 30 ? 10 : 20);
    }
    SeriesData d =
        store.query(SeriesSelector.of("cpu.utilization"), 0, 180_000, Duration.ofMinutes(1), Aggregation.AVG).get(0);
    assertThat(d.timestamps()).containsExactly(0, 60_000, 120_000);
    assertThat(d.values()).containsExactly(15, 15, 15);
    SeriesData max =
        store.query(SeriesSelector.of("cpu.utilization"), 0, 180_000, Duration.ofMinutes(1), Aggregation.MAX).get(0);
    assertThat(max.values()).containsExactly(20, 20, 20);
  }

  @Test
  void queryDownsampled_nanPointsAreGaps() {
    store.append(vm1, 0, Double.NaN);
    store.append(vm1, 1000, 4);
    store.append(vm1, 61_000, Double.NaN);
    SeriesData d =
        store.query(SeriesSelector.of("cpu.utilization"), 0, 120_000, Duration.ofMinutes(1), Aggregation.COUNT)
            .get(0);
    assertThat(d.timestamps()).containsExactly(0);
    assertThat(d.values()).containsExactly(1);
  }

  @Test
  void deleteBefore_dropsWholeOldBlocksOnly() {
    for (int i = 0; i < 20; i++) {
      store.append(vm1, i, i);
    }
    long deleted = store.deleteBefore(10);
    assertThat(deleted).isEqualTo(8);
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 0, 100).get(0);
    assertThat(d.timestamp(0)).isEqualTo(8);
    assertThat(store.append(vm1, 5, 1)).isEqualTo(AppendResult.REJECTED_OUT_OF_ORDER);
  }

  @Test
  void stats_smoothSeries_compressesWellBelowRawSize() {
    InMemoryMetricStore store = InMemoryMetricStore.create();
    for (int i = 0; i < 10_000; i++) {
      store.append(vm1, 1_600_000_000_000L + i * 60_000L, 40 + (i % 7));
    }
    StoreStats s = store.stats();
    assertThat(s.points()).isEqualTo(10_000);
    assertThat(s.bytesPerPoint()).isLessThan(2.0);
  }

  @Test
  void query_invalidRangeOrStep_fails() {
    SeriesSelector sel = SeriesSelector.of("cpu.utilization");
    assertThatThrownBy(() -> store.query(sel, 10, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toMillis");
    assertThatThrownBy(() -> store.query(sel, 0, 5, Duration.ZERO, Aggregation.AVG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
    assertThatThrownBy(() -> store.query(sel, 0, 5, Duration.ofNanos(1500), Aggregation.AVG))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number");
  }

  @Test
  void create_blockSizeOutOfRange_fails() {
    assertThatThrownBy(() -> InMemoryMetricStore.create(1)).hasMessageContaining("blockPoints");
  }

  @Test
  void create_alignedBlocks_badAlignmentFailsAndDescriptionNamesIt() {
    assertThatThrownBy(() -> InMemoryMetricStore.create(64, Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockAlignment");
    assertThatThrownBy(() -> InMemoryMetricStore.create(1, Duration.ofHours(1))).hasMessageContaining("blockPoints");
    assertThat(InMemoryMetricStore.create(64, Duration.ofHours(1)).description()).contains("aligned to PT1H");
  }

  @Test
  void alignedBlocks_hourlyAggregateOfMinuteData_equalsHandComputation() {
    InMemoryMetricStore aligned = InMemoryMetricStore.create(1024, Duration.ofHours(1));
    for (int m = 0; m < 180; m++) {
      aligned.append(vm1, m * 60_000L, m);
    }
    SeriesData d = aligned.query(SeriesSelector.of("cpu.utilization"), 0, 180 * 60_000L, Duration.ofHours(1),
        Aggregation.AVG).get(0);
    assertThat(d.timestamps()).containsExactly(0, 3_600_000, 7_200_000);
    assertThat(d.values()).containsExactly(29.5, 89.5, 149.5);
  }

  @Test
  void appendAll_mismatchedLengths_fails() {
    assertThatThrownBy(() -> store.appendAll(vm1, new long[2], new double[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void appendAll_countsOnlyAppended() {
    assertThat(store.appendAll(vm1, new long[] {1, 2, 2, 1, 3}, new double[] {1, 2, 2, 0, 3})).isEqualTo(3);
    assertThat(store.stats().duplicates()).isEqualTo(1);
    assertThat(store.stats().outOfOrder()).isEqualTo(1);
    assertThat(store.query(SeriesSelector.of("cpu.utilization"), 0, 10)).extracting(SeriesData::size)
        .isEqualTo(List.of(3));
  }

  @Test
  void appendByHandle_mixedWithAppendById_keepsOneSeriesAndCountsOutcomes() {
    SeriesHandle h = store.handle(vm1);
    assertThat(h.series()).isEqualTo(vm1);
    assertThat(store.append(h, 1000, 1.0)).isEqualTo(AppendResult.APPENDED);
    assertThat(store.append(vm1, 2000, 2.0)).isEqualTo(AppendResult.APPENDED);
    assertThat(store.append(h, 2000, 2.0)).isEqualTo(AppendResult.DUPLICATE);
    assertThat(store.append(h, 1500, 9.0)).isEqualTo(AppendResult.REJECTED_OUT_OF_ORDER);
    assertThat(store.append(h, 3000, 3.0)).isEqualTo(AppendResult.APPENDED);
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 0, 10_000).get(0);
    assertThat(d.timestamps()).containsExactly(1000, 2000, 3000);
    assertThat(d.values()).containsExactly(1.0, 2.0, 3.0);
    assertThat(store.stats().duplicates()).isEqualTo(1);
    assertThat(store.stats().outOfOrder()).isEqualTo(1);
    assertThat(store.handle(vm1).series()).isEqualTo(vm1);
    assertThat(store.series(SeriesSelector.of("cpu.utilization"))).containsExactly(vm1);
  }

  @Test
  void appendByHandle_handleOfAnotherStore_isRefused() {
    SeriesHandle foreign = InMemoryMetricStore.create().handle(vm1);
    assertThatThrownBy(() -> store.append(foreign, 0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handle");
    assertThatThrownBy(() -> store.append((SeriesHandle) null, 0, 1)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("handle");
  }

  @Test
  void append_manySinglePointsInterleavedWithReads_readsSeeEveryPoint() {
    // single appends are buffered raw and encoded in batches; reads in between must still see each point
    for (int i = 0; i < 200; i++) {
      store.append(vm1, i, i * 0.5);
      if (i % 13 == 0) {
        assertThat(store.query(SeriesSelector.of("cpu.utilization"), 0, 1000).get(0).size()).isEqualTo(i + 1);
      }
    }
    assertThat(store.stats().points()).isEqualTo(200);
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 0, 1000).get(0);
    for (int i = 0; i < 200; i++) {
      assertThat(d.value(i)).isEqualTo(i * 0.5);
    }
  }

  @Test
  void query_onExecutor_equalsSingleThreadedRawAndDownsampled() throws Exception {
    InMemoryMetricStore big = InMemoryMetricStore.create(16);
    for (int s = 0; s < 300; s++) {
      SeriesId id = SeriesId.of("cpu.utilization", "resource", "vm-" + s);
      for (int i = 0; i < 100; i++) {
        big.append(id, i * 1000L, (s * 7 + i) % 23);
      }
    }
    SeriesSelector sel = SeriesSelector.of("cpu.utilization");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      assertThat(big.query(sel, 5_000, 80_000, pool)).isEqualTo(big.query(sel, 5_000, 80_000)).hasSize(300);
      assertThat(big.query(sel, 5_000, 80_000, Duration.ofSeconds(10), Aggregation.MAX, pool))
          .isEqualTo(big.query(sel, 5_000, 80_000, Duration.ofSeconds(10), Aggregation.MAX)).hasSize(300);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void query_onRefusingExecutor_failsWithTheRejection() {
    InMemoryMetricStore big = InMemoryMetricStore.create(16);
    for (int s = 0; s < 100; s++) {
      big.append(SeriesId.of("cpu.utilization", "resource", "vm-" + s), 0, 1);
    }
    java.util.concurrent.Executor refusing = r -> {
      throw new java.util.concurrent.RejectedExecutionException("full");
    };
    assertThatThrownBy(() -> big.query(SeriesSelector.of("cpu.utilization"), 0, 10, refusing))
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
  }

  @Test
  void serviceLoader_findsTheInMemoryStore() {
    MetricStore found = io.stratus.spi.ProviderRegistry.load(MetricStore.class).single();
    assertThat(found).isInstanceOf(InMemoryMetricStore.class);
    assertThat(found.id()).isEqualTo("in-memory");
  }
}
