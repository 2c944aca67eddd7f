package io.stratus.spark.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusDecimals;
import io.stratus.finops.forecast.CostPredictor;
import io.stratus.finops.forecast.ForecastOptions;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.spark.AmountNotRepresentableException;
import io.stratus.spark.AmountNotRepresentableException.Amount;
import io.stratus.spark.LocalSpark;
import io.stratus.spark.internal.Unrepresentable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The output amounts of per-scope detection through the public API: exact sums are never rounded (an input finer or
 * larger than {@code DECIMAL(38, 18)} can hold fails naming the column, value and rule, instead of a bare
 * IllegalStateException or Spark's own overflow); the documented remedy, rounding the input half-even to 18 places,
 * gives the single-JVM results on the records as finops' {@link FocusDecimals} rounds them.
 */
class ScopeDetectionAmountsTest {
  private static final ForecastOptions OPTIONS = ForecastOptions.builder().backtest(1, 14).history(21, 400).build();
  /** 2025-01-06 to 2025-02-09: forecasts as of 2025-02-10, with nine February days in the month's actual. */
  private static final int DAYS = 35;
  private static final Instant UP_TO = DetectFixtures.START.plusSeconds(86_400L * DAYS);
  private static final Instant FEBRUARY = Instant.parse("2025-02-01T00:00:00Z");
  /** Costs with 20 places, as an Azure EA amortized export in a DECIMAL(38, 28) column can carry. */
  private static final StructType FINE = DetectFixtures.schema(DataTypes.createDecimalType(38, 20));
  private static final StructType STORED = DetectFixtures.schema(DataTypes.createDecimalType(38, 18));
  private static final Currency USD = Currency.getInstance("USD");

  private static ScopeDetection detection(Instant upTo) {
    return ScopeDetection.builder().scopes(List.of(Dimension.SUB_ACCOUNT)).historyStart(DetectFixtures.START)
        .upTo(upTo).forecastOptions(OPTIONS).build();
  }

  private static List<CostRecord> days(int n, IntFunction<BigDecimal> cost) {
    List<CostRecord> out = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      out.add(DetectFixtures.daily("a1", d, cost.apply(d)));
    }
    return out;
  }

  private static BigDecimal billedSince(List<CostRecord> records, Instant from) {
    return records.stream().filter(r -> !r.chargePeriodStart().isBefore(from)).map(CostRecord::billedCost)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** A row of {@link DetectFixtures#schema} of account {@code account} on day {@code day}, all four costs equal. */
  private static Row row(String account, int day, int hour, BigDecimal cost) {
    Instant start = DetectFixtures.START.plusSeconds(86_400L * day + 3600L * hour);
    return RowFactory.create(Timestamp.from(start), Timestamp.from(start.plusSeconds(3600)), "USD", "AWS",
        "payer-USD", account, "Svc-A", "Compute", "us-east-1", "Usage", cost, cost, cost, cost, Map.of());
  }

  /** {@code days} days of account {@code account}: one row of 10..16 a day, and {@code extra} on the given day. */
  private static List<Row> account(String account, int days, int badDay, BigDecimal extra) {
    List<Row> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      out.add(row(account, d, 12, BigDecimal.valueOf(10 + d % 7)));
      if (d == badDay) {
        out.add(row(account, d, 3, extra));
        out.add(row(account, d, 4, extra));
      }
    }
    return out;
  }

  private static String day(String account, int day, int rows) {
    return "scope SubAccountId=" + account + "/USD, day " + LocalDate.ofInstant(DetectFixtures.START, ZoneOffset.UTC)
        .plusDays(day) + " (ProviderName=AWS, BillingAccountId=payer-USD, SubAccountId=" + account
        + ", ServiceName=Svc-A, ServiceCategory=Compute, RegionId=us-east-1, ChargeCategory=Usage; " + rows
        + " rows)";
  }

  private static AmountNotRepresentableException failure(Dataset<Row> out) {
    Throwable t = catchThrowable(out::collectAsList);
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AmountNotRepresentableException e) {
        return e;
      }
    }
    throw new AssertionError("expected an AmountNotRepresentableException among the causes of " + t, t);
  }

  @Test
  void forecasts_inputWith20Places_failNamingTheExactSumItsColumnAndTheRule() {
    // 10..16 plus 1E-20 a day: February's nine days sum to a value whose last non-zero digit is the 20th place
    List<CostRecord> records = days(DAYS, d -> BigDecimal.valueOf(10 + d % 7).add(new BigDecimal("1E-20")));
    BigDecimal february = billedSince(records, FEBRUARY);

    AmountNotRepresentableException e =
        failure(detection(UP_TO).forecasts(DetectFixtures.frame(LocalSpark.session(), records, FINE)));

    assertThat(february.stripTrailingZeros().scale()).isEqualTo(20);
    Amount a = e.amounts().get(0);
    assertThat(a.column()).isEqualTo("actualToDate");
    assertThat(a.value()).isEqualByComparingTo(february);
    assertThat(a.rule()).isEqualTo(ScopeTask.EXACT_RULE);
    assertThat(e).hasMessageContaining("column actualToDate of forecast SubAccountId=a1/USD 2025-02")
        .hasMessageContaining(february.toPlainString()).hasMessageContaining("never rounded");
  }

  @Test
  void anomalies_inputWith20Places_failNamingTheAnomalysExactActual() {
    // four weeks of baseline, then a spike on days 36 and 37
    int days = 42;
    List<CostRecord> records = days(days, d -> BigDecimal.valueOf(10 + d % 7 + (d == 36 || d == 37 ? 400 : 0))
        .add(new BigDecimal("1E-20")));
    Instant upTo = DetectFixtures.START.plusSeconds(86_400L * days);
    CostAnomalyMonitor single = new Settings(DetectFixtures.START, upTo, BigDecimal.ZERO, 0, OPTIONS)
        .monitor(Dimension.SUB_ACCOUNT, "a1", USD);
    single.evaluate(DetectFixtures.store(records), upTo);
    CostAnomaly spike = single.anomalies().get(0);

    AmountNotRepresentableException e =
        failure(detection(upTo).anomalies(DetectFixtures.frame(LocalSpark.session(), records, FINE)));

    assertThat(spike.actualTotal().stripTrailingZeros().scale()).isEqualTo(20);
    Amount a = e.amounts().get(0);
    assertThat(a.column()).isEqualTo("actual");
    assertThat(a.value()).isEqualByComparingTo(spike.actualTotal());
    assertThat(a.rule()).isEqualTo(ScopeTask.EXACT_RULE);
    assertThat(e).hasMessageContaining("column actual of anomaly " + spike.id());
  }

  @Test
  void forecasts_monthTotalOf10Pow20WithAnsiOff_failNamingTheColumnAndTheRangeInsteadOfNull() {
    // 6E19 a day fits DECIMAL(38, 18); nine days of February do not. Without ANSI mode Spark itself would store
    // NULL for the overflowing value; detection refuses it whatever the mode.
    List<CostRecord> records = days(DAYS, d -> new BigDecimal("6E19"));
    SparkSession spark = LocalSpark.session();
    AmountNotRepresentableException e;
    spark.conf().set("spark.sql.ansi.enabled", "false");
    try {
      e = failure(detection(UP_TO).forecasts(DetectFixtures.frame(spark, records, STORED)));
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }

    Amount a = e.amounts().get(0);
    assertThat(a.column()).isEqualTo("actualToDate");
    assertThat(a.value()).isEqualByComparingTo("5.4E20");
    assertThat(a.rule()).isEqualTo(ScopeTask.RANGE_RULE);
  }

  @Test
  void forecasts_inputBroundedTo18Places_equalSingleJvmOnTheRecordsAsFocusDecimalsStoresThem() {
    // ...0025 beyond the 16th place: half-even gives ...002 at 18 places where half-up (a plain CAST) gives ...003
    List<CostRecord> records =
        days(DAYS, d -> BigDecimal.valueOf(10 + d % 7).add(new BigDecimal("0.00000000000000000250")));
    Dataset<Row> fine = DetectFixtures.frame(LocalSpark.session(), records, FINE);
    for (String c : Aggregates.COSTS) {
      fine = fine.withColumn(c, functions.expr("CAST(bround(`" + c + "`, 18) AS DECIMAL(38, 18))"));
    }
    List<CostRecord> stored = records.stream().map(FocusDecimals::toStoredScale).toList();
    CostStore store = DetectFixtures.store(stored);
    Settings s = new Settings(DetectFixtures.START, UP_TO, BigDecimal.ZERO, 0, OPTIONS);
    Unrepresentable none = new Unrepresentable();
    List<Row> expected = ScopeTask.forecastRows(s, Dimension.SUB_ACCOUNT, "a1", USD,
        CostPredictor.create(store, NoPrices.INSTANCE, InstantSource.fixed(UP_TO), s.forecastOptions()), none);

    List<Row> spark = detection(UP_TO).forecasts(fine).collectAsList();

    assertThat(none.isEmpty()).isTrue();
    assertThat(spark).hasSameSizeAs(expected).hasSize(2);
    for (int i = 0; i < expected.size(); i++) {
      for (int j = 0; j < expected.get(i).length(); j++) {
        assertThat(spark.get(i).get(j)).as("row %d column %d", i, j).isEqualTo(expected.get(i).get(j));
      }
    }
    assertThat(spark.get(0).getDecimal(9)).as("actualToDate").isEqualByComparingTo(billedSince(stored, FEBRUARY))
        .isEqualByComparingTo(new BigDecimal("122.000000000000000018"));
  }

  @Test
  void forecasts_dailySumOf10Pow20OrMoreWithAnsiOn_failNamingEveryScopeDayAndValue() {
    dailySumOf10Pow20OrMore("true");
  }

  @Test
  void forecasts_dailySumOf10Pow20OrMoreWithAnsiOff_failNamingEveryScopeDayAndValueInsteadOfNull() {
    dailySumOf10Pow20OrMore("false");
  }

  private static void dailySumOf10Pow20OrMore(String ansi) {
    // each row fits DECIMAL(38, 18); two of 6E19 on one day sum to 1.2E20, which Spark's own sum turns into an
    // ArithmeticException (ANSI on) or a NULL (ANSI off); no cost record can hold it
    BigDecimal extra = new BigDecimal("6E19");
    List<Row> rows = new ArrayList<>(account("a1", DAYS, 3, extra));
    rows.addAll(account("a2", DAYS, 30, extra));
    rows.addAll(account("ok", DAYS, -1, extra));
    SparkSession spark = LocalSpark.session();
    AmountNotRepresentableException e;
    spark.conf().set("spark.sql.ansi.enabled", ansi);
    try {
      e = failure(detection(UP_TO).forecasts(spark.createDataFrame(rows, STORED)));
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }

    BigDecimal sum = new BigDecimal("120000000000000000013.000000000000000000");
    assertThat(e.count()).as("two days, four costs each").isEqualTo(8);
    assertThat(e.amounts()).hasSize(8);
    assertThat(e.amounts().get(0))
        .isEqualTo(new Amount("BilledCost", day("a1", 3, 3), e.amounts().get(0).value(), ScopeTask.DAILY_RULE));
    assertThat(e.amounts().get(0).value()).isEqualTo(sum);
    assertThat(e.amounts()).extracting(Amount::row).containsExactly(day("a1", 3, 3), day("a1", 3, 3),
        day("a1", 3, 3), day("a1", 3, 3), day("a2", 30, 3), day("a2", 30, 3), day("a2", 30, 3), day("a2", 30, 3));
    assertThat(e.amounts()).extracting(Amount::column).containsExactly("BilledCost", "ContractedCost",
        "EffectiveCost", "ListCost", "BilledCost", "ContractedCost", "EffectiveCost", "ListCost");
    assertThat(e).hasMessageStartingWith("8 amounts cannot be stored or summed exactly:")
        .hasMessageContaining("column BilledCost of " + day("a1", 3, 3) + ": the amount " + sum.toPlainString())
        .hasMessageContaining("one finops cost record");
  }

  @Test
  void anomaliesAndForecasts_unrepresentableAmountsInManyTasks_oneFailureListsThemAllFirst100AndCount() {
    // 30 accounts with one bad day each, spread over the four shuffle partitions: 120 amounts, 100 listed
    List<Row> rows = new ArrayList<>();
    for (int a = 0; a < 30; a++) {
      rows.addAll(account(String.format("b%02d", a), DAYS, a, new BigDecimal("6E19")));
    }
    SparkSession spark = LocalSpark.session();
    Dataset<Row> frame = spark.createDataFrame(rows, STORED);
    spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false"); // keep the four tasks
    try {
      for (Dataset<Row> out : List.of(detection(UP_TO).forecasts(frame), detection(UP_TO).anomalies(frame))) {
        AmountNotRepresentableException e = failure(out);

        assertThat(e.count()).isEqualTo(120);
        assertThat(e.amounts()).hasSize(AmountNotRepresentableException.LISTED);
        assertThat(e.amounts()).extracting(Amount::row).isSorted()
            .contains(day("b00", 0, 3), day("b24", 24, 3)).doesNotContain(day("b25", 25, 3));
        assertThat(e).hasMessageStartingWith(
            "120 amounts cannot be stored or summed exactly (the first 100 listed):");
      }
    } finally {
      spark.conf().unset("spark.sql.adaptive.coalescePartitions.enabled");
    }
  }

  @Test
  void forecasts_integerPartsBeyond38Digits_failNamingTheRowsSparkCannotSum() {
    // DECIMAL(38, 0): two values of 6E37 on one day; their sum has 39 digits, beyond any Spark decimal
    List<Row> rows = account("c1", DAYS, 5, new BigDecimal("6E37"));

    AmountNotRepresentableException e = failure(detection(UP_TO)
        .forecasts(LocalSpark.session().createDataFrame(rows, DetectFixtures.schema(DataTypes.createDecimalType(38,
            0)))));

    assertThat(e.count()).isEqualTo(4);
    Amount a = e.amounts().get(0);
    assertThat(a.row()).isEqualTo(day("c1", 5, 3));
    assertThat(a.value()).isNull();
    assertThat(a.rule()).startsWith("Spark cannot sum these 3 rows exactly");
  }

  @Test
  void anomalies_nullCostInOneOfTheDaysRows_failNamingTheMissingCostInsteadOfCountingZero() {
    List<Row> rows = new ArrayList<>(account("d1", DAYS, -1, BigDecimal.ZERO));
    Row one = row("d1", 7, 3, BigDecimal.ONE);
    Object[] values = new Object[one.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = one.get(i);
    }
    values[12] = null; // ListCost
    rows.add(RowFactory.create(values));

    AmountNotRepresentableException e = failure(detection(UP_TO).anomalies(
        LocalSpark.session().createDataFrame(rows, STORED)));

    assertThat(e.count()).isEqualTo(1);
    assertThat(e.amounts().get(0)).isEqualTo(new Amount("ListCost", day("d1", 7, 2), null,
        ScopeTask.missingRule(1, 2)));
  }
}
