package io.stratus.spark.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.spark.LocalSpark;
import io.stratus.spark.billing.FocusParquet;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Sums beyond {@code DECIMAL(38, 18)}: Spark's own {@code sum} fails (ANSI on) or gives NULL, which the query turned
 * into zero (ANSI off); the queries give the in-memory store's exact amounts in both modes, top(n) included.
 */
class SparkCostQueriesAmountsTest {
  private static final Instant DAY = Instant.parse("2025-03-04T00:00:00Z");

  private static CostRecord record(String service, int hour, String cost) {
    Instant start = DAY.plusSeconds(3600L * hour);
    return CostRecord.builder().allCosts(new BigDecimal(cost)).billingCurrency(Currency.getInstance("USD"))
        .billingAccountId("payer").billingPeriod(BillingPeriod.of(YearMonth.of(2025, 3)))
        .chargePeriod(start, start.plusSeconds(3600)).providerName("AWS").subAccountId("a1").serviceName(service)
        .serviceCategory("Compute").chargeCategory(ChargeCategory.USAGE).build();
  }

  /** Four services whose sums exceed 10^20, with fractions that carry and credits. */
  private static List<CostRecord> records() {
    List<CostRecord> out = new ArrayList<>();
    // A: 1.2E20 + 0.5; B: 1.2E20 + 0.75 (three fractions); C: 1.2E20 + 1.8 (fractions 0.9 + 0.9 carry); D: -1.8E20
    for (String[] r : new String[][] {{"A", "6E19"}, {"A", "6E19"}, {"A", "0.5"}, {"B", "60000000000000000000.25"},
        {"B", "60000000000000000000.25"}, {"B", "0.25"}, {"C", "60000000000000000000.9"},
        {"C", "60000000000000000000.9"}, {"D", "-9E19"}, {"D", "-9E19"}, {"D", "-0.000000000000000001"}}) {
      out.add(record(r[0], out.size(), r[1]));
    }
    return out;
  }

  @Test
  void query_sumsBeyondDecimal38_18WithAnsiOn_exactAsTheInMemoryStore() {
    sameInEitherMode("true");
  }

  @Test
  void query_sumsBeyondDecimal38_18WithAnsiOff_exactAsTheInMemoryStoreInsteadOfZero() {
    sameInEitherMode("false");
  }

  private static void sameInEitherMode(String ansi) {
    List<CostRecord> records = records();
    CostStore memory = CostStore.inMemory();
    try (CostStore.Appender a = memory.appender("src")) {
      records.forEach(a);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      rows.add(FocusParquet.toRow(records.get(i), "src", "file:/in.csv", i));
    }
    SparkSession spark = LocalSpark.session();
    SparkCostQueries queries = SparkCostQueries.of(spark.createDataFrame(rows, FocusParquet.schema()));
    List<CostQuery> all = List.of(CostQuery.builder().groupBy(Dimension.SERVICE).build(),
        CostQuery.builder().groupBy(Dimension.SERVICE).top(3).build(),
        CostQuery.builder().granularity(Granularity.DAY).build(),
        CostQuery.builder().where(Dimension.SERVICE, "D").build());
    spark.conf().set("spark.sql.ansi.enabled", ansi);
    try {
      for (CostQuery q : all) {
        CostQueryResult expected = memory.query(q);
        CostQueryResult actual = queries.query(q);

        assertThat(actual.rows()).as("%s", q).hasSameSizeAs(expected.rows()).isNotEmpty();
        for (int i = 0; i < expected.rows().size(); i++) {
          CostRow e = expected.rows().get(i);
          CostRow a = actual.rows().get(i);
          assertThat(a.key()).as("%s row %s", q, i).isEqualTo(e.key());
          assertThat(a.amount()).as("%s row %s", q, i).isEqualByComparingTo(e.amount());
          assertThat(a.records()).isEqualTo(e.records());
        }
      }
      assertThat(queries.query(all.get(1)).rows()).extracting(r -> r.key().get(0)).containsExactly("C", "B", "A");
      assertThat(queries.query(all.get(1)).rows().get(0).amount()).isEqualByComparingTo("120000000000000000001.8");
    } finally {
      spark.conf().unset("spark.sql.ansi.enabled");
    }
  }
}
