package io.stratus.monitoring.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.spi.MetricSample;
import io.stratus.monitoring.spi.SeriesId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RollupProperties {
  private static final SeriesId ID = SeriesId.of("cpu.utilization", "resource", "vm-1");

  @Property(tries = 60)
  void rollupsOfRollups_equalRollupsOfRaw_forSumCountMinMax(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 1500) int points,
      @ForAll @IntRange(min = 1, max = 120_000) int maxGapMillis) {
    Random r = new Random(seed);
    RollupStore store = RollupStore.create();
    List<long[]> raw = new ArrayList<>();
    long t = 1_700_000_000_000L + r.nextInt(3_600_000);
    for (int i = 0; i < points; i++) {
      t += 1 + r.nextInt(maxGapMillis);
      long v = r.nextInt(2001) - 1000;
      raw.add(new long[] {t, v});
      store.accept(new MetricSample(ID, t, v));
    }
    store.flush();
    for (Duration res : List.of(RollupStore.MINUTE, RollupStore.FIVE_MINUTES, RollupStore.HOUR)) {
      Map<Long, List<Double>> buckets = new TreeMap<>();
      for (long[] p : raw) {
        long start = Math.floorDiv(p[0], res.toMillis()) * res.toMillis();
        buckets.computeIfAbsent(start, k -> new ArrayList<>()).add((double) p[1]);
      }
      List<Rollup> stored = store.query(ID, res, Long.MIN_VALUE, Long.MAX_VALUE);
      assertThat(stored).extracting(Rollup::startMillis).containsExactlyElementsOf(buckets.keySet());
      for (Rollup ro : stored) {
        Rollup direct = Rollup.of(ro.startMillis(), res,
            buckets.get(ro.startMillis()).stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(ro.count()).isEqualTo(direct.count());
        assertThat(ro.sum()).isEqualTo(direct.sum());
        assertThat(ro.min()).isEqualTo(direct.min());
        assertThat(ro.max()).isEqualTo(direct.max());
      }
    }
  }
}
