package io.stratus.spark.billing;

import io.stratus.finops.attribution.AttributionReport;
import io.stratus.finops.attribution.Attributor;
import io.stratus.finops.focus.Amortizer;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusDecimals;
import io.stratus.finops.query.CostMetric;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apiguardian.api.API;
import scala.Tuple2;

/**
 * Amortization and attribution over FOCUS Parquet on Spark, with the finops code itself: {@link #amortize} runs
 * finops' {@link Amortizer} once per commitment ({@code CommitmentDiscountId}) in its own task, over the billing
 * periods of the whole input, and {@link #attribute} runs an {@link Attributor}'s {@link Attributor.Tally} per task
 * and reports the tallies together on the driver. Both give what the single-JVM calls give on the same records
 * ({@link Amortizer#amortize(java.util.List)} and {@link Attributor#attribute(java.util.Collection, CostMetric)}):
 * the same records, amounts and commitment utilization, in any partitioning.
 *
 * <p>Input and output frames have the {@link FocusParquet} layout (e.g. {@code spark.read().parquet(dir)} of a
 * {@link NormalizeJob} output). Order: a commitment's records are amortized in {@code (x_SourceFile,
 * x_RecordIndex)} order, which is the single-JVM input order when the files are read in path order.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostAllocation {
  /** The {@code x_SourceFile} prefix of the unused-commitment charges amortization adds. */
  public static final String AMORTIZATION_SOURCE = "stratus:amortization/";

  private CostAllocation() {}

  /**
   * The amortized records and the utilization of each commitment: what {@link Amortizer.Result} holds, with the
   * records as a frame.
   *
   * @param records the amortized frame, {@link FocusParquet#schema()}: the input records, amortized, and the
   *     unused-commitment charges (see {@link CostAllocation#amortize})
   * @param utilization per commitment and billing period, the figures of {@link Amortizer.Result#utilization()}, in
   *     {@code (commitmentDiscountId, period)} order
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Amortization(Dataset<Row> records, List<Amortizer.Utilization> utilization) {
    /**
     * Copies the utilization list.
     *
     * @throws NullPointerException if a component is null
     */
    public Amortization {
      Objects.requireNonNull(records, "records");
      utilization = List.copyOf(utilization);
    }
  }

  /**
   * Amortizes commitment discounts: the records of each commitment go through {@link Amortizer#amortize(java.util.List,
   * java.util.Collection)} in one task; records without a commitment pass unchanged. The unused-commitment charges
   * the amortizer adds keep the {@code x_Source} of the commitment's first purchase and get {@code x_SourceFile =}
   * {@value #AMORTIZATION_SOURCE}{@code <CommitmentDiscountId>} and {@code x_RecordIndex} their position among that
   * commitment's charges.
   *
   * <p>Eager for the figures: runs two Spark jobs now, one collecting the billing periods, one amortizing each
   * commitment and collecting its utilization (one figure per commitment and billing period) to the driver. Each
   * commitment's amortized records are cached along (in memory), so using the records frame does not amortize again
   * (a partition evicted from the cache is amortized again when used); Spark's context cleaner drops that cache once
   * the frame is no longer referenced.
   *
   * @param focus a FOCUS Parquet frame; never null
   * @return the amortized frame and the commitments' utilization; never null
   * @throws IllegalArgumentException if a money or quantity column does not convert exactly to {@code DECIMAL(38,
   *     18)} (a finer decimal, a double), naming the column, its type and the remedy
   */
  public static Amortization amortize(Dataset<Row> focus) {
    Objects.requireNonNull(focus, "focus");
    Dataset<Row> in = conform(focus);
    List<long[]> periods = new ArrayList<>();
    for (Row r : in.select("BillingPeriodStart", "BillingPeriodEnd").distinct().collectAsList()) {
      periods.add(new long[] {instant(r.get(0)).getEpochSecond(), instant(r.get(1)).getEpochSecond()});
    }
    periods.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
    int id = in.schema().fieldIndex("CommitmentDiscountId");
    JavaRDD<Row> plain = in.filter(functions.col("CommitmentDiscountId").isNull()).javaRDD();
    JavaRDD<Tuple2<List<Row>, List<Row>>> groups = in.filter(functions.col("CommitmentDiscountId").isNotNull())
        .javaRDD()
        .groupBy(r -> r.getString(id))
        .map((Tuple2<String, Iterable<Row>> group) -> amortizeGroup(group._1(), group._2(), periods))
        .cache();
    List<Amortizer.Utilization> utilization = new ArrayList<>();
    for (Row u : groups.flatMap(g -> g._2().iterator()).collect()) {
      utilization.add(new Amortizer.Utilization(u.getString(0), new BillingPeriod((Instant) u.get(1),
          (Instant) u.get(2)), u.getDecimal(3), u.getDecimal(4), u.getDecimal(5), u.getDecimal(6)));
    }
    utilization.sort(Comparator.comparing(Amortizer.Utilization::commitmentDiscountId)
        .thenComparing(Amortizer.Utilization::period));
    Dataset<Row> records = in.sparkSession()
        .createDataFrame(plain.union(groups.flatMap(g -> g._1().iterator())), FocusParquet.schema());
    return new Amortization(records, utilization);
  }

  /**
   * Attributes cost to owners: each task adds its records to a tally of {@code attributor}'s rules (rules on the
   * {@code Source} dimension see {@code x_Source}), and the driver reports the tallies together (shared costs split
   * there). The attributor is made by {@code attributor} in each task, so its rules need not be serializable; a
   * lambda is enough.
   *
   * @param focus a FOCUS Parquet frame; never null
   * @param attributor makes the attributor, the same rules every call; never null
   * @param metric which cost is attributed; never null
   * @return the report; never null
   * @throws IllegalArgumentException if a money or quantity column does not convert exactly to {@code DECIMAL(38,
   *     18)} (a finer decimal, a double), naming the column, its type and the remedy
   */
  public static AttributionReport attribute(Dataset<Row> focus, Function0<Attributor> attributor, CostMetric metric) {
    Objects.requireNonNull(focus, "focus");
    Objects.requireNonNull(attributor, "attributor");
    Objects.requireNonNull(metric, "metric");
    Dataset<Row> in = conform(focus);
    int source = in.schema().fieldIndex(FocusParquet.SOURCE);
    List<Attributor.Tally> tallies = in.javaRDD().mapPartitions(rows -> {
      Attributor.Tally t = attributor.call().tally(metric);
      rows.forEachRemaining(r -> t.add(r.getString(source), FocusParquet.toRecord(r)));
      return List.of(t).iterator();
    }).collect();
    try {
      return attributor.call().report(tallies.isEmpty() ? List.of(attributor.call().tally(metric)) : tallies);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the attributor factory failed: " + e.getMessage(), e);
    }
  }

  /** One commitment's amortized records (as FOCUS Parquet rows) and utilization (as rows of its components). */
  private static Tuple2<List<Row>, List<Row>> amortizeGroup(String commitment, Iterable<Row> rows,
      List<long[]> periods) {
    List<Row> sorted = new ArrayList<>();
    rows.forEach(sorted::add);
    sorted.sort(Comparator.comparing((Row r) -> r.getString(r.fieldIndex(FocusParquet.SOURCE_FILE)))
        .thenComparingLong(r -> r.getLong(r.fieldIndex(FocusParquet.RECORD_INDEX))));
    List<CostRecord> records = new ArrayList<>();
    sorted.forEach(r -> records.add(FocusParquet.toRecord(r)));
    List<BillingPeriod> all = new ArrayList<>();
    periods.forEach(p -> all.add(new BillingPeriod(Instant.ofEpochSecond(p[0]), Instant.ofEpochSecond(p[1]))));
    Amortizer.Result amortized = Amortizer.amortize(records, all);
    List<CostRecord> out = amortized.records();
    List<Row> result = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      if (i < sorted.size()) {
        Row r = sorted.get(i);
        result.add(FocusParquet.toRow(out.get(i), r.getString(r.fieldIndex(FocusParquet.SOURCE)),
            r.getString(r.fieldIndex(FocusParquet.SOURCE_FILE)), r.getLong(r.fieldIndex(FocusParquet.RECORD_INDEX))));
      } else {
        result.add(FocusParquet.toRow(out.get(i), firstSource(sorted), AMORTIZATION_SOURCE + commitment,
            i - sorted.size()));
      }
    }
    List<Row> utilization = new ArrayList<>();
    for (Amortizer.Utilization u : amortized.utilization()) {
      utilization.add(RowFactory.create(u.commitmentDiscountId(), u.period().start(), u.period().end(), u.fee(),
          u.usedFraction(), u.amortized(), u.unused()));
    }
    return new Tuple2<>(result, utilization);
  }

  private static String firstSource(List<Row> rows) {
    for (Row r : rows) {
      if ("Purchase".equals(r.getString(r.fieldIndex("ChargeCategory")))) {
        return r.getString(r.fieldIndex(FocusParquet.SOURCE));
      }
    }
    return rows.get(0).getString(rows.get(0).fieldIndex(FocusParquet.SOURCE));
  }

  /**
   * The frame's columns in {@link FocusParquet#schema()} order and types (a partition column may be inferred). A
   * money or quantity column must already fit {@code DECIMAL(38, 18)} exactly: a cast would round a finer decimal
   * half-up, a double to its binary value, and turn a value beyond the range into NULL, all silently.
   *
   * @throws IllegalArgumentException naming a decimal column of another type, the type and the remedy
   */
  private static Dataset<Row> conform(Dataset<Row> focus) {
    for (StructField f : FocusParquet.schema().fields()) {
      if (f.dataType() instanceof DecimalType) {
        DataType t = focus.schema().apply(f.name()).dataType();
        boolean exact = t instanceof DecimalType d ? d.scale() <= FocusDecimals.SCALE
            && d.precision() - d.scale() <= FocusParquet.PRECISION - FocusDecimals.SCALE
            : t instanceof IntegerType || t instanceof LongType || t instanceof ShortType || t instanceof ByteType;
        if (!exact) {
          throw new IllegalArgumentException("FOCUS frame: column " + f.name() + " has type " + t.simpleString()
              + "; amortization and attribution read it as decimal(38,18) (FocusParquet) and refuse a type that"
              + " does not convert exactly; convert it first, e.g. CAST(bround(" + f.name()
              + ", 18) AS DECIMAL(38, 18)) (FocusDecimals' half-even rule), or read the job's FOCUS Parquet");
        }
      }
    }
    List<Column> cols = new ArrayList<>();
    for (StructField f : FocusParquet.schema().fields()) {
      // the map column as read (its value nullability may differ, which a cast refuses); the rest cast
      cols.add(f.dataType() instanceof MapType ? functions.col(f.name())
          : functions.col(f.name()).cast(f.dataType()).as(f.name()));
    }
    return focus.select(cols.toArray(new Column[0]));
  }

  private static Instant instant(Object v) {
    return v instanceof Instant ? (Instant) v : ((Timestamp) v).toInstant();
  }
}
