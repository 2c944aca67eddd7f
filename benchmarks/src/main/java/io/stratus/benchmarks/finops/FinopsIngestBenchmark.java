package io.stratus.benchmarks.finops;

import io.stratus.finops.focus.BillingFileReader;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.spi.CostStore;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ingestion and query benchmark of the FinOps cost store against DuckDB on the same CUR-shaped CSV, in one run.
 *
 * <p>Generates (seeded) a legacy-CUR CSV of N rows (default 5,000,000) in a temp directory, then measures: rows/s and
 * peak heap for parse + normalize + load into {@link CostStore#inMemory()} via {@link BillingReaders#awsCur()}; the
 * latency of "cost by service by day for one month" and "top 20 resources" (median of repeated runs once loaded); and
 * the same with DuckDB ({@code CREATE TABLE AS SELECT * FROM read_csv(...)}, costs as DECIMAL(18,9)) and the same two
 * aggregations. Both totals are checked against the generator's exact total.
 *
 * <p>Stratus reads with {@link BillingReaders#parallel} and {@code -Dworkers=N} pool threads (default 1; 0 = the
 * sequential reader) besides the reading thread; DuckDB uses its default thread count (printed).
 *
 * <p>Run: {@code java -Xmx512m -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.finops.FinopsIngestBenchmark
 * [rows] [dir]}. The generated file is deleted at the end unless {@code -Dkeep=true}.
 */
public final class FinopsIngestBenchmark {
  private FinopsIngestBenchmark() {}

  /**
   * Runs the benchmark and prints a Markdown summary.
   *
   * @param args rows (default 5,000,000), directory (default a new temp directory)
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("stratus-finops-bench");
    Files.createDirectories(dir);
    Path csv = dir.resolve("cur-" + rows + ".csv");
    long t0 = System.nanoTime();
    BigDecimal expected;
    if (Files.exists(csv) && Boolean.getBoolean("reuse")) {
      expected = null;
    } else {
      expected = CurGenerator.generate(rows, 42L, csv);
    }
    out("generated %,d rows, %,d MiB in %.1f s (expected total %s)", rows, Files.size(csv) >> 20,
        (System.nanoTime() - t0) / 1e9, expected);

    // ---- Stratus: parse + normalize + load
    int workers = Integer.getInteger("workers", 1);
    ExecutorService pool = workers > 0 ? Executors.newFixedThreadPool(workers) : null;
    BillingFileReader reader =
        workers > 0 ? BillingReaders.parallel(BillingReaders.awsCur(), pool, workers) : BillingReaders.awsCur();
    out("stratus: 1 reading thread + %d normalizing/loading thread(s) (-Dworkers); cores: %d", workers,
        Runtime.getRuntime().availableProcessors());
    System.gc();
    resetPeaks();
    long heapBefore = usedHeap();
    CostStore store = CostStore.inMemory();
    long s0 = System.nanoTime();
    ReadReport report;
    try (CostStore.Appender appender = store.appender("cur")) {
      report = reader.read(csv, appender);
    }
    long s1 = System.nanoTime();
    long peak = peakHeap();
    if (pool != null) {
      pool.shutdown();
    }
    System.gc();
    long retained = usedHeap() - heapBefore;
    double stratusLoad = (s1 - s0) / 1e9;
    out("stratus load: %,d records, %d rejected, reconciled=%s, %.2f s, %,.0f rows/s, peak heap %,d MiB,"
            + " retained %,d MiB", report.recordsEmitted(), report.rejectionCount(), report.isReconciled(), stratusLoad,
        rows / stratusLoad, peak >> 20, retained >> 20);
    if (report.rejectionCount() > 0) {
      out("first rejections: %s", report.rejections().subList(0, Math.min(5, report.rejections().size())));
    }
    Instant from = CurGenerator.MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = CurGenerator.MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    CostQuery byServiceByDay =
        CostQuery.builder().between(from, to).groupBy(Dimension.SERVICE).granularity(Granularity.DAY).build();
    CostQuery top20 = CostQuery.builder().groupBy(Dimension.RESOURCE).top(20).build();
    CostQueryResult total = store.query(CostQuery.builder().build());
    out("stratus total billed %s (expected %s)", total.totals(), expected);
    double[] sq1 = time(() -> store.query(byServiceByDay).rows().size(), 15);
    double[] sq2 = time(() -> store.query(top20).rows().size(), 15);
    out("stratus query by service by day: %d rows, median %.1f ms", store.query(byServiceByDay).rows().size(),
        median(sq1));
    out("stratus top 20 resources: median %.1f ms; top: %s", median(sq2), store.query(top20).rows().get(0));

    // ---- DuckDB peer
    Class.forName("org.duckdb.DuckDBDriver");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      String path = csv.toAbsolutePath().toString().replace("'", "''");
      try (ResultSet rs = st.executeQuery("SELECT current_setting('threads')")) {
        rs.next();
        out("duckdb threads: %s", rs.getString(1));
      }
      long d0 = System.nanoTime();
      st.execute(
          "CREATE TABLE cur AS SELECT * FROM read_csv('" + path + "', header=true, auto_detect=true,"
              + " types={'lineItem/UnblendedCost': 'DECIMAL(18,9)', 'lineItem/BlendedCost': 'DECIMAL(18,9)',"
              + " 'pricing/publicOnDemandCost': 'DECIMAL(18,9)', 'lineItem/UsageStartDate': 'TIMESTAMP',"
              + " 'lineItem/UsageEndDate': 'TIMESTAMP'})");
      long d1 = System.nanoTime();
      double duckLoad = (d1 - d0) / 1e9;
      long duckRows;
      String duckTotal;
      try (ResultSet rs = st.executeQuery("SELECT count(*), sum(\"lineItem/UnblendedCost\") FROM cur")) {
        rs.next();
        duckRows = rs.getLong(1);
        duckTotal = rs.getBigDecimal(2).toPlainString();
      }
      out("duckdb load: %,d rows, %.2f s, %,.0f rows/s, total %s", duckRows, duckLoad, duckRows / duckLoad,
          duckTotal);
      String q1 =
          "SELECT \"product/ProductName\", date_trunc('day', \"lineItem/UsageStartDate\") AS d,"
              + " sum(\"lineItem/UnblendedCost\") FROM cur WHERE \"lineItem/UsageStartDate\" >= TIMESTAMP '"
              + from.toString().replace("T", " ").replace("Z", "") + "' AND \"lineItem/UsageStartDate\" < TIMESTAMP '"
              + to.toString().replace("T", " ").replace("Z", "") + "' GROUP BY 1, 2";
      String q2 =
          "SELECT \"lineItem/ResourceId\", sum(\"lineItem/UnblendedCost\") AS c FROM cur GROUP BY 1"
              + " ORDER BY c DESC LIMIT 20";
      double[] dq1 = time(() -> count(st, q1), 15);
      double[] dq2 = time(() -> count(st, q2), 15);
      out("duckdb query by service by day: %d rows, median %.1f ms", count(st, q1), median(dq1));
      out("duckdb top 20 resources: median %.1f ms", median(dq2));
      out("");
      out("| measure | stratus | duckdb | ratio | target |");
      out("| --- | --- | --- | --- | --- |");
      out("| load rows/s | %,.0f | %,.0f | %.2f | >= 0.5 |", rows / stratusLoad, duckRows / duckLoad,
          (rows / stratusLoad) / (duckRows / duckLoad));
      out("| load peak heap | %,d MiB | (native) | | <= 512 MiB |", peak >> 20);
      out("| cost by service by day, 1 month | %.1f ms | %.1f ms | %.2f | <= 2 |", median(sq1), median(dq1),
          median(sq1) / median(dq1));
      out("| top 20 resources | %.1f ms | %.1f ms | %.2f | <= 2 |", median(sq2), median(dq2),
          median(sq2) / median(dq2));
    }
    if (!Boolean.getBoolean("keep")) {
      Files.deleteIfExists(csv);
    }
  }

  private static int count(Statement st, String sql) {
    try (ResultSet rs = st.executeQuery(sql)) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  interface Task {
    int run() throws IOException;
  }

  private static double[] time(Task task, int runs) throws IOException {
    for (int i = 0; i < 3; i++) {
      task.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long a = System.nanoTime();
      task.run();
      ms[i] = (System.nanoTime() - a) / 1e6;
    }
    return ms;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long usedHeap() {
    List<Long> used = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        used.add(p.getUsage().getUsed());
      }
    }
    return used.stream().mapToLong(Long::longValue).sum();
  }

  private static void out(String fmt, Object... args) {
    System.out.println(String.format(fmt, args));
  }
}
