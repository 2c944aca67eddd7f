package io.stratus.benchmarks.finops;

import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ReadReport;
import io.stratus.spark.billing.NormalizeJob;
import io.stratus.spark.billing.NormalizeReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Billing normalization at scale, in one run: a generated legacy CUR (default 5,000,000 rows in 16 parts, as AWS
 * splits large reports) read by the single-JVM finops reader (records counted and summed), normalized to FOCUS
 * Parquet by {@link NormalizeJob} on Spark {@code local[1]} and {@code local[2]}, and read and written to Parquet by
 * DuckDB. Prints rows/s and the BilledCost total of each path (which must agree to the cent).
 *
 * <p>Run with the Spark JVM flags (see adapters/spark/pom.xml) and Spark on the class path:
 * {@code java <flags> -cp <benchmarks classes + dependencies incl. provided> io.stratus.benchmarks.finops.SparkScaleBenchmark
 * [rows] [parts] [dir]}.
 */
public final class SparkScaleBenchmark {
  private SparkScaleBenchmark() {}

  /**
   * Runs the comparison.
   *
   * @param args rows (default 5,000,000), parts (default 16), directory (default a temp directory)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    int parts = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("stratus-spark-bench");
    Path in = dir.resolve("cur");
    Files.createDirectories(in);
    List<Path> files = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      Path f = in.resolve("cur-" + p + ".csv");
      if (!Files.exists(f)) {
        CurGenerator.generate(rows / parts, 42L + p, f);
      }
      files.add(f);
    }
    long total = rows / parts * parts;
    System.out.println("rows " + total + " in " + parts + " parts; cores " + Runtime.getRuntime().availableProcessors());

    long t0 = System.nanoTime();
    BigDecimal[] sum = {BigDecimal.ZERO};
    long records = 0;
    for (Path f : files) {
      ReadReport r = BillingReaders.awsCur().read(f, rec -> sum[0] = sum[0].add(rec.billedCost()));
      records += r.recordsEmitted();
    }
    report("single-JVM finops reader", total, t0, records, sum[0]);

    for (String master : List.of("local[1]", "local[2]")) {
      SparkSession spark = SparkSession.builder().master(master).appName("stratus-bench")
          .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
      try {
        long s0 = System.nanoTime();
        NormalizeReport r = NormalizeJob.builder().input(in.toString()).output(dir.resolve("focus-" + master).toString())
            .sourceId("bench").build().run(spark);
        report("Spark " + master + " NormalizeJob (CSV -> FOCUS Parquet)", total, s0, r.recordsWritten(),
            r.normalizedTotals().getOrDefault("USD", BigDecimal.ZERO));
      } finally {
        spark.stop();
      }
    }

    Class.forName("org.duckdb.DuckDBDriver");
    String glob = in.toAbsolutePath().toString().replace("'", "''") + "/*.csv";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      long d0 = System.nanoTime();
      BigDecimal duck;
      long n;
      try (ResultSet rs = st.executeQuery("SELECT count(*), sum(CAST(\"lineItem/UnblendedCost\" AS DECIMAL(38, 10)))"
          + " FROM read_csv('" + glob + "', header = true, all_varchar = true)")) {
        rs.next();
        n = rs.getLong(1);
        duck = rs.getBigDecimal(2);
      }
      report("DuckDB read_csv + sum", total, d0, n, duck);
      long w0 = System.nanoTime();
      st.execute("COPY (SELECT * FROM read_csv('" + glob + "', header = true)) TO '"
          + dir.resolve("duck.parquet").toAbsolutePath().toString().replace("'", "''") + "' (FORMAT parquet)");
      report("DuckDB read_csv -> Parquet (no normalization)", total, w0, n, duck);
    }
  }

  private static void report(String what, long rows, long startNanos, long records, BigDecimal billed) {
    double s = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-50s %8.1f s %12.0f rows/s  records %d  BilledCost %s%n", what, s, rows / s, records,
        billed.setScale(2, RoundingMode.HALF_EVEN).toPlainString());
  }
}
