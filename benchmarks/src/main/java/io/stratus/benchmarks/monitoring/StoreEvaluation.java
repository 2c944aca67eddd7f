package io.stratus.benchmarks.monitoring;

import io.stratus.monitoring.collect.SeriesId;
import io.stratus.monitoring.store.Aggregation;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.monitoring.store.SeriesData;
import io.stratus.monitoring.store.SeriesSelector;
import io.stratus.monitoring.store.StoreStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Evaluates the in-memory metric store: bytes per point on the PlanetLab traces, single-thread ingest rate, and the
 * latency of a 1-day range query over 10,000 series.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.monitoring.StoreEvaluation
 * ../shared/data/planetlab}
 */
public final class StoreEvaluation {
  private static final long DAY0 = Instant.parse("2011-03-03T00:00:00Z").toEpochMilli();
  private static final int SERIES = 10_000;

  private StoreEvaluation() {}

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "../shared/data/planetlab");
    List<int[]> traces = new ArrayList<>();
    List<String> names = new ArrayList<>();
    long[] dayOffsets = {0, 3};
    int day = 0;
    List<Integer> traceDay = new ArrayList<>();
    for (String d : new String[] {"20110303", "20110306"}) {
      try (Stream<Path> files = Files.list(dir.resolve(d))) {
        for (Path f : files.sorted().toList()) {
          int[] v = Files.readAllLines(f).stream().filter(s -> !s.isBlank()).mapToInt(s -> Integer.parseInt(s.strip()))
              .toArray();
          traces.add(v);
          names.add(d + "/" + f.getFileName());
          traceDay.add(day);
        }
      }
      day++;
    }
    System.out.printf("PlanetLab traces: %d series%n", traces.size());

    // 1. Compression on the real traces (5-minute timestamps, values in percent as reported).
    InMemoryMetricStore store = InMemoryMetricStore.create();
    long points = 0;
    for (int i = 0; i < traces.size(); i++) {
      SeriesId id = SeriesId.of("cpu.utilization", "resource", names.get(i));
      int[] v = traces.get(i);
      long start = DAY0 + dayOffsets[traceDay.get(i)] * 86_400_000L;
      for (int k = 0; k < v.length; k++) {
        store.append(id, start + k * 300_000L, v[k]);
        points++;
      }
    }
    StoreStats s = store.stats();
    System.out.printf("compression (block %d points): %d points, %.3f encoded bytes/point, %.3f heap bytes/point "
        + "(raw 16 bytes/point)%n", InMemoryMetricStore.DEFAULT_BLOCK_POINTS, points, s.bytesPerPoint(),
        (double) s.heapBytes() / points);
    for (int block : new int[] {120, 288, 4096}) {
      InMemoryMetricStore st = InMemoryMetricStore.create(block);
      for (int i = 0; i < traces.size(); i++) {
        SeriesId id = SeriesId.of("cpu.utilization", "resource", names.get(i));
        int[] v = traces.get(i);
        long start = DAY0 + dayOffsets[traceDay.get(i)] * 86_400_000L;
        for (int k = 0; k < v.length; k++) {
          st.append(id, start + k * 300_000L, v[k]);
        }
      }
      System.out.printf("  block %d points: %.3f encoded bytes/point%n", block, st.stats().bytesPerPoint());
    }

    // 2. Ingest: 10,000 series x 1 day at 1-minute resolution (PlanetLab values, each 5-minute mean held for 5 min
    //    plus the minute's jitter of +-1), appended time-major (all series at t, then t+1) as a collector would.
    int minutes = 1440;
    SeriesId[] ids = new SeriesId[SERIES];
    double[][] values = new double[SERIES][minutes];
    java.util.Random r = new java.util.Random(42);
    for (int i = 0; i < SERIES; i++) {
      ids[i] = SeriesId.of("cpu.utilization", "resource", "vm-" + i, "region", "r" + (i % 20));
      int[] t = traces.get(i % traces.size());
      for (int m = 0; m < minutes; m++) {
        values[i][m] = Math.max(0, t[m / 5] + r.nextInt(3) - 1);
      }
    }
    long[] ts = new long[minutes];
    for (int m = 0; m < minutes; m++) {
      ts[m] = DAY0 + m * 60_000L;
    }
    double[] rates = new double[5];
    InMemoryMetricStore big = null;
    for (int rep = 0; rep < rates.length; rep++) {
      big = InMemoryMetricStore.create();
      long t0 = System.nanoTime();
      for (int m = 0; m < minutes; m++) {
        long tm = ts[m];
        for (int i = 0; i < SERIES; i++) {
          big.append(ids[i], tm, values[i][m]);
        }
      }
      long el = System.nanoTime() - t0;
      rates[rep] = (double) SERIES * minutes / (el / 1e9);
    }
    double[] batchRates = new double[5];
    for (int rep = 0; rep < batchRates.length; rep++) {
      InMemoryMetricStore b = InMemoryMetricStore.create();
      long t0 = System.nanoTime();
      for (int i = 0; i < SERIES; i++) {
        b.appendAll(ids[i], ts, values[i]);
      }
      long el = System.nanoTime() - t0;
      batchRates[rep] = (double) SERIES * minutes / (el / 1e9);
    }
    System.out.printf("ingest (1 thread, %d points): time-major append() median %.2f M points/s %s; series-major "
        + "appendAll() median %.2f M points/s %s%n", (long) SERIES * minutes, median(rates) / 1e6,
        fmt(rates), median(batchRates) / 1e6, fmt(batchRates));
    System.out.printf("  1-minute data: %.3f encoded bytes/point%n", big.stats().bytesPerPoint());

    // 3. Query: 1 day over 10,000 series.
    SeriesSelector all = SeriesSelector.of("cpu.utilization");
    long from = DAY0;
    long to = DAY0 + 86_400_000L;
    double[] raw = new double[7];
    double[] hourly = new double[7];
    double[] fiveMin = new double[7];
    long pointsRead = 0;
    for (int rep = 0; rep < raw.length; rep++) {
      long t0 = System.nanoTime();
      List<SeriesData> res = big.query(all, from, to);
      raw[rep] = (System.nanoTime() - t0) / 1e6;
      pointsRead = res.stream().mapToLong(SeriesData::size).sum();
      t0 = System.nanoTime();
      List<SeriesData> h = big.query(all, from, to, Duration.ofHours(1), Aggregation.AVG);
      hourly[rep] = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      List<SeriesData> f = big.query(all, from, to, Duration.ofMinutes(5), Aggregation.MAX);
      fiveMin[rep] = (System.nanoTime() - t0) / 1e6;
      if (h.size() != SERIES || f.size() != SERIES) {
        throw new IllegalStateException("query lost series");
      }
    }
    System.out.printf("query 1 day x %d series (1-minute data, %d points): raw median %.1f ms %s; 5-min max "
        + "median %.1f ms %s; 1-hour avg median %.1f ms %s%n", SERIES, pointsRead, median(raw), fmt(raw),
        median(fiveMin), fmt(fiveMin), median(hourly), fmt(hourly));
    // 4. The same query on PlanetLab's native 5-minute resolution (288 points per series per day).
    InMemoryMetricStore five = InMemoryMetricStore.create();
    for (int i = 0; i < SERIES; i++) {
      int[] t = traces.get(i % traces.size());
      long[] t5 = new long[t.length];
      double[] v5 = new double[t.length];
      for (int k = 0; k < t.length; k++) {
        t5[k] = DAY0 + k * 300_000L;
        v5[k] = t[k];
      }
      five.appendAll(ids[i], t5, v5);
    }
    double[] raw5 = new double[7];
    double[] hourly5 = new double[7];
    for (int rep = 0; rep < raw5.length; rep++) {
      long t0 = System.nanoTime();
      List<SeriesData> res = five.query(all, from, to);
      raw5[rep] = (System.nanoTime() - t0) / 1e6;
      pointsRead = res.stream().mapToLong(SeriesData::size).sum();
      t0 = System.nanoTime();
      five.query(all, from, to, Duration.ofHours(1), Aggregation.AVG);
      hourly5[rep] = (System.nanoTime() - t0) / 1e6;
    }
    System.out.printf("query 1 day x %d series (5-minute data, %d points): raw median %.1f ms %s; 1-hour avg "
        + "median %.1f ms %s%n", SERIES, pointsRead, median(raw5), fmt(raw5), median(hourly5), fmt(hourly5));
    SeriesSelector oneRegion = SeriesSelector.parse("cpu.utilization{region=\"r7\"}");
    double[] sel = new double[7];
    for (int rep = 0; rep < sel.length; rep++) {
      long t0 = System.nanoTime();
      big.query(oneRegion, from, to);
      sel[rep] = (System.nanoTime() - t0) / 1e6;
    }
    System.out.printf("query 1 day, selector region=\"r7\" (500 series): raw median %.1f ms %s%n", median(sel),
        fmt(sel));
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (double d : v) {
      sb.append(String.format("%.1f ", d > 1e5 ? d / 1e6 : d));
    }
    return sb.toString().strip() + "]";
  }
}
