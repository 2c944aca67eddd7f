package io.stratus.spark.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusCsvWriter;
import io.stratus.finops.focus.ReadReport;
import io.stratus.spark.Fixtures;
import io.stratus.spark.LocalSpark;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class NormalizeJobTest {
  private final SparkSession spark = LocalSpark.session();

  /**
   * A FOCUS file whose ListCost rounds to 10^20 at 18 places: with ANSI off Spark itself would write NULL into the
   * mandatory column; the record is rejected with its row, column and value instead (the rounded record breaks the
   * cost record's range rule), and reconciled as rejected.
   */
  @Test
  void run_costRoundingTo10Pow20WithAnsiOff_rejectsTheRowInsteadOfWritingNull() throws Exception {
    BigDecimal v = new BigDecimal("99999999999999999999.9999999999999999995");
    Path dir = Fixtures.scratch().resolve("focus-out-of-range");
    Files.createDirectories(dir);
    Path file = dir.resolve("focus.csv");
    try (Writer out = Files.newBufferedWriter(file)) {
      FocusCsvWriter w = FocusCsvWriter.create(out);
      w.write(CostRecord.builder().allCosts(BigDecimal.ONE).listCost(v).billingCurrency(Currency.getInstance("USD"))
          .billingAccountId("acct").billingPeriod(BillingPeriod.of(YearMonth.of(2024, 3)))
          .chargePeriod(Instant.parse("2024-03-05T10:00:00Z"), Instant.parse("2024-03-05T11:00:00Z"))
          .providerName("AWS").serviceName("EC2").serviceCategory("Compute").chargeCategory(ChargeCategory.USAGE)
          .build());
      w.flush();
    }
    String out = Fixtures.scratch().resolve("focus-out-of-range-parquet").toString();
    NormalizeReport report;
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      report = NormalizeJob.builder().input(file.toString()).output(out).format("focus").build().run(spark);
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }

    assertThat(report.recordsWritten()).isZero();
    assertThat(report.rejections().values().stream().flatMap(List::stream)).singleElement()
        .satisfies(x -> assertThat(x.column()).isEqualTo("ListCost"));
    assertThat(report.isReconciled()).isTrue();
  }

  @Test
  void sparkWritesTheRecordsAndReportsOfTheSingleJvmReaderPartitionedByPeriodAndProvider() throws Exception {
    List<Path> cur = Fixtures.cur();
    Map<String, ReadReport> local = new HashMap<>();
    Map<List<Object>, CostRecord> expected = Fixtures.readLocally(cur, local);
    String out = Fixtures.scratch().resolve("focus-plain").toString();

    NormalizeReport report = NormalizeJob.builder().input(cur.get(0).getParent().toString()).output(out).build()
        .run(spark);

    Map<List<Object>, CostRecord> actual = Fixtures.byKey(spark.read().parquet(out).collectAsList());
    assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
    assertThat(report.files()).hasSize(Fixtures.FILES);
    Map<String, ReadReport> byName = new HashMap<>();
    report.files().forEach((path, r) -> byName.put(path.substring(path.lastIndexOf('/') + 1), r));
    assertThat(byName).isEqualTo(local);
    long rejected = local.values().stream().mapToLong(ReadReport::rejectionCount).sum();
    assertThat(rejected).isPositive();
    assertThat(report.rejectionCount()).isEqualTo(rejected);
    assertThat(report.rowsRead()).isEqualTo((long) Fixtures.FILES * Fixtures.ROWS_PER_FILE);
    assertThat(report.recordsWritten()).isEqualTo(expected.size());
    assertThat(report.rejections().values().stream().flatMap(List::stream))
        .allSatisfy(x -> assertThat(x.column()).isIn("lineItem/UnblendedCost", "line_item_unblended_cost"));
    assertThat(report.isReconciled()).isTrue();
    assertThat(report.isComplete()).isFalse();
    assertThat(cents(report.normalizedTotals())).isEqualTo(cents(totals(expected.values().stream())));

    try (Stream<Path> dirs = Files.list(Path.of(out))) {
      assertThat(dirs.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_") && !n.startsWith(".")))
          .containsExactlyInAnyOrder("x_BillingPeriod=2024-02", "x_BillingPeriod=2024-03");
    }
    assertThat(Path.of(out, "x_BillingPeriod=2024-03", "x_Provider=AWS")).isDirectory();
  }

  @Test
  void aTaskThatFailsOnItsFirstAttemptIsRetriedWithoutDuplicatingRecordsOrReports() {
    List<Path> cur = Fixtures.cur();
    Map<List<Object>, CostRecord> expected = Fixtures.readLocally(cur, new HashMap<>());
    String out = Fixtures.scratch().resolve("focus-retried").toString();
    NormalizeJob.Interceptor failOnce = (path, index, attempt) -> {
      if (attempt == 0 && index == 5_000) {
        throw new IllegalStateException("injected failure in " + path + " at record " + index);
      }
    };

    NormalizeReport report = NormalizeJob.builder().input(cur.get(0).getParent().toString()).output(out)
        .interceptor(failOnce).build().run(spark);

    // byKey fails on a duplicate (file, index): a retried task's partial output did not survive.
    Map<List<Object>, CostRecord> actual = Fixtures.byKey(spark.read().parquet(out).collectAsList());
    assertThat(actual).isEqualTo(expected);
    assertThat(report.recordsWritten()).isEqualTo(expected.size());
    assertThat(report.files()).hasSize(Fixtures.FILES);
  }

  @Test
  void runningTheJobAgainReplacesItsPartitionsInsteadOfAppending() {
    List<Path> cur = Fixtures.cur();
    String out = Fixtures.scratch().resolve("focus-twice").toString();
    NormalizeJob job = NormalizeJob.builder().input(cur.get(1).toString()).output(out).sourceId("cur").build();
    NormalizeReport first = job.run(spark);
    NormalizeReport second = job.run(spark);
    assertThat(second).isEqualTo(first);
    assertThat(spark.read().parquet(out).count()).isEqualTo(first.recordsWritten());
    List<Row> sources = spark.read().parquet(out).select(FocusParquet.SOURCE).distinct().collectAsList();
    assertThat(sources).extracting(r -> r.getString(0)).containsExactly("cur");
  }

  @Test
  void aFileThatIsNotABillingExportFailsTheJobNamingTheFile() throws Exception {
    Path bad = Fixtures.scratch().resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("notes.csv"), "a,b,c\n1,2,3\n");
    NormalizeJob job = NormalizeJob.builder().input(bad.toString())
        .output(Fixtures.scratch().resolve("focus-bad").toString()).build();
    assertThatThrownBy(() -> job.run(spark)).hasStackTraceContaining("notes.csv is not a recognized billing export");
  }

  @Test
  void theBuilderRejectsWrongSettingsNamingThem() {
    assertThatThrownBy(() -> NormalizeJob.builder().format("parquet"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normalizeJob.format").hasMessageContaining(
            "parquet");
    assertThatThrownBy(() -> NormalizeJob.builder().input("a,b")).hasMessageContaining("without commas");
    assertThatThrownBy(() -> NormalizeJob.builder().input("x").build()).hasMessageContaining("output");
    assertThatThrownBy(() -> NormalizeJob.builder().output("x").build()).hasMessageContaining("input");
    assertThatThrownBy(() -> NormalizeJob.main(new String[] {"--inputs", "x"})).hasMessageContaining("--inputs");
  }

  static Map<String, BigDecimal> totals(Stream<CostRecord> records) {
    return records.collect(Collectors.groupingBy(r -> r.billingCurrency().getCurrencyCode(), TreeMap::new,
        Collectors.reducing(BigDecimal.ZERO, CostRecord::billedCost, BigDecimal::add)));
  }

  static Map<String, BigDecimal> cents(Map<String, BigDecimal> m) {
    Map<String, BigDecimal> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.setScale(2, RoundingMode.HALF_EVEN)));
    return out;
  }
}
