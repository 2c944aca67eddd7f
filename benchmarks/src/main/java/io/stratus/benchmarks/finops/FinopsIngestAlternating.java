package io.stratus.benchmarks.finops;

import io.stratus.finops.focus.BillingFileReader;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.spi.CostStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ingestion only, alternating Stratus and DuckDB loads of the same generated CUR file (S, D, S, D, ...), so that a
 * change in the machine's load during the run affects both sides alike. Prints rows/s of each load and the ratio of
 * each adjacent pair, and the peak heap of each Stratus load (sum of the heap pools' peaks, an upper bound).
 *
 * <p>Stratus runs {@link BillingReaders#parallel} with {@code workers} normalizing threads besides the reading thread
 * ({@code -Dworkers=N}, default 1; 0 = the sequential reader); DuckDB runs with its default thread count (printed).
 *
 * <p>Run: {@code java -Xmx512m -cp benchmarks/target/benchmarks.jar
 * io.stratus.benchmarks.finops.FinopsIngestAlternating [rows] [rounds] [dir]}.
 */
public final class FinopsIngestAlternating {
  private FinopsIngestAlternating() {}

  /** CPU time of the whole process (all threads, DuckDB's native ones included), in nanoseconds. */
  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Runs.
   *
   * @param args rows (default 1,000,000), rounds (default 2), directory (default a temp directory)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("stratus-finops-alt");
    Files.createDirectories(dir);
    Path csv = dir.resolve("cur-alt-" + rows + ".csv");
    CurGenerator.generate(rows, 42L, csv);
    Class.forName("org.duckdb.DuckDBDriver");
    int workers = Integer.getInteger("workers", 1);
    ExecutorService pool = workers > 0 ? Executors.newFixedThreadPool(workers) : null;
    BillingFileReader reader =
        workers > 0 ? BillingReaders.parallel(BillingReaders.awsCur(), pool, workers) : BillingReaders.awsCur();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_setting('threads')")) {
      rs.next();
      System.out.println("stratus: 1 reading thread + " + workers + " normalizing; duckdb threads: " + rs.getString(1)
          + "; cores: " + Runtime.getRuntime().availableProcessors());
    }
    String path = csv.toAbsolutePath().toString().replace("'", "''");
    for (int round = 1; round <= rounds; round++) {
      System.gc();
      FinopsIngestBenchmark.resetPeaks();
      long c0 = cpu();
      long s0 = System.nanoTime();
      CostStore store = CostStore.inMemory();
      ReadReport report;
      try (CostStore.Appender appender = store.appender("cur")) {
        report = reader.read(csv, appender);
      }
      double s = (System.nanoTime() - s0) / 1e9;
      long peak = FinopsIngestBenchmark.peakHeap();
      double sCpu = (cpu() - c0) / 1e9;
      if (report.rejectionCount() != 0 || store.size() != rows) {
        throw new IllegalStateException("unexpected load: " + report);
      }
      store = null;
      double d;
      double dCpu;
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement st = c.createStatement()) {
        long dc0 = cpu();
        long d0 = System.nanoTime();
        st.execute(
            "CREATE TABLE cur AS SELECT * FROM read_csv('" + path + "', header=true, auto_detect=true,"
                + " types={'lineItem/UnblendedCost': 'DECIMAL(18,9)', 'lineItem/BlendedCost': 'DECIMAL(18,9)',"
                + " 'pricing/publicOnDemandCost': 'DECIMAL(18,9)', 'lineItem/UsageStartDate': 'TIMESTAMP',"
                + " 'lineItem/UsageEndDate': 'TIMESTAMP'})");
        d = (System.nanoTime() - d0) / 1e9;
        dCpu = (cpu() - dc0) / 1e9;
      }
      System.out.println(String.format("round %d: stratus %,.0f rows/s (%.1f s, cpu %.1f s, peak heap %d MiB),"
          + " duckdb %,.0f rows/s (%.1f s, cpu %.1f s), ratio %.2f, load average %.1f", round, rows / s, s, sCpu,
          peak >> 20, rows / d, d, dCpu, d / s, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }
    if (pool != null) {
      pool.shutdown();
    }
    Files.deleteIfExists(csv);
  }
}
