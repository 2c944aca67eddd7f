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
import io.stratus.spark.LocalSpark;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    assertThat(e.column()).isEqualTo("actualToDate");
    assertThat(e.value()).isEqualByComparingTo(february);
    assertThat(e.rule()).isEqualTo(ScopeTask.EXACT_RULE);
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
    assertThat(e.column()).isEqualTo("actual");
    assertThat(e.value()).isEqualByComparingTo(spike.actualTotal());
    assertThat(e.rule()).isEqualTo(ScopeTask.EXACT_RULE);
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

    assertThat(e.column()).isEqualTo("actualToDate");
    assertThat(e.value()).isEqualByComparingTo("5.4E20");
    assertThat(e.rule()).isEqualTo(ScopeTask.RANGE_RULE);
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
    List<Row> expected = ScopeTask.forecastRows(s, Dimension.SUB_ACCOUNT, "a1", USD,
        CostPredictor.create(store, NoPrices.INSTANCE, InstantSource.fixed(UP_TO), s.forecastOptions()));

    List<Row> spark = detection(UP_TO).forecasts(fine).collectAsList();

    assertThat(spark).hasSameSizeAs(expected).hasSize(2);
    for (int i = 0; i < expected.size(); i++) {
      for (int j = 0; j < expected.get(i).length(); j++) {
        assertThat(spark.get(i).get(j)).as("row %d column %d", i, j).isEqualTo(expected.get(i).get(j));
      }
    }
    assertThat(spark.get(0).getDecimal(9)).as("actualToDate").isEqualByComparingTo(billedSince(stored, FEBRUARY))
        .isEqualByComparingTo(new BigDecimal("122.000000000000000018"));
  }
}
