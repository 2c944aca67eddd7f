package io.stratus.spark.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusDecimals;
import io.stratus.finops.focus.ReadReport;
import io.stratus.spark.Fixtures;
import io.stratus.spark.LocalSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The real billing samples of ../shared/data/billing (AWS legacy CUR, Azure EA actual and amortized, the FOCUS 1.0
 * sample, an OCI cost report): the Spark job writes the records and reports of the single-JVM reader (records after
 * the one 18-place rounding rule of FocusDecimals), with the same totals to the cent. Issue 19: records 9, 11 and 13
 * of azure/EA_AmortizedCost_Small.csv carry 22 to 28 digits after the point; they used to be refused (25 of 28
 * records) and are now rounded and counted. Skips when the shared data is absent.
 */
class SharedSamplesTest {
  private static final List<String> SAMPLES =
      List.of(
          "aws/cur-legacy-sample-anonymous.csv", "azure/ea-actual-cost-sample-anonymous.csv",
          "azure/EA_ActualCost_Small.csv", "azure/EA_AmortizedCost_Small.csv",
          "focus/focus_sample_1000_FOCUS-1.0.csv", "oci/oci-cost-report-sample.csv");

  @Test
  void sparkAndTheSingleJvmGiveTheSameRecordsReportsAndTotals() {
    Path billing = Path.of(System.getProperty("stratus.shared.data", "../../../shared/data"), "billing");
    assumeTrue(Files.isDirectory(billing), "shared billing samples absent at " + billing + ": skipped");
    List<Path> files = new ArrayList<>();
    for (String s : SAMPLES) {
      if (Files.isRegularFile(billing.resolve(s))) {
        files.add(billing.resolve(s));
      }
    }
    assumeTrue(!files.isEmpty(), "none of the billing samples " + SAMPLES + " under " + billing + ": skipped");
    Map<String, ReadReport> local = new HashMap<>();
    Map<List<Object>, CostRecord> expected = Fixtures.readLocally(files, local);
    SparkSession spark = LocalSpark.session();
    String out = Fixtures.scratch().resolve("focus-samples").toString();
    NormalizeJob.Builder job = NormalizeJob.builder().output(out);
    files.forEach(f -> job.input(f.toAbsolutePath().toString()));

    NormalizeReport report = job.build().run(spark);

    Map<List<Object>, CostRecord> actual = Fixtures.byKey(spark.read().parquet(out).collectAsList());
    Map<String, Long> written = new TreeMap<>();
    actual.keySet().forEach(k -> written.merge((String) k.get(0), 1L, Long::sum));
    Map<String, Long> emitted = new TreeMap<>();
    report.files().forEach((p, r) -> emitted.put(p.substring(p.lastIndexOf('/') + 1), r.recordsEmitted()));
    assertThat(written).isEqualTo(emitted);
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((k, r) -> assertThat(actual.get(k)).as("%s", k).isEqualTo(FocusDecimals.toStoredScale(r)));
    Map<String, ReadReport> byName = new HashMap<>();
    report.files().forEach((path, r) -> byName.put(path.substring(path.lastIndexOf('/') + 1), r));
    assertThat(byName).isEqualTo(local);
    // the amortized Azure export normalizes to EffectiveCost, the others to BilledCost: compare both, to the cent
    for (Function<CostRecord, BigDecimal> cost : List.<Function<CostRecord, BigDecimal>>of(
        CostRecord::billedCost, CostRecord::effectiveCost)) {
      assertThat(cents(actual.values(), cost)).isEqualTo(cents(expected.values(), cost));
    }
    Map<String, BigDecimal> localNormalized = new TreeMap<>();
    local.values().forEach(r -> r.normalizedTotals().forEach((c, v) -> localNormalized.merge(c, v, BigDecimal::add)));
    assertThat(NormalizeJobTest.cents(report.normalizedTotals())).isEqualTo(NormalizeJobTest.cents(localNormalized));
    assertThat(report.findings()).isNotEmpty();
    FocusDecimals.Tally tally = new FocusDecimals.Tally();
    expected.values().forEach(tally::round);
    assertThat(report.roundings()).containsExactlyInAnyOrderElementsOf(tally.roundings());
    if (files.stream().anyMatch(f -> f.endsWith("EA_AmortizedCost_Small.csv"))) {
      assertThat(written).containsEntry("EA_AmortizedCost_Small.csv", 28L);
      assertThat(report.roundings()).isNotEmpty()
          .allSatisfy(d -> assertThat(d.maxAbsoluteRounding()).isLessThanOrEqualTo(new BigDecimal("5E-19")));
      assertThat(report.fileRoundings().keySet()).allMatch(p -> p.endsWith("EA_AmortizedCost_Small.csv"));
    }
  }

  private static Map<String, BigDecimal> cents(Collection<CostRecord> records, Function<CostRecord, BigDecimal> cost) {
    Map<String, BigDecimal> out = new TreeMap<>();
    records.forEach(r -> out.merge(r.billingCurrency().getCurrencyCode(), cost.apply(r), BigDecimal::add));
    return NormalizeJobTest.cents(out);
  }
}
