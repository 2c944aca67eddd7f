package io.stratus.benchmarks.monitoring;

import io.stratus.monitoring.spi.Aggregation;
import io.stratus.monitoring.spi.SeriesData;
import io.stratus.monitoring.spi.SeriesId;
import io.stratus.monitoring.spi.SeriesSelector;
import io.stratus.monitoring.spi.StoreStats;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.monitoring.store.SeriesHandle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
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
    // a scraper delivers one value per series per timestamp: lay the time-major input out that way
    double[][] byMinute = new double[minutes][SERIES];
    for (int i = 0; i < SERIES; i++) {
      for (int m = 0; m < minutes; m++) {
        byMinute[m][i] = values[i][m];
      }
    }
    int reps = 5;
    double[] rates = new double[reps];
    double[] handleRates = new double[reps];
    double[] batchRates = new double[reps];
    double[][] cpuRates = new double[3][reps];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    InMemoryMetricStore lastBatch = null;
    for (int rep = 0; rep < reps; rep++) {
      InMemoryMetricStore st = InMemoryMetricStore.create();
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int m = 0; m < minutes; m++) {
        long tm = ts[m];
        double[] scrape = byMinute[m];
        for (int i = 0; i < SERIES; i++) {
          st.append(ids[i], tm, scrape[i]);
        }
      }
      rates[rep] = (double) SERIES * minutes / ((System.nanoTime() - t0) / 1e9);
      cpuRates[0][rep] = (double) SERIES * minutes / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
      st = null;
      InMemoryMetricStore h = InMemoryMetricStore.create();
      c0 = threads.getCurrentThreadCpuTime();
      t0 = System.nanoTime();
      SeriesHandle[] handles = new SeriesHandle[SERIES];
      for (int i = 0; i < SERIES; i++) {
        handles[i] = h.handle(ids[i]);
      }
      for (int m = 0; m < minutes; m++) {
        long tm = ts[m];
        double[] scrape = byMinute[m];
        for (int i = 0; i < SERIES; i++) {
          h.append(handles[i], tm, scrape[i]);
        }
      }
      handleRates[rep] = (double) SERIES * minutes / ((System.nanoTime() - t0) / 1e9);
      cpuRates[1][rep] = (double) SERIES * minutes / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
      h = null;
      InMemoryMetricStore b = InMemoryMetricStore.create();
      c0 = threads.getCurrentThreadCpuTime();
      t0 = System.nanoTime();
      for (int i = 0; i < SERIES; i++) {
        b.appendAll(ids[i], ts, values[i]);
      }
      batchRates[rep] = (double) SERIES * minutes / ((System.nanoTime() - t0) / 1e9);
      cpuRates[2][rep] = (double) SERIES * minutes / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
      lastBatch = b;
    }
    InMemoryMetricStore big = lastBatch;
    System.out.printf("ingest (1 thread, %d points): time-major append(SeriesId) median %.2f M points/s %s; "
        + "time-major append(SeriesHandle) median %.2f M points/s %s; series-major appendAll() median %.2f M "
        + "points/s %s%n", (long) SERIES * minutes, median(rates) / 1e6, fmt(rates), median(handleRates) / 1e6,
        fmt(handleRates), median(batchRates) / 1e6, fmt(batchRates));
    System.out.printf("  per CPU-second of the ingesting thread (medians): append(SeriesId) %.2f M, append(SeriesHandle) "
        + "%.2f M, appendAll() %.2f M points/s%n", median(cpuRates[0]) / 1e6, median(cpuRates[1]) / 1e6,
        median(cpuRates[2]) / 1e6);
    System.out.printf("  1-minute data: %.3f encoded bytes/point%n", big.stats().bytesPerPoint());

    // 3. Query: 1 day over 10,000 series, on 1-minute data (14.4 M points) and on PlanetLab's native 5-minute data
    //    (2.88 M points), single-threaded and on a 2-thread executor (the machine has 2 cores).
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
    SeriesSelector all = SeriesSelector.of("cpu.utilization");
    long from = DAY0;
    long to = DAY0 + 86_400_000L;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (InMemoryMetricStore st : new InMemoryMetricStore[] {five, big}) {
        String data = st == five ? "5-minute data" : "1-minute data";
        long pts = st.query(all, from, to).stream().mapToLong(SeriesData::size).sum();
        System.out.printf("query 1 day x %d series, %s (%d points):%n", SERIES, data, pts);
        time("  raw points, 1 thread", () -> st.query(all, from, to));
        time("  raw points, 2-thread executor", () -> st.query(all, from, to, pool));
        if (st == big) {
          time("  5-min MAX, 1 thread", () -> st.query(all, from, to, Duration.ofMinutes(5), Aggregation.MAX));
          time("  5-min MAX, 2-thread executor",
              () -> st.query(all, from, to, Duration.ofMinutes(5), Aggregation.MAX, pool));
        }
        time("  1-hour AVG, 1 thread", () -> st.query(all, from, to, Duration.ofHours(1), Aggregation.AVG));
        time("  1-hour AVG, 2-thread executor",
            () -> st.query(all, from, to, Duration.ofHours(1), Aggregation.AVG, pool));
        time("  1-day MAX (block summaries only), 1 thread",
            () -> st.query(all, from, to, Duration.ofDays(1), Aggregation.MAX));
      }
      // 1-minute data in blocks aligned to hours: hourly and daily aggregates read block summaries only.
      InMemoryMetricStore hourly = InMemoryMetricStore.create(InMemoryMetricStore.DEFAULT_BLOCK_POINTS,
          Duration.ofHours(1));
      for (int i = 0; i < SERIES; i++) {
        hourly.appendAll(ids[i], ts, values[i]);
      }
      System.out.printf("query 1 day x %d series, 1-minute data in 1-hour-aligned blocks (%.3f encoded bytes/point, "
          + "%.2f heap bytes/point):%n", SERIES, hourly.stats().bytesPerPoint(),
          (double) hourly.stats().heapBytes() / hourly.stats().points());
      time("  raw points, 1 thread", () -> hourly.query(all, from, to));
      time("  1-hour AVG (block summaries only), 1 thread",
          () -> hourly.query(all, from, to, Duration.ofHours(1), Aggregation.AVG));
      time("  1-hour AVG, 2-thread executor",
          () -> hourly.query(all, from, to, Duration.ofHours(1), Aggregation.AVG, pool));
      time("  5-min MAX, 1 thread", () -> hourly.query(all, from, to, Duration.ofMinutes(5), Aggregation.MAX));
      SeriesSelector oneRegion = SeriesSelector.parse("cpu.utilization{region=\"r7\"}");
      time("query 1 day, selector region=\"r7\" (500 series), 1-minute data, raw, 1 thread",
          () -> big.query(oneRegion, from, to));
    } finally {
      pool.shutdown();
    }
  }

  private static void time(String what, Supplier<List<SeriesData>> query) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] ms = new double[9];
    double[] cpu = new double[9];
    int series = 0;
    for (int rep = 0; rep < ms.length; rep++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      List<SeriesData> res = query.get();
      ms[rep] = (System.nanoTime() - t0) / 1e6;
      cpu[rep] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
      series = res.size();
    }
    // CPU time of the calling thread says what one core needs; on the executor it only counts the waiting thread
    System.out.printf("%s: wall median %.1f ms %s; calling-thread CPU median %.1f ms (%d series)%n", what,
        median(ms), fmt(ms), median(cpu), series);
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
