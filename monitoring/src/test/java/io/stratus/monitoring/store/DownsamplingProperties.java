package io.stratus.monitoring.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.spi.StoreStats;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class DownsamplingProperties {

  @Property(tries = 200)
  void summaryShortcut_equalsDownsamplingDecodedPoints(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 1, max = 5000) Integer> gaps,
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 50) int blockPoints,
      @ForAll @LongRange(min = 1, max = 100_000) long step,
      @ForAll @LongRange(min = 0, max = 200_000) long from,
      @ForAll Aggregation aggregation) {
    InMemoryMetricStore store = InMemoryMetricStore.create(blockPoints);
    SeriesId id = SeriesId.of("m");
    java.util.Random random = new java.util.Random(seed);
    long t = 0;
    for (int i = 0; i < gaps.size(); i++) {
      t += gaps.get(i);
      store.append(id, t, random.nextInt(201) - 100);
    }
    SeriesSelector sel = SeriesSelector.of("m");
    long to = Math.max(from, t / 2 + 1000);
    List<SeriesData> fast = store.query(sel, from, to, Duration.ofMillis(step), aggregation);
    List<SeriesData> slow = new RawOnly(store).query(sel, from, to, Duration.ofMillis(step), aggregation);
    assertThat(fast).isEqualTo(slow);
  }

  @Property(tries = 200)
  void alignedBlocks_giveTheSameAnswersAsUnalignedOnes(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 1, max = 5000) Integer> gaps,
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 50) int blockPoints,
      @ForAll @LongRange(min = 1, max = 20) long alignSeconds,
      @ForAll @LongRange(min = 1, max = 100_000) long step,
      @ForAll @LongRange(min = 0, max = 200_000) long from,
      @ForAll Aggregation aggregation) {
    InMemoryMetricStore aligned = InMemoryMetricStore.create(blockPoints, Duration.ofSeconds(alignSeconds));
    InMemoryMetricStore plain = InMemoryMetricStore.create(blockPoints);
    SeriesId id = SeriesId.of("m");
    java.util.Random random = new java.util.Random(seed);
    long t = 0;
    for (int i = 0; i < gaps.size(); i++) {
      t += gaps.get(i);
      double v = random.nextInt(201) - 100;
      aligned.append(id, t, v);
      plain.append(id, t, v);
    }
    SeriesSelector sel = SeriesSelector.of("m");
    long to = Math.max(from, t / 2 + 1000);
    assertThat(aligned.query(sel, from, to)).isEqualTo(plain.query(sel, from, to));
    assertThat(aligned.query(sel, from, to, Duration.ofMillis(step), aggregation))
        .isEqualTo(plain.query(sel, from, to, Duration.ofMillis(step), aggregation));
    assertThat(aligned.query(sel, from, to, Duration.ofSeconds(alignSeconds * 3), aggregation))
        .isEqualTo(plain.query(sel, from, to, Duration.ofSeconds(alignSeconds * 3), aggregation));
    assertThat(aligned.stats().points()).isEqualTo(gaps.size());
  }

  /** A store that answers downsampled queries with the SPI's default (decode everything, then bucket). */
  private record RawOnly(MetricStore store) implements MetricStore {
    @Override
    public String id() {
      return "raw-only";
    }

    @Override
    public AppendResult append(SeriesId series, long epochMillis, double value) {
      return store.append(series, epochMillis, value);
    }

    @Override
    public List<SeriesId> series(SeriesSelector selector) {
      return store.series(selector);
    }

    @Override
    public List<SeriesData> query(SeriesSelector selector, long fromMillis, long toMillis) {
      return store.query(selector, fromMillis, toMillis);
    }

    @Override
    public long deleteBefore(long epochMillis) {
      return store.deleteBefore(epochMillis);
    }

    @Override
    public StoreStats stats() {
      return store.stats();
    }
  }
}
