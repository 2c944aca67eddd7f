package io.stratus.monitoring.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupTest {
  private static final SeriesId ID = SeriesId.of("m");

  @Test
  void quantiles_uniformValues_areClose() {
    double[] v = new double[10_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    Rollup r = Rollup.of(0, Duration.ofHours(1), v);
    assertThat(r.p50()).isCloseTo(5000, within(50.0));
    assertThat(r.p95()).isCloseTo(9500, within(50.0));
    assertThat(r.p99()).isCloseTo(9900, within(20.0));
    assertThat(r.avg()).isEqualTo(4999.5);
  }

  @Test
  void merge_keepsQuantilesOfTheUnion() {
    Rollup a = Rollup.of(0, Duration.ofMinutes(1), 1, 2, 3);
    Rollup b = Rollup.of(60_000, Duration.ofMinutes(1), 100, 200, 300);
    Rollup m = Rollup.merge(0, Duration.ofMinutes(5), List.of(a, b));
    assertThat(m.count()).isEqualTo(6);
    assertThat(m.max()).isEqualTo(300);
    assertThat(m.p50()).isBetween(3.0, 100.0);
  }

  @Test
  void store_outOfOrderAndDuplicate_areRefusedNotDoubleCounted() {
    RollupStore s = RollupStore.create();
    s.accept(new MetricSample(ID, 1000, 1));
    s.accept(new MetricSample(ID, 1000, 1));
    s.accept(new MetricSample(ID, 500, 1));
    s.flush();
    assertThat(s.refused()).isEqualTo(2);
    assertThat(s.query(ID, RollupStore.MINUTE, 0, 60_000)).singleElement()
        .satisfies(r -> assertThat(r.count()).isEqualTo(1));
  }

  @Test
  void expire_dropsPerResolutionRetention() {
    RollupStore s = RollupStore.create(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(10));
    for (int m = 0; m < 24 * 60; m++) {
      s.accept(new MetricSample(ID, m * 60_000L, m));
    }
    s.flush();
    s.expire(Instant.ofEpochMilli(24 * 3_600_000L));
    assertThat(s.query(ID, RollupStore.MINUTE, 0, Long.MAX_VALUE)).hasSizeBetween(60, 61);
    assertThat(s.query(ID, RollupStore.FIVE_MINUTES, 0, Long.MAX_VALUE)).hasSizeBetween(72, 73);
    assertThat(s.query(ID, RollupStore.HOUR, 0, Long.MAX_VALUE)).hasSize(24);
  }

  @Test
  void badInput_fails() {
    assertThatThrownBy(() -> Rollup.of(0, Duration.ofMinutes(1), Double.NaN)).hasMessageContaining("non-NaN");
    assertThatThrownBy(() -> Rollup.of(1, Duration.ofMinutes(1), 1)).hasMessageContaining("multiple");
    assertThatThrownBy(() -> Rollup.of(0, Duration.ofMinutes(1), 1).quantile(2)).hasMessageContaining("q");
    assertThatThrownBy(() -> RollupStore.create().query(ID, Duration.ofMinutes(2), 0, 1))
        .hasMessageContaining("resolution");
  }
}
