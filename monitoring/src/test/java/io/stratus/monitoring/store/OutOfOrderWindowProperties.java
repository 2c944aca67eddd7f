package io.stratus.monitoring.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The out-of-order window against a sorted map that applies the contract of {@code MetricStore} literally. */
class OutOfOrderWindowProperties {

  @Property(tries = 300)
  void store_holdsExactlyThePointsTheContractAccepts_inTimeOrder(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = -50, max = 100) Integer> steps,
      @ForAll @IntRange(min = 2, max = 40) int blockPoints,
      @ForAll @LongRange(min = 0, max = 120) long window,
      @ForAll boolean batch,
      @ForAll @LongRange(min = 1, max = 500) long step,
      @ForAll Aggregation aggregation) {
    InMemoryMetricStore store = InMemoryMetricStore.builder().blockPoints(blockPoints)
        .outOfOrderWindow(Duration.ofMillis(window)).build();
    SeriesId id = SeriesId.of("m");
    TreeMap<Long, Double> model = new TreeMap<>();
    long t = 1000;
    long[] ts = new long[steps.size()];
    double[] vs = new double[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      t += steps.get(i);
      ts[i] = t;
      vs[i] = steps.get(i) % 3;
    }
    int expectedAppended = 0;
    for (int i = 0; i < ts.length; i++) {
      AppendResult expected = expected(model, ts[i], vs[i], window);
      if (expected == AppendResult.APPENDED) {
        model.put(ts[i], vs[i]);
        expectedAppended++;
      }
      if (!batch) {
        assertThat(store.append(id, ts[i], vs[i])).as("point %d at %d", i, ts[i]).isEqualTo(expected);
      }
    }
    if (batch) {
      assertThat(store.appendAll(id, ts, vs)).isEqualTo(expectedAppended);
    }
    List<SeriesData> read = store.query(SeriesSelector.of("m"), Long.MIN_VALUE, Long.MAX_VALUE);
    SeriesData d = read.get(0);
    assertThat(d.timestamps()).containsExactly(model.keySet().stream().mapToLong(Long::longValue).toArray());
    assertThat(d.values()).containsExactly(model.values().stream().mapToDouble(Double::doubleValue).toArray());
    assertThat(store.stats().points()).isEqualTo(model.size());
    InMemoryMetricStore inOrder = InMemoryMetricStore.create(blockPoints);
    model.forEach((time, value) -> inOrder.append(id, time, value));
    long from = model.firstKey();
    long to = model.lastKey() + 1;
    assertThat(store.query(SeriesSelector.of("m"), from, to, Duration.ofMillis(step), aggregation))
        .isEqualTo(inOrder.query(SeriesSelector.of("m"), from, to, Duration.ofMillis(step), aggregation));
    long mid = (model.firstKey() + model.lastKey()) / 2;
    assertThat(store.query(SeriesSelector.of("m"), mid, Long.MAX_VALUE).get(0).timestamps())
        .containsExactly(model.tailMap(mid).keySet().stream().mapToLong(Long::longValue).toArray());
  }

  private static AppendResult expected(TreeMap<Long, Double> model, long ts, double v, long window) {
    if (model.isEmpty()) {
      return AppendResult.APPENDED;
    }
    long newest = model.lastKey();
    if (ts < newest - window) {
      return AppendResult.REJECTED_OUT_OF_ORDER;
    }
    Map.Entry<Long, Double> same = model.floorEntry(ts);
    if (same != null && same.getKey() == ts) {
      return Double.doubleToRawLongBits(same.getValue()) == Double.doubleToRawLongBits(v)
          ? AppendResult.DUPLICATE : AppendResult.REJECTED_CONFLICT;
    }
    return AppendResult.APPENDED;
  }
}
