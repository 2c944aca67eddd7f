package io.stratus.spark.sample;

import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.simulation.scenario.ScenarioEngine;
import io.stratus.spark.SparkJavaOptions;
import io.stratus.spark.TestCur;
import io.stratus.spark.billing.NormalizeJob;
import io.stratus.spark.billing.NormalizeReport;
import io.stratus.spark.query.SparkCostQueries;
import io.stratus.spark.sweep.CatalogFactory;
import io.stratus.spark.sweep.SparkSweep;
import io.stratus.spark.sweep.SweepFixtures;
import io.stratus.spark.sweep.SweepJob;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark sample (README, "Scale-out on Apache Spark"): on a local[2] session in this JVM, normalizes a generated
 * 20,000-row CUR to FOCUS Parquet, compares its total with the single-JVM reader's, runs a cost query as Spark SQL, and
 * runs a scenario sweep on Spark next to the local engine. It lives in the module's tests because Spark is
 * {@code provided} here and the samples module pins Netty 4.1 for the cloud SDKs, where Spark 4.1 needs Netty 4.2.
 *
 * <p>Run: {@code ./mvnw -B -q -pl adapters/spark -am process-test-classes -Pspark-sample} (the profile starts this
 * class with the Java 17 flags of {@code SparkJavaOptions.options()} on the test class path).
 */
public final class SparkSample {
  private SparkSample() {}

  /**
   * Runs the sample; prints what it did; exits non-zero if Spark and the single JVM disagree.
   *
   * @param args optional: a working directory (default a temporary one)
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    SparkJavaOptions.requireOpen();
    Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("stratus-spark");
    List<Path> cur = TestCur.write(dir.resolve("cur"), 4, 5_000, 42L);
    BigDecimal[] single = {BigDecimal.ZERO};
    for (Path f : cur) {
      BillingReaders.awsCur().read(f, r -> single[0] = single[0].add(r.billedCost()));
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("stratus-spark-sample")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    try {
      String out = dir.resolve("focus").toString();
      NormalizeReport report = NormalizeJob.builder().input(dir.resolve("cur").toString()).output(out)
          .format("aws-cur").sourceId("cur").build().run(spark);
      System.out.printf("normalized %d files: %d rows read, %d records written, %d rejected (reconciled: %s)%n",
          report.files().size(), report.rowsRead(), report.recordsWritten(), report.rejectionCount(),
          report.isReconciled());
      report.rejections().values().stream().flatMap(List::stream).limit(3)
          .forEach(x -> System.out.println("  rejected " + x));

      SparkCostQueries queries = SparkCostQueries.parquet(spark, out);
      List<CostRow> byService = queries.query(CostQuery.builder().groupBy(Dimension.SERVICE).build()).rows();
      BigDecimal sparkTotal = byService.stream().map(CostRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
      System.out.println("billed cost by service (Spark SQL over the Parquet):");
      byService.stream().limit(5).forEach(r -> System.out.printf("  %-24s %14s %s%n", r.key(),
          r.amount().setScale(2, RoundingMode.HALF_EVEN), r.currency()));
      System.out.printf("total: Spark %s, single-JVM reader %s%n", sparkTotal.setScale(2, RoundingMode.HALF_EVEN),
          single[0].setScale(2, RoundingMode.HALF_EVEN));

      List<ScenarioEngine.SweepResult> onSpark = SparkSweep.create(spark,
          CatalogFactory.registered(SweepJob.DEFAULT_CATALOG)).sweep(SweepFixtures.text(), SweepFixtures.SOURCE);
      boolean sameSweep = SweepFixtures.csv(onSpark).equals(SweepFixtures.csv(SweepFixtures.local()));
      System.out.printf("sweep: %d points on Spark; sweep.csv identical to the local engine's: %s%n",
          onSpark.size(), sameSweep);
      if (sparkTotal.setScale(2, RoundingMode.HALF_EVEN).compareTo(single[0].setScale(2, RoundingMode.HALF_EVEN)) != 0
          || !sameSweep) {
        throw new IllegalStateException("Spark and the single JVM disagree");
      }
    } finally {
      spark.stop();
    }
  }
}
