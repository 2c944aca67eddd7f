package io.stratus.spark.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.stratus.finops.query.CostDelta;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostQueryResult;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.spark.billing.FocusParquet;
import io.stratus.spark.internal.ExactSum;
import io.stratus.spark.internal.Unrepresentable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apiguardian.api.API;

/**
 * Runs finops {@link CostQuery}s as Spark SQL over FOCUS Parquet (as {@link io.stratus.spark.billing.NormalizeJob}
 * writes it, see {@link FocusParquet}) and returns the types, rows and order of the in-memory
 * {@link io.stratus.finops.spi.CostStore}: the time range selects on ChargePeriodStart ({@code from} inclusive,
 * {@code to} exclusive); filters keep the records whose dimension value is one of the given values; rows are one per
 * group key, time bucket (UTC hours, days or calendar months) and currency, ordered by bucket, key (nulls first) and
 * currency, or, with {@code top(n)}, the n largest amounts. Sums are exact in any ANSI mode, as the in-memory store's:
 * a sum beyond {@code DECIMAL(38, 18)} (10^20 or more) is returned with every digit, never as an overflow error, a
 * NULL or zero (Spark SQL sums each value's integer part and fraction apart; only a group of more than 10^10 records
 * could exceed that, and then the query fails with an {@link io.stratus.spark.AmountNotRepresentableException}
 * naming the groups). A missing metric value counts as zero, its record still counted. A tag dimension reads {@code Tags[key]}; {@link Dimension#SOURCE}
 * reads {@code x_Source}. Drill-down is a filter on the dimension followed plus a group-by on the next one.
 *
 * <p>Thread-safe as its {@link Dataset} is: queries may run concurrently.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SparkCostQueries {
  private static final Map<CostMetric, String> METRIC_COLUMNS =
      Map.of(
          CostMetric.BILLED, "BilledCost",
          CostMetric.EFFECTIVE, "EffectiveCost",
          CostMetric.LIST, "ListCost",
          CostMetric.CONTRACTED, "ContractedCost",
          CostMetric.CONSUMED_QUANTITY, "ConsumedQuantity");

  private final Dataset<Row> focus;

  private SparkCostQueries(Dataset<Row> focus) {
    this.focus = focus;
  }

  /**
   * Queries over the FOCUS Parquet under a directory.
   *
   * @param spark the session; never null
   * @param path the directory NormalizeJob wrote; never null
   * @return the queries; never null
   */
  public static SparkCostQueries parquet(SparkSession spark, String path) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(path, "path");
    return new SparkCostQueries(spark.read().parquet(path));
  }

  /**
   * Queries over a data set with the columns of {@link FocusParquet#schema()} (e.g. a catalog table).
   *
   * @param focus the data set; never null
   * @return the queries; never null
   */
  public static SparkCostQueries of(Dataset<Row> focus) {
    return new SparkCostQueries(Objects.requireNonNull(focus, "focus"));
  }

  /**
   * Runs a query.
   *
   * @param q the query; never null
   * @return the result, as {@link io.stratus.finops.spi.CostStore#query} returns it; never null
   * @throws io.stratus.spark.AmountNotRepresentableException if Spark cannot sum a group's values exactly (see the
   *     class description)
   */
  public CostQueryResult query(CostQuery q) {
    Objects.requireNonNull(q, "query");
    Column start = col("ChargePeriodStart");
    Dataset<Row> d = focus;
    if (q.from() != null) {
      d = d.where(start.geq(lit(Timestamp.from(q.from()))));
    }
    if (q.to() != null) {
      d = d.where(start.lt(lit(Timestamp.from(q.to()))));
    }
    for (Map.Entry<Dimension, Set<String>> f : q.filters().entrySet()) {
      d = d.where(in(dimension(f.getKey()), f.getValue()));
    }
    List<Column> keys = new ArrayList<>();
    for (int i = 0; i < q.groupBy().size(); i++) {
      keys.add(dimension(q.groupBy().get(i)).as("k" + i));
    }
    keys.add(col("BillingCurrency").as("currency"));
    keys.add(bucket(q.granularity()).as("bucket"));
    String metric = Objects.requireNonNull(METRIC_COLUMNS.get(q.metric()), "metric column");
    List<Column> sums = new ArrayList<>(ExactSum.columns(col(metric), "amount"));
    sums.add(count(lit(1)).as("records"));
    Dataset<Row> grouped = d.groupBy(keys.toArray(new Column[0]))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]));
    if (q.limit() > 0) {
      List<Column> order = new ArrayList<>();
      // integer part then fraction in [0, 1): the order of the totals; a sum Spark could not compute first
      order.add(col("amount_int").desc_nulls_first());
      order.add(col("amount_frac").desc_nulls_first());
      order.add(col("bucket").asc_nulls_first());
      for (int i = 0; i < q.groupBy().size(); i++) {
        order.add(col("k" + i).asc_nulls_first());
      }
      order.add(col("currency").asc());
      grouped = grouped.orderBy(order.toArray(new Column[0])).limit(q.limit());
    }
    List<CostRow> rows = new ArrayList<>();
    Unrepresentable unsummed = new Unrepresentable();
    for (Row r : grouped.collectAsList()) {
      String[] key = new String[q.groupBy().size()];
      for (int i = 0; i < key.length; i++) {
        key[i] = r.getString(r.fieldIndex("k" + i));
      }
      Object b = r.get(r.fieldIndex("bucket"));
      Instant bucketStart = b == null ? null : q.granularity().start(((Number) b).longValue());
      String currency = r.getString(r.fieldIndex("currency"));
      long records = r.getLong(r.fieldIndex("records"));
      BigDecimal amount = ExactSum.total(r, r.fieldIndex("amount_int"));
      if (amount == null) {
        unsummed.add(metric, "group " + Arrays.asList(key) + " " + currency + (bucketStart == null ? ""
            : " from " + bucketStart) + " of " + records + " records", null, "Spark cannot sum these values"
            + " exactly: the sum of their integer parts exceeds 38 digits; no cost of a real bill does: look for a"
            + " wrong unit or a parse error in them");
      } else {
        rows.add(new CostRow(Arrays.asList(key), bucketStart, Currency.getInstance(currency), amount, records));
      }
    }
    unsummed.throwIfAny();
    if (q.limit() > 0) {
      rows.sort(Comparator.comparing(CostRow::amount).reversed().thenComparing(CostRow.RESULT_ORDER));
    } else {
      rows.sort(CostRow.RESULT_ORDER);
    }
    return new CostQueryResult(q, rows);
  }

  /**
   * Compares two adjacent periods per group key and currency, as {@link
   * io.stratus.finops.spi.CostStore#periodOverPeriod} does: the query's filters, group-by and metric over
   * [previousFrom, currentFrom) and [currentFrom, currentTo), ordered by the absolute change, largest first.
   *
   * @param query the filters, group-by and metric (its range, granularity and top are ignored); never null
   * @param previousFrom start of the previous period; never null
   * @param currentFrom start of the current period (end of the previous); never null
   * @param currentTo end of the current period; never null
   * @return the deltas; never null
   */
  public List<CostDelta> periodOverPeriod(CostQuery query, Instant previousFrom, Instant currentFrom,
      Instant currentTo) {
    CostQuery.Builder base = query.toBuilder().granularity(Granularity.TOTAL).top(0);
    CostQueryResult prev = query(base.between(previousFrom, currentFrom).build());
    CostQueryResult cur = query(base.between(currentFrom, currentTo).build());
    Map<List<Object>, CostDelta> joined = new LinkedHashMap<>();
    for (int side = 0; side < 2; side++) {
      boolean current = side == 1;
      for (CostRow r : (current ? cur : prev).rows()) {
        List<Object> k = new ArrayList<>(r.key());
        k.add(r.currency());
        CostDelta was = joined.get(k);
        BigDecimal p = was == null ? BigDecimal.ZERO : was.previous();
        joined.put(k, new CostDelta(r.key(), r.currency(), current ? p : r.amount(), current ? r.amount() : p));
      }
    }
    List<CostDelta> out = new ArrayList<>(joined.values());
    out.sort((a, b) -> b.change().abs().compareTo(a.change().abs()));
    return out;
  }

  private static Column dimension(Dimension d) {
    if (d.tagKey() != null) {
      return functions.try_element_at(col("Tags"), lit(d.tagKey()));
    }
    if (d.equals(Dimension.SOURCE)) {
      return col(FocusParquet.SOURCE);
    }
    return col(d.name());
  }

  private static Column in(Column c, Set<String> values) {
    List<Object> nonNull = new ArrayList<>();
    boolean nulls = false;
    for (String v : values) {
      if (v == null) {
        nulls = true;
      } else {
        nonNull.add(v);
      }
    }
    Column match = nonNull.isEmpty() ? lit(false) : c.isin(nonNull.toArray());
    return nulls ? match.or(c.isNull()) : match;
  }

  /** The time bucket number of {@link Granularity#bucket}, computed in UTC whatever the session time zone. */
  private static Column bucket(Granularity g) {
    Column seconds = functions.unix_seconds(col("ChargePeriodStart"));
    switch (g) {
      case HOUR:
        return functions.floor(seconds.divide(3600));
      case DAY:
        return functions.floor(seconds.divide(86400));
      case MONTH:
        Column day = functions.date_from_unix_date(functions.floor(seconds.divide(86400)).cast("int"));
        return functions.year(day).minus(1970).multiply(12).plus(functions.month(day)).minus(1).cast("long");
      default:
        return lit(null).cast("long");
    }
  }
}
