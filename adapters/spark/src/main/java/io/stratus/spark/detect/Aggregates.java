package io.stratus.spark.detect;

import io.stratus.finops.query.Dimension;
import io.stratus.spark.internal.ExactSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jspecify.annotations.Nullable;

/**
 * The daily aggregates per scope that detection tasks read: one row per scope, currency, UTC day and combination of
 * the columns a cost record needs (provider, billing account, account, service, service category, region, charge
 * category), with the four FOCUS costs summed exactly in any ANSI mode ({@link ExactSum}: three columns per cost from
 * {@link #SUMS} on, then the number of rows at {@link #ROWS}). Stateless.
 */
final class Aggregates {
  static final int DIMENSION = 0;
  static final int VALUE = 1;
  static final int CURRENCY = 2;
  static final int DAY = 3;
  static final int PROVIDER = 4;
  static final int BILLING_ACCOUNT = 5;
  static final int SUB_ACCOUNT = 6;
  static final int SERVICE = 7;
  static final int SERVICE_CATEGORY = 8;
  static final int REGION = 9;
  static final int CHARGE_CATEGORY = 10;
  /** The first of the {@link ExactSum} columns of the costs, three per cost in {@link #COSTS} order. */
  static final int SUMS = 11;
  /** The number of input rows of the aggregate. */
  static final int ROWS = SUMS + 12;

  static final String CHARGE_PERIOD_START = "ChargePeriodStart";
  static final String TAGS = "Tags";
  /** The text columns kept in the aggregates, in order (BillingCurrency first). */
  static final List<String> TEXT = List.of("BillingCurrency", "ProviderName", "BillingAccountId", "SubAccountId",
      "ServiceName", "ServiceCategory", "RegionId", "ChargeCategory");
  /** The cost columns summed, in order. */
  static final List<String> COSTS = List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost");
  /** The built-in dimensions a scope may be defined on: those the aggregates keep. */
  static final Set<Dimension> SCOPE_DIMENSIONS = Set.of(Dimension.PROVIDER, Dimension.BILLING_ACCOUNT,
      Dimension.SUB_ACCOUNT, Dimension.SERVICE, Dimension.SERVICE_CATEGORY, Dimension.REGION,
      Dimension.CHARGE_CATEGORY);

  private Aggregates() {}

  /**
   * Checks that a frame has the columns detection reads, with their types.
   *
   * @throws IllegalArgumentException naming the first missing or mistyped column, its type and the one expected
   */
  static void check(StructType schema, List<Dimension> scopes) {
    require(schema, CHARGE_PERIOD_START, DataTypes.TimestampType, "timestamp");
    for (String c : TEXT) {
      require(schema, c, DataTypes.StringType, "string");
    }
    for (String c : COSTS) {
      require(schema, c, null, "decimal");
    }
    if (scopes.stream().anyMatch(d -> d.tagKey() != null)) {
      require(schema, TAGS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), "map<string,string>");
    }
  }

  private static void require(StructType schema, String name, @Nullable DataType type, String expected) {
    @Nullable StructField f = null;
    for (StructField x : schema.fields()) {
      if (x.name().equals(name)) {
        f = x;
      }
    }
    if (f == null) {
      throw new IllegalArgumentException("cost frame: column " + name + " is missing; per-scope detection needs "
          + expected + " column " + name + " (FOCUS layout); columns present: " + List.of(schema.fieldNames()));
    }
    boolean ok = type == null ? f.dataType() instanceof DecimalType
        : type instanceof MapType m ? f.dataType() instanceof MapType g && g.keyType().equals(m.keyType())
            && g.valueType().equals(m.valueType())
        : f.dataType().equals(type);
    if (!ok) {
      throw new IllegalArgumentException("cost frame: column " + name + " has type " + f.dataType().simpleString()
          + "; it must be " + expected);
    }
  }

  /**
   * The aggregates of every scope of the given dimensions (rows without a value for a dimension, or with a blank one,
   * are in none of its scopes: a scope is named by a non-blank value).
   */
  static Dataset<Row> of(Dataset<Row> costs, List<Dimension> scopes) {
    Column day = functions.expr("CAST(floor(unix_seconds(`" + CHARGE_PERIOD_START + "`) / "
        + ScopeTask.SECONDS_PER_DAY + ") AS BIGINT)").as("day");
    List<Dataset<Row>> parts = new ArrayList<>();
    for (Dimension d : scopes) {
      Column value = d.tagKey() != null ? functions.col(TAGS).getItem(d.tagKey()) : functions.col(d.name());
      List<Column> cols = new ArrayList<>();
      cols.add(functions.lit(d.name()).as("scopeDimension"));
      cols.add(value.as("scopeValue"));
      cols.add(functions.col(TEXT.get(0)));
      cols.add(day);
      for (String c : TEXT.subList(1, TEXT.size())) {
        cols.add(functions.col(c));
      }
      for (String c : COSTS) {
        cols.add(functions.col(c));
      }
      Column scopeValue = functions.col("scopeValue");
      Dataset<Row> one = costs.select(cols.toArray(new Column[0]))
          .where(scopeValue.isNotNull().and(functions.trim(scopeValue).notEqual("")));
      parts.add(one);
    }
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> p : parts.subList(1, parts.size())) {
      all = all.unionAll(p);
    }
    List<Column> keys = keys();
    List<Column> sums = new ArrayList<>();
    for (String c : COSTS) {
      sums.addAll(ExactSum.columns(functions.col(c), c));
    }
    sums.add(functions.count(functions.lit(1)).as("rows"));
    return all.groupBy(keys.toArray(new Column[0]))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]));
  }

  /** The grouping columns, in aggregate order. */
  static List<Column> keys() {
    List<Column> keys = new ArrayList<>();
    keys.add(functions.col("scopeDimension"));
    keys.add(functions.col("scopeValue"));
    keys.add(functions.col(TEXT.get(0)));
    keys.add(functions.col("day"));
    for (String c : TEXT.subList(1, TEXT.size())) {
      keys.add(functions.col(c));
    }
    return keys;
  }
}
