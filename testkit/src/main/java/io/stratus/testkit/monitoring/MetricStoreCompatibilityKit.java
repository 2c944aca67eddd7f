package io.stratus.testkit.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.spi.SampleRejectedException;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MetricStore} must meet: append outcomes, exact round trips, selectors, half-open ranges,
 * downsampling and retention. Extend it in a test class and return a new, empty store.
 *
 * <p>Not thread-safe (one instance per test).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class MetricStoreCompatibilityKit {
  private MetricStore store;
  private final SeriesId a = SeriesId.of("cpu.utilization", "resource", "vm-a", "region", "eu-west-1");
  private final SeriesId b = SeriesId.of("cpu.utilization", "resource", "vm-b", "region", "us-east-1");

  /**
   * Creates a new, empty store.
   *
   * @return the store; never null
   */
  protected abstract MetricStore createStore();

  @BeforeEach
  void createUnderTest() {
    store = createStore();
    assertThat(store).as("createStore()").isNotNull();
  }

  @Test
  void append_outcomes_followTheContract() {
    long window = store.outOfOrderWindow().toMillis();
    assertThat(window).as("outOfOrderWindow() in ms").isNotNegative();
    long t = 1_000_000_000L;
    assertThat(store.append(a, t, 1.5)).isEqualTo(AppendResult.APPENDED);
    assertThat(store.append(a, t, 1.5)).isEqualTo(AppendResult.DUPLICATE);
    assertThat(store.append(a, t, 2.5)).isEqualTo(AppendResult.REJECTED_CONFLICT);
    assertThat(store.append(a, t - window - 1, 2.5)).isEqualTo(AppendResult.REJECTED_OUT_OF_ORDER);
    assertThat(store.stats().duplicates()).isEqualTo(1);
    assertThat(store.stats().conflicts()).isEqualTo(1);
    assertThat(store.stats().outOfOrder()).isEqualTo(1);
  }

  @Test
  void accept_rejectedSample_throwsNamingSeriesTimestampAndWindow() {
    long window = store.outOfOrderWindow().toMillis();
    long t = 1_000_000_000L;
    store.accept(new MetricSample(a, t, 1.5));
    assertThatThrownBy(() -> store.accept(new MetricSample(a, t - window - 1, 2.5)))
        .isInstanceOfSatisfying(SampleRejectedException.class, e -> {
          assertThat(e.series()).isEqualTo(a);
          assertThat(e.epochMillis()).isEqualTo(t - window - 1);
          assertThat(e.result()).isEqualTo(AppendResult.REJECTED_OUT_OF_ORDER);
        });
    assertThatThrownBy(() -> store.accept(new MetricSample(a, t, 2.5)))
        .isInstanceOfSatisfying(SampleRejectedException.class,
            e -> assertThat(e.result()).isEqualTo(AppendResult.REJECTED_CONFLICT));
  }

  @Test
  void outOfOrderWindow_pointInsideIt_isStoredInPlace() {
    long window = store.outOfOrderWindow().toMillis();
    Assumptions.assumeTrue(window > 0, "the store has no out-of-order window");
    long t = 1_000_000_000L;
    store.append(a, t, 1);
    assertThat(store.append(a, t - window, 2)).isEqualTo(AppendResult.APPENDED);
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 0, Long.MAX_VALUE).get(0);
    assertThat(d.timestamps()).containsExactly(t - window, t);
    assertThat(d.values()).containsExactly(2, 1);
  }

  @Test
  void query_roundTripsSpecialValuesBitForBit() {
    double[] values = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 42.0};
    for (int i = 0; i < values.length; i++) {
      store.append(a, i * 10L, values[i]);
    }
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 0, 1000).get(0);
    assertThat(d.size()).isEqualTo(values.length);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(d.value(i))).isEqualTo(Double.doubleToRawLongBits(values[i]));
      assertThat(d.timestamp(i)).isEqualTo(i * 10L);
    }
  }

  @Test
  void query_selectorsAndHalfOpenRange() {
    for (long t = 0; t < 100; t++) {
      store.append(a, t, t);
      store.append(b, t, -t);
    }
    assertThat(store.series(SeriesSelector.parse("cpu.utilization{region=~\"eu-.*\"}"))).containsExactly(a);
    assertThat(store.series(SeriesSelector.parse("cpu.utilization{region!=\"eu-west-1\"}"))).containsExactly(b);
    List<SeriesData> all = store.query(SeriesSelector.of("cpu.utilization"), 10, 20);
    assertThat(all).extracting(SeriesData::series).containsExactly(a, b);
    assertThat(all.get(0).timestamps()).containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    assertThat(store.query(SeriesSelector.of("memory.utilization"), 0, 100)).isEmpty();
  }

  @Test
  void query_downsampled_aggregatesPerBucket() {
    for (long t = 0; t < 120_000; t += 1000) {
      store.append(a, t, t < 60_000 ? 1 : 3);
    }
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 0, 120_000, Duration.ofMinutes(1),
        Aggregation.SUM).get(0);
    assertThat(d.timestamps()).containsExactly(0, 60_000);
    assertThat(d.values()).containsExactly(60, 180);
  }

  @Test
  void deleteBefore_neverDeletesNewerPoints() {
    for (long t = 0; t < 5000; t++) {
      store.append(a, t, t);
    }
    store.deleteBefore(2500);
    SeriesData d = store.query(SeriesSelector.of("cpu.utilization"), 2500, 5000).get(0);
    assertThat(d.size()).isEqualTo(2500);
  }

  @Test
  void query_onExecutor_returnsTheSameAsOnTheCallingThread() {
    List<SeriesId> ids = new java.util.ArrayList<>();
    for (int s = 0; s < 100; s++) {
      SeriesId id = SeriesId.of("cpu.utilization", "resource", "vm-" + s, "region", s % 2 == 0 ? "eu" : "us");
      ids.add(id);
      for (long t = 0; t < 50; t++) {
        store.append(id, t * 1000, (s + t) % 17);
      }
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      SeriesSelector sel = SeriesSelector.of("cpu.utilization");
      assertThat(store.query(sel, 3_000, 40_000, pool)).isEqualTo(store.query(sel, 3_000, 40_000)).hasSize(100);
      assertThat(store.query(sel, 0, 50_000, Duration.ofSeconds(10), Aggregation.AVG, pool))
          .isEqualTo(store.query(sel, 0, 50_000, Duration.ofSeconds(10), Aggregation.AVG)).hasSize(100);
    } finally {
      pool.shutdown();
    }
  }
}
