package io.stratus.spark.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.attribution.AttributionReport;
import io.stratus.finops.attribution.AttributionRule;
import io.stratus.finops.attribution.Attributor;
import io.stratus.finops.attribution.Owner;
import io.stratus.finops.attribution.SharedCostRule;
import io.stratus.finops.focus.Amortizer;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusCsvWriter;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.Dimension;
import io.stratus.spark.Fixtures;
import io.stratus.spark.LocalSpark;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Amortization and attribution on Spark (local[2]) against the single-JVM finops calls on the same billing files:
 * two FOCUS files with a monthly savings plan, a one-year upfront reservation (pro-rated into January and February),
 * covered and uncovered usage, team tags and a shared support charge.
 */
class CostAllocationTest {
  private static final BillingPeriod JAN = BillingPeriod.of(YearMonth.of(2025, 1));
  private static final BillingPeriod FEB = BillingPeriod.of(YearMonth.of(2025, 2));

  private static List<Path> files;
  private static Dataset<Row> focus;
  private final SparkSession spark = LocalSpark.session();

  @BeforeAll
  static void normalize() throws IOException {
    Path dir = Files.createDirectories(Fixtures.scratch().resolve("allocation-in"));
    List<CostRecord> all = records();
    files = List.of(dir.resolve("a.csv"), dir.resolve("b.csv"));
    for (int f = 0; f < files.size(); f++) {
      try (Writer w = Files.newBufferedWriter(files.get(f))) {
        FocusCsvWriter out = FocusCsvWriter.create(w);
        for (int i = f; i < all.size(); i += files.size()) {
          out.write(all.get(i));
        }
        out.flush();
      }
    }
    String out = Fixtures.scratch().resolve("allocation-focus").toString();
    NormalizeJob.builder().input(dir.toString()).output(out).build().run(LocalSpark.session());
    focus = LocalSpark.session().read().parquet(out);
  }

  @Test
  void amortize_onSpark_givesTheSingleJvmAmortizerRecords() {
    List<CostRecord> input = readLocally();
    Amortizer.Result expected = Amortizer.amortize(input);

    List<Row> rows = CostAllocation.amortize(focus).records().collectAsList();

    Map<List<Object>, CostRecord> byKey = new TreeMap<>(Comparator.comparing((List<Object> k) -> (String) k.get(0))
        .thenComparingLong(k -> (Long) k.get(1)));
    List<CostRecord> unused = new ArrayList<>();
    for (Row r : rows) {
      String file = r.getString(r.fieldIndex(FocusParquet.SOURCE_FILE));
      if (file.startsWith(CostAllocation.AMORTIZATION_SOURCE)) {
        unused.add(FocusParquet.toRecord(r));
      } else {
        byKey.put(List.of(file.substring(file.lastIndexOf('/') + 1), r.getLong(r.fieldIndex(FocusParquet.RECORD_INDEX))),
            FocusParquet.toRecord(r));
      }
    }
    assertThat(byKey).hasSize(input.size());
    List<CostRecord> amortizedInputs = new ArrayList<>(byKey.values());
    assertThat(amortizedInputs).isEqualTo(expected.records().subList(0, input.size()));
    assertThat(unused).isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(expected.records().subList(input.size(), expected.records().size()));
    assertThat(amortizedInputs).anySatisfy(r -> assertThat(r.effectiveCost()).isNotEqualByComparingTo(r.billedCost()));
    List<CostRecord> spark = new ArrayList<>(amortizedInputs);
    spark.addAll(unused);
    assertThat(cents(spark, CostMetric.EFFECTIVE)).isEqualTo(cents(expected.records(), CostMetric.EFFECTIVE));
    assertThat(cents(spark, CostMetric.BILLED)).isEqualTo(cents(input, CostMetric.BILLED));
  }

