package io.stratus.spark.detect;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Seeded cost records over accounts x services x regions, two records per leaf and day (03:00 and 15:00 UTC), a team
 * tag on most of them, a spike of account a1's service Svc-B on days 80-82, a drop of team blue on days 90-91 and a
 * small EUR account whose team tag is blank every other day (a blank value names no scope); as records for a
 * single-JVM store and as a FOCUS-layout frame.
 */
final class DetectFixtures {
  static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
  static final int DAYS = 100;
  static final Instant UP_TO = START.plusSeconds(86_400L * DAYS);

  static final StructType SCHEMA = schema(DataTypes.createDecimalType(20, 6));

  private DetectFixtures() {}

  /** The FOCUS-layout schema with the given type for the four cost columns. */
  static StructType schema(DataType costType) {
    return new StructType()
        .add("ChargePeriodStart", DataTypes.TimestampType)
        .add("ChargePeriodEnd", DataTypes.TimestampType)
        .add("BillingCurrency", DataTypes.StringType)
        .add("ProviderName", DataTypes.StringType)
        .add("BillingAccountId", DataTypes.StringType)
        .add("SubAccountId", DataTypes.StringType)
        .add("ServiceName", DataTypes.StringType)
        .add("ServiceCategory", DataTypes.StringType)
        .add("RegionId", DataTypes.StringType)
        .add("ChargeCategory", DataTypes.StringType)
        .add("BilledCost", costType)
        .add("EffectiveCost", costType)
        .add("ListCost", costType)
        .add("ContractedCost", costType)
        .add("Tags", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
  }

  static List<CostRecord> records() {
    Random rnd = new Random(7);
    List<CostRecord> out = new ArrayList<>();
    String[] services = {"Svc-A", "Svc-B", "Svc-C"};
    String[] regions = {"us-east-1", "eu-west-1"};
    for (int d = 0; d < DAYS; d++) {
      for (int a = 0; a < 3; a++) {
        for (int s = 0; s < services.length; s++) {
          for (int r = 0; r < regions.length; r++) {
            for (int h : new int[] {3, 15}) {
              double level = (20 + 7 * a + 11 * s + 3 * r) * ((d % 7 == 5 || d % 7 == 6) ? 0.7 : 1.0);
              double v = level * (1 + 0.03 * rnd.nextGaussian());
              if (a == 1 && s == 1 && r == 0 && d >= 80 && d <= 82) {
                v += 400;
              }
              String team = (a + s) % 3 == 0 ? null : (a + s) % 3 == 1 ? "red" : "blue";
              if ("blue".equals(team) && d >= 90 && d <= 91) {
                v *= 0.1;
              }
              out.add(record("USD", "a" + a, services[s], regions[r], team, d, h, v, 0.9));
            }
          }
        }
      }
      out.add(record("EUR", "eu-1", "Svc-A", "eu-west-1", d % 2 == 0 ? "red" : " ", d, 12,
          15 * (1 + 0.05 * rnd.nextGaussian()), 1));
    }
    return out;
  }

  /** One USD record of account {@code account}, service Svc-A, on day {@code day} at noon, all four costs equal. */
  static CostRecord daily(String account, int day, BigDecimal cost) {
    Instant start = START.plusSeconds(86_400L * day + 3600L * 12);
    return CostRecord.builder().billedCost(cost).effectiveCost(cost).listCost(cost).contractedCost(cost)
        .billingCurrency(Currency.getInstance("USD")).chargeCategory(ChargeCategory.USAGE)
        .chargePeriod(start, start.plusSeconds(3600))
        .billingPeriod(BillingPeriod.of(YearMonth.from(start.atZone(ZoneOffset.UTC)))).providerName("AWS")
        .billingAccountId("payer-USD").subAccountId(account).serviceName("Svc-A").serviceCategory("Compute")
        .regionId("us-east-1").build();
  }

  private static CostRecord record(String currency, String account, String service, String region, String team,
      int day, int hour, double cost, double effectiveShare) {
    Instant start = START.plusSeconds(86_400L * day + 3600L * hour);
    BigDecimal billed = BigDecimal.valueOf(Math.max(0, cost)).setScale(4, RoundingMode.HALF_EVEN);
    CostRecord.Builder b = CostRecord.builder()
        .billedCost(billed)
        .effectiveCost(billed.multiply(BigDecimal.valueOf(effectiveShare)).setScale(6, RoundingMode.HALF_EVEN))
        .listCost(billed.multiply(BigDecimal.valueOf(1.25)).setScale(6, RoundingMode.HALF_EVEN))
        .contractedCost(billed)
        .billingCurrency(Currency.getInstance(currency))
        .chargeCategory(ChargeCategory.USAGE)
        .chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargePeriod(start, start.plusSeconds(3600))
        .billingPeriod(BillingPeriod.of(YearMonth.from(start.atZone(ZoneOffset.UTC))))
        .providerName("AWS")
        .billingAccountId("payer-" + currency)
        .subAccountId(account)
        .serviceName(service)
        .serviceCategory("Compute")
        .regionId(region)
        .resourceId("r-" + account + "-" + service + "-" + region);
    if (team != null) {
      b.tag("team", team);
    }
    return b.build();
  }

  static CostStore store(List<CostRecord> records) {
    CostStore store = CostStore.inMemory();
    try (CostStore.Appender a = store.appender("test")) {
      records.forEach(a);
    }
    return store;
  }

  static Dataset<Row> frame(SparkSession spark, List<CostRecord> records) {
    return frame(spark, records, SCHEMA);
  }

  /** The records as a frame of {@link #schema(DataType)}: costs of a finer type keep every digit. */
  static Dataset<Row> frame(SparkSession spark, List<CostRecord> records, StructType schema) {
    List<Row> rows = new ArrayList<>();
    for (CostRecord r : records) {
      rows.add(RowFactory.create(Timestamp.from(r.chargePeriodStart()), Timestamp.from(r.chargePeriodEnd()),
          r.billingCurrency().getCurrencyCode(), r.providerName(), r.billingAccountId(), r.subAccountId(),
          r.serviceName(), r.serviceCategory(), r.regionId(), r.chargeCategory().focusValue(), r.billedCost(),
          r.effectiveCost(), r.listCost(), r.contractedCost(), r.tags()));
    }
    return spark.createDataFrame(rows, schema);
  }
}
