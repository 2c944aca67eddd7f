package io.stratus.monitoring.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.monitoring.spi.AppendResult;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class GorillaCompressionProperties {

  @Provide
  Arbitrary<Double> anyDouble() {
    Arbitrary<Double> special = Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
        Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000abcL));
    Arbitrary<Double> rawBits = Arbitraries.longs().map(Double::longBitsToDouble);
    Arbitrary<Double> smooth = Arbitraries.integers().between(0, 100).map(i -> (double) i);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, special), net.jqwik.api.Tuple.of(3, rawBits), net.jqwik.api.Tuple.of(3, smooth),
        net.jqwik.api.Tuple.of(2, Arbitraries.doubles()));
  }

  @Provide
  Arbitrary<List<Double>> values() {
    return anyDouble().list().ofMaxSize(301);
  }

  @Provide
  Arbitrary<long[]> increasingTimestamps() {
    Arbitrary<Long> start = Arbitraries.longs();
    Arbitrary<List<Long>> gaps =
        Arbitraries.oneOf(
                Arbitraries.longs().between(1, 3),
                Arbitraries.just(60_000L),
                Arbitraries.longs().between(1, 1L << 40),
                Arbitraries.longs().between(1, Long.MAX_VALUE / 4))
            .list()
            .ofMinSize(0)
            .ofMaxSize(300);
    return Combinators.combine(start, gaps)
        .as(
            (s, g) -> {
              long[] out = new long[g.size() + 1];
              out[0] = s;
              int n = 1;
              for (long gap : g) {
                long next = out[n - 1] + gap;
                if (next <= out[n - 1]) {
                  break;
                }
                out[n++] = next;
              }
              return java.util.Arrays.copyOf(out, n);
            });
  }

  @Property(tries = 300)
  void block_roundTripsEveryTimestampAndBitPattern(
      @ForAll("increasingTimestamps") long[] ts, @ForAll("values") List<Double> values,
      @ForAll @IntRange(min = 2, max = 64) int blockPoints) {
    int n = Math.min(ts.length, values.size());
    InMemoryMetricStore store = InMemoryMetricStore.create(blockPoints);
    SeriesId id = SeriesId.of("x");
    for (int i = 0; i < n; i++) {
      assertThat(store.append(id, ts[i], values.get(i))).isEqualTo(AppendResult.APPENDED);
    }
    List<SeriesData> read = store.query(SeriesSelector.of("x"), Long.MIN_VALUE, Long.MAX_VALUE);
    int expected = n > 0 && ts[n - 1] == Long.MAX_VALUE ? n - 1 : n;
    if (expected == 0) {
      assertThat(read).isEmpty();
      return;
    }
    SeriesData d = read.get(0);
    assertThat(d.size()).isEqualTo(expected);
    for (int i = 0; i < d.size(); i++) {
      assertThat(d.timestamp(i)).isEqualTo(ts[i]);
      assertThat(Double.doubleToRawLongBits(d.value(i))).isEqualTo(Double.doubleToRawLongBits(values.get(i)));
    }
  }

  @Property(tries = 300)
  void rangeQuery_returnsExactlyThePointsInRange_singleOrBatchAppends(
      @ForAll("increasingTimestamps") long[] ts, @ForAll("values") List<Double> values,
      @ForAll @IntRange(min = 2, max = 64) int blockPoints, @ForAll @IntRange(min = 0, max = 400) int i,
      @ForAll @IntRange(min = 0, max = 400) int j, @ForAll @IntRange(min = -1, max = 1) int nudge,
      @ForAll boolean batch) {
    int n = Math.min(ts.length, values.size());
    if (n == 0 || ts[n - 1] == Long.MAX_VALUE) {
      return;
    }
    InMemoryMetricStore store = InMemoryMetricStore.create(blockPoints);
    SeriesId id = SeriesId.of("x");
    long[] t = java.util.Arrays.copyOf(ts, n);
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = values.get(k);
    }
    if (batch) {
      store.appendAll(id, t, v);
    } else {
      for (int k = 0; k < n; k++) {
        store.append(id, t[k], v[k]);
      }
    }
    long a = t[Math.min(i, n - 1)];
    long b = t[Math.min(j, n - 1)];
    long from = Math.min(a, b);
    long to = Math.max(a, b);
    if (nudge < 0 && from > Long.MIN_VALUE) {
      from--;
    } else if (nudge > 0 && to < Long.MAX_VALUE) {
      to++;
    }
    List<Long> expectTs = new ArrayList<>();
    List<Long> expectBits = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (t[k] >= from && t[k] < to) {
        expectTs.add(t[k]);
        expectBits.add(Double.doubleToRawLongBits(v[k]));
      }
    }
    List<SeriesData> read = store.query(SeriesSelector.of("x"), from, to);
    if (expectTs.isEmpty()) {
      assertThat(read).isEmpty();
      return;
    }
    SeriesData d = read.get(0);
    List<Long> gotTs = new ArrayList<>();
    List<Long> gotBits = new ArrayList<>();
    for (int k = 0; k < d.size(); k++) {
      gotTs.add(d.timestamp(k));
      gotBits.add(Double.doubleToRawLongBits(d.value(k)));
    }
    assertThat(gotTs).isEqualTo(expectTs);
    assertThat(gotBits).isEqualTo(expectBits);
  }

  @Property(tries = 200)
  void rawBlock_roundTripsArbitraryLongDeltas(
      @ForAll @Size(min = 1, max = 200) List<Long> timestamps, @ForAll("anyDouble") double seed) {
    GorillaBlock b = new GorillaBlock(1000);
    for (int i = 0; i < timestamps.size(); i++) {
      b.append(timestamps.get(i), seed + i);
    }
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    // timestamps are arbitrary (not ordered): decode everything via a full range on a snapshot
    GorillaBlock s = b.snapshot();
    decodeAll(s, ts, vs);
    assertThat(ts).hasSize(countInOrderPrefix(timestamps));
    for (int i = 0; i < ts.size(); i++) {
      assertThat(ts.get(i)).isEqualTo(timestamps.get(i));
      assertThat(Double.doubleToRawLongBits(vs.get(i))).isEqualTo(Double.doubleToRawLongBits(seed + i));
    }
  }

  private static int countInOrderPrefix(List<Long> ts) {
    // decoding checks each point against the exclusive end Long.MAX_VALUE unless the block's first and last timestamps
    // show the block lies inside the range: then it stops at the first Long.MAX_VALUE only if the last one is MAX
    if (ts.get(ts.size() - 1) != Long.MAX_VALUE && ts.get(0) != Long.MAX_VALUE) {
      return ts.size();
    }
    for (int i = 0; i < ts.size(); i++) {
      if (ts.get(i) == Long.MAX_VALUE) {
        return i;
      }
    }
    return ts.size();
  }

  private static void decodeAll(GorillaBlock b, List<Long> ts, List<Double> vs) {
    b.decode(Long.MIN_VALUE, Long.MAX_VALUE, (t, v) -> {
      ts.add(t);
      vs.add(v);
    });
  }
}