  @Test
  void amortize_onSpark_givesTheSingleJvmAmortizerUtilization() {
    List<Amortizer.Utilization> expected = new ArrayList<>(Amortizer.amortize(readLocally()).utilization());
    expected.sort(Comparator.comparing(Amortizer.Utilization::commitmentDiscountId)
        .thenComparing(Amortizer.Utilization::period));

    CostAllocation.Amortization actual = CostAllocation.amortize(focus.repartition(3));

    // the savings plan in both months (partly used, by quantity) and the reservation's January and February parts
    assertThat(expected).hasSize(4);
    assertThat(expected).anySatisfy(u -> {
      assertThat(u.usedFraction()).isStrictlyBetween(BigDecimal.ZERO, BigDecimal.ONE);
      assertThat(u.unused()).isPositive();
    });
    assertThat(actual.utilization()).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Amortizer.Utilization e = expected.get(i);
      Amortizer.Utilization a = actual.utilization().get(i);
      assertThat(a.commitmentDiscountId()).isEqualTo(e.commitmentDiscountId());
      assertThat(a.period()).isEqualTo(e.period());
      assertThat(a.fee()).isEqualByComparingTo(e.fee());
      assertThat(a.usedFraction()).isEqualByComparingTo(e.usedFraction());
      assertThat(a.amortized()).isEqualByComparingTo(e.amortized());
      assertThat(a.unused()).isEqualByComparingTo(e.unused());
    }
    // the figures add up to what the records carry: the unused charges are the unused parts
    BigDecimal unusedCharges = actual.records().collectAsList().stream()
        .filter(r -> r.getString(r.fieldIndex(FocusParquet.SOURCE_FILE))
            .startsWith(CostAllocation.AMORTIZATION_SOURCE))
        .map(r -> FocusParquet.toRecord(r).effectiveCost()).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(unusedCharges).isEqualByComparingTo(actual.utilization().stream().map(Amortizer.Utilization::unused)
        .reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Test
  void attribute_onSpark_givesTheSingleJvmAttributorReport() {
    List<CostRecord> amortized = Amortizer.amortize(readLocally()).records();
    AttributionReport expected = attributor().attribute(amortized, CostMetric.EFFECTIVE);

    AttributionReport actual =
        CostAllocation.attribute(CostAllocation.amortize(focus).records().repartition(3),
            CostAllocationTest::attributor, CostMetric.EFFECTIVE);

    assertThat(actual.recordsByRule()).isEqualTo(expected.recordsByRule()).containsKeys("team", "support", "(none)");
    assertThat(cents(actual.byOwner())).isEqualTo(cents(expected.byOwner()));
    assertThat(cents(Map.of("all", actual.totals()))).isEqualTo(cents(Map.of("all", expected.totals())));
    assertThat(actual.splits()).hasSameSizeAs(expected.splits()).isNotEmpty();
    for (int i = 0; i < expected.splits().size(); i++) {
      assertThat(actual.splits().get(i).amount()).isEqualByComparingTo(expected.splits().get(i).amount());
      assertThat(cents(Map.of("s", actual.splits().get(i).shares())))
          .isEqualTo(cents(Map.of("s", expected.splits().get(i).shares())));
    }
  }

  /** A cast to DECIMAL(38, 18) would round a finer cost half-up (or a double to its binary value), silently. */
  @Test
  void amortizeAndAttribute_costColumnFinerThanDecimal38_18_refusedNamingColumnTypeAndRemedy() {
    Dataset<Row> finer = focus.withColumn("ListCost", functions.col("ListCost").cast("decimal(38,20)"));
    Dataset<Row> doubles = focus.withColumn("BilledCost", functions.col("BilledCost").cast("double"));

    assertThatThrownBy(() -> CostAllocation.amortize(finer)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column ListCost has type decimal(38,20)")
        .hasMessageContaining("CAST(bround(ListCost, 18) AS DECIMAL(38, 18))");
    assertThatThrownBy(() -> CostAllocation.attribute(doubles, CostAllocationTest::attributor, CostMetric.BILLED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column BilledCost has type double");
    // a narrower decimal converts exactly and is accepted
    Dataset<Row> narrower = focus.withColumn("ListCost", functions.col("ListCost").cast("decimal(30,10)"));
    assertThat(CostAllocation.amortize(narrower).utilization()).isNotEmpty();
  }

  static Attributor attributor() {
    return Attributor.builder()
        .shared(SharedCostRule.split("support", Dimension.SERVICE, Set.of("Support"),
            SharedCostRule.Method.PROPORTIONAL_COST,
            List.of(new Owner("web", "shop", "cc-1"), new Owner("data", "lake", "cc-2"))))
        .rule(AttributionRule.exact("team", Dimension.tag("team"), "web", "web", "shop", "cc-1"))
        .rule(AttributionRule.exact("team-data", Dimension.tag("team"), "data", "data", "lake", "cc-2"))
        .build();
  }

  private static List<CostRecord> readLocally() {
    List<CostRecord> out = new ArrayList<>();
    for (Path f : files) {
      BillingReaders.focus().read(f, out::add);
    }
    return out;
  }

  private static <K> Map<String, Map<K, BigDecimal>> cents(Map<String, ? extends Map<K, BigDecimal>> m) {
    Map<String, Map<K, BigDecimal>> out = new TreeMap<>();
    m.forEach((c, byOwner) -> {
      Map<K, BigDecimal> x = new java.util.HashMap<>();
      byOwner.forEach((o, v) -> x.put(o, v.setScale(2, RoundingMode.HALF_EVEN)));
      out.put(c, x);
    });
    return out;
  }

  private static Map<String, BigDecimal> cents(List<CostRecord> records, CostMetric metric) {
    Map<String, BigDecimal> out = new TreeMap<>();
    records.forEach(r -> out.merge(r.billingCurrency().getCurrencyCode(), metric.valueOf(r), BigDecimal::add));
    out.replaceAll((k, v) -> v.setScale(2, RoundingMode.HALF_EVEN));
    return out;
  }

  /** Two months of one account: commitments, covered and plain usage, tags, a shared support charge. */
  private static List<CostRecord> records() {
    List<CostRecord> out = new ArrayList<>();
    Random rnd = new Random(19);
    for (BillingPeriod p : List.of(JAN, FEB)) {
      out.add(base(p, p.start(), p.end(), "29.76", ChargeCategory.PURCHASE, ChargeFrequency.RECURRING)
          .serviceName("Savings Plans").resourceId("sp-1").commitmentDiscountId("cd-1")
          .commitmentDiscountQuantity(new BigDecimal("744")).commitmentDiscountUnit("Hours").build());
      for (int h = 0; h < 60; h++) {
        Instant start = p.start().plusSeconds(3600L * (h * 7 + 1));
        String team = h % 3 == 0 ? "web" : h % 3 == 1 ? "data" : null;
        BigDecimal list = BigDecimal.valueOf(5 + rnd.nextInt(200), 3);
        CostRecord.Builder b = base(p, start, start.plusSeconds(3600), "0", ChargeCategory.USAGE,
            ChargeFrequency.USAGE_BASED).serviceName("VM").resourceId("vm-" + (h % 7)).listCost(list);
        if (h % 4 == 0) {
          b.commitmentDiscountId("cd-1").commitmentDiscountStatus("Used")
              .commitmentDiscountQuantity(BigDecimal.valueOf(1 + rnd.nextInt(9))).commitmentDiscountUnit("Hours");
        } else if (h % 4 == 1) {
          b.commitmentDiscountId("cd-2").commitmentDiscountStatus("Used");
        } else {
          b.allCosts(list).billedCost(list);
        }
        if (team != null) {
          b.tags(Map.of("team", team));
        }
        out.add(b.build());
      }
      out.add(base(p, p.start(), p.end(), "12.5", ChargeCategory.USAGE, ChargeFrequency.RECURRING)
          .serviceName("Support").resourceId("support").build());
    }
    // a one-year upfront reservation bought in January: 1/12-ish of it falls in each month present
    out.add(base(JAN, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), "876.00",
        ChargeCategory.PURCHASE, ChargeFrequency.ONE_TIME).serviceName("Reservations").resourceId("ri-1")
        .commitmentDiscountId("cd-2").build());
    return out;
  }

  private static CostRecord.Builder base(BillingPeriod p, Instant start, Instant end, String cost,
      ChargeCategory category, ChargeFrequency frequency) {
    return CostRecord.builder()
        .allCosts(new BigDecimal(cost))
        .billingCurrency(Currency.getInstance("USD"))
        .chargeCategory(category)
        .chargeFrequency(frequency)
        .chargePeriod(start, end)
        .billingPeriod(p)
        .providerName("AWS")
        .billingAccountId("acct-1")
        .subAccountId("sub-1")
        .serviceCategory("Compute");
  }
}
