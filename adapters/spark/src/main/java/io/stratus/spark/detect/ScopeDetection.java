package io.stratus.spark.detect;

import io.stratus.finops.focus.FocusDecimals;
import io.stratus.finops.forecast.ForecastOptions;
import io.stratus.finops.query.Dimension;
import io.stratus.spark.AmountNotRepresentableException;
import io.stratus.spark.internal.Unrepresentable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Cost anomaly detection and forecasting for every scope at once on Spark: each value of each configured dimension
 * (an account, a service, a team tag...) is one scope, and every scope runs the finops module's own {@link
 * io.stratus.finops.anomaly.CostAnomalyMonitor} (daily buckets, default detector, root causes down provider →
 * account → service → region) and {@link io.stratus.finops.forecast.CostPredictor} inside a Spark task.
 *
 * <p><b>How.</b> Spark SQL sums the four FOCUS costs per scope, currency, UTC day and the columns a cost record needs
 * (provider, billing account, account, service, service category, region, charge category), exactly in either ANSI
 * mode (each value's integer part and fraction summed apart, so a sum beyond {@code DECIMAL(38, 18)} neither fails
 * in Spark nor becomes NULL); the aggregates are partitioned by scope and sorted, and each task loads every scope of
 * its partition into an in-memory {@link io.stratus.finops.spi.CostStore} and runs the monitor and the predictor
 * there. Every query they make filters on the scope and groups by day and by those columns, so they see the same sums
 * as on a store holding every record: the anomalies and forecasts are those of the single-JVM code on the same records
 * (root-cause shares to the last few bits of a double, whose sums may add in another order). One scope's aggregates
 * must fit in a task's memory: about one row per day and drill-down combination, not per record. The output rows go
 * through one more shuffle (see "Amounts"), small next to the input's.
 *
 * <p><b>Input.</b> A frame in the FOCUS layout (e.g. the FOCUS Parquet of the billing job) with {@code
 * ChargePeriodStart} (timestamp), {@code BillingCurrency}, {@code ProviderName}, {@code BillingAccountId}, {@code
 * SubAccountId}, {@code ServiceName}, {@code ServiceCategory}, {@code RegionId}, {@code ChargeCategory} (strings),
 * {@code BilledCost}, {@code EffectiveCost}, {@code ListCost}, {@code ContractedCost} (decimals) and, for tag
 * scopes, {@code Tags} (map of string to string). Rows without a value for a scope's dimension (null or blank) belong
 * to no scope of it.
 *
 * <p><b>Output.</b> {@link #anomalies} and {@link #forecasts} return frames of {@link #ANOMALY_SCHEMA} and {@link
 * #FORECAST_SCHEMA}, computed when the host writes or collects them; a task that fails is recomputed by Spark from
 * its input, and Spark's file commit keeps only one attempt's output, so a retried task duplicates nothing.
 *
 * <p><b>Amounts.</b> The money columns are {@code DECIMAL(38, 18)}, the scale of finops' {@link
 * io.stratus.finops.focus.FocusDecimals} and of the billing job's FOCUS Parquet. Two kinds of amount go into them:
 * <ul>
 *   <li><i>exact sums</i> of the input's costs, {@code actual} (anomalies) and {@code actualToDate} (forecasts): never
 *       rounded. Their places are those of the input's cost columns, so they fit whenever the input has at most 18
 *       (the FOCUS Parquet always does); a sum with a non-zero digit beyond 18 places (input of a finer decimal type,
 *       e.g. {@code DECIMAL(38, 28)}) is refused. Round such input to 18 places half-even first (finops' rule; in
 *       Spark SQL {@code CAST(bround(c, 18) AS DECIMAL(38, 18))}).
 *   <li><i>estimates</i>, {@code expected} and {@code impact} (actual minus expected) of anomalies, {@code expected},
 *       {@code lower80}, {@code upper80}, {@code lower95} and {@code upper95} of forecasts: rounded to the column's
 *       18 places {@link java.math.RoundingMode#HALF_EVEN} ({@link
 *       io.stratus.finops.focus.FocusDecimals#toStoredScale(BigDecimal)}). finops already rounds expected values and
 *       bands to the currency's minor unit, so only an {@code impact} carrying a finer {@code actual} has more places.
 * </ul>
 * Any output amount of 10^20 or more in magnitude (21 digits before the point) is refused too, and so is a scope
 * whose input cannot become finops cost records: a day's sum (per drill-down combination) of 10^20 or more, a sum
 * Spark cannot compute exactly (integer parts beyond 38 digits: an input type with more than 27 digits before the
 * point, or more than 10^10 rows in one day), or a cost that is null on some row (FOCUS requires all four). Nothing
 * of that becomes a NULL, a zero or a rounded value, whatever {@code spark.sql.ansi.enabled} says: the tasks compute
 * every scope, collect what they refuse, and the job fails once with an {@link AmountNotRepresentableException} that
 * counts them all and lists the first {@value AmountNotRepresentableException#LISTED} (ordered by row: scope and day,
 * or output row; then column), each with its column, row, value and rule.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScopeDetection {
  /**
   * The anomalies frame: one row per anomaly (its full extent) of a scope and currency. Columns: {@code
   * scopeDimension} (e.g. {@code SubAccountId}, {@code tag:team}), {@code scopeValue}, {@code currency}, {@code
   * anomalyId} ({@code <dimension>=<value>/<currency>-<n>}), {@code direction} (INCREASE, DECREASE), {@code start}
   * and {@code lastBucket} (UTC day starts), {@code buckets}, {@code actual} (the exact cost over the anomaly's
   * days), {@code expected} and {@code impact} (estimates: the expected cost and actual minus expected; all three
   * decimal(38,18), see "Amounts" above), {@code rootCause} (the top root cause's path, null when none) and {@code
   * rootCauseShare}.
   */
  public static final StructType ANOMALY_SCHEMA = new StructType()
      .add("scopeDimension", DataTypes.StringType, false)
      .add("scopeValue", DataTypes.StringType, false)
      .add("currency", DataTypes.StringType, false)
      .add("anomalyId", DataTypes.StringType, false)
      .add("direction", DataTypes.StringType, false)
      .add("start", DataTypes.TimestampType, false)
      .add("lastBucket", DataTypes.TimestampType, false)
      .add("buckets", DataTypes.IntegerType, false)
      .add("actual", amountType(), false)
      .add("expected", amountType(), false)
      .add("impact", amountType(), false)
      .add("rootCause", DataTypes.StringType, true)
      .add("rootCauseShare", DataTypes.DoubleType, true);

  /**
   * The forecasts frame: one row per forecast period (the current month, the current quarter, then each month
   * ahead) of a scope and currency, or one row whose {@code unavailable} column says why the scope has no forecast
   * (too little history) with the forecast columns null. Columns: {@code scopeDimension}, {@code scopeValue}, {@code
   * currency}, {@code asOf} (the forecast day), {@code model}, {@code historyDays}, {@code period} (e.g. {@code
   * 2026-03}, {@code 2026-Q1}), {@code periodFrom}, {@code periodTo} (exclusive), {@code actualToDate} (the exact
   * cost of the period's days before {@code asOf}), {@code expected}, {@code lower80}, {@code upper80}, {@code
   * lower95}, {@code upper95} (estimates of the period's total; all six decimal(38,18), see "Amounts"), the backtest's
   * {@code dailyMape}, {@code totalMape}, {@code coverage80}, {@code coverage95}, and {@code unavailable}.
   */
  public static final StructType FORECAST_SCHEMA = new StructType()
      .add("scopeDimension", DataTypes.StringType, false)
      .add("scopeValue", DataTypes.StringType, false)
      .add("currency", DataTypes.StringType, false)
      .add("asOf", DataTypes.DateType, false)
      .add("model", DataTypes.StringType, true)
      .add("historyDays", DataTypes.IntegerType, true)
      .add("period", DataTypes.StringType, true)
      .add("periodFrom", DataTypes.DateType, true)
      .add("periodTo", DataTypes.DateType, true)
      .add("actualToDate", amountType(), true)
      .add("expected", amountType(), true)
      .add("lower80", amountType(), true)
      .add("upper80", amountType(), true)
      .add("lower95", amountType(), true)
      .add("upper95", amountType(), true)
      .add("dailyMape", DataTypes.DoubleType, true)
      .add("totalMape", DataTypes.DoubleType, true)
      .add("coverage80", DataTypes.DoubleType, true)
      .add("coverage95", DataTypes.DoubleType, true)
      .add("unavailable", DataTypes.StringType, true);

  private final List<Dimension> scopes;
  private final Settings settings;

  private ScopeDetection(List<Dimension> scopes, Settings settings) {
    this.scopes = scopes;
    this.settings = settings;
  }

  private static DataType amountType() {
    return DataTypes.createDecimalType(ScopeTask.PRECISION, FocusDecimals.SCALE);
  }

  /**
   * Starts a builder.
   *
   * @return a builder with no scopes, no minimum impact, no months ahead and the default forecast options; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The anomalies of every scope, judged day by day from the history start up to the end of the data.
   *
   * @param costs the cost rows in the FOCUS layout (see the class description); never null
   * @return a frame of {@link #ANOMALY_SCHEMA}, computed lazily (amounts that cannot be stored fail the Spark job
   *     that computes it, with one {@link AmountNotRepresentableException} listing them as the cause); never null
   * @throws NullPointerException if costs is null
   * @throws IllegalArgumentException if a column is missing or has another type (named in the message)
   */
  public Dataset<Row> anomalies(Dataset<Row> costs) {
    return run(costs, ScopeTask.Kind.ANOMALIES, ANOMALY_SCHEMA);
  }

  /**
   * The forecast of every scope as of the end of the data (its UTC day).
   *
   * @param costs the cost rows in the FOCUS layout (see the class description); never null
   * @return a frame of {@link #FORECAST_SCHEMA}, computed lazily (amounts that cannot be stored fail the Spark job
   *     that computes it, with one {@link AmountNotRepresentableException} listing them as the cause); never null
   * @throws NullPointerException if costs is null
   * @throws IllegalArgumentException if a column is missing or has another type (named in the message)
   */
  public Dataset<Row> forecasts(Dataset<Row> costs) {
    return run(costs, ScopeTask.Kind.FORECASTS, FORECAST_SCHEMA);
  }

  private Dataset<Row> run(Dataset<Row> costs, ScopeTask.Kind kind, StructType schema) {
    Objects.requireNonNull(costs, "costs");
    Aggregates.check(costs.schema(), scopes);
    List<Column> keys = Aggregates.keys();
    Dataset<Row> sorted = Aggregates.of(costs, scopes)
        .repartition(keys.get(Aggregates.DIMENSION), keys.get(Aggregates.VALUE))
        .sortWithinPartitions(keys.toArray(new Column[0]));
    Settings s = settings;
    JavaRDD<Object> computed = sorted.javaRDD().mapPartitions(rows -> {
      ScopeTask.Result r = ScopeTask.run(s, kind, rows);
      List<Object> out = new ArrayList<>(r.rows());
      out.add(r.unrepresentable());
      return out.iterator();
    });
    return costs.sparkSession().createDataFrame(Unrepresentable.barrier(computed), schema);
  }

  @Override
  public String toString() {
    return "ScopeDetection[scopes=" + scopes + ", from " + settings.historyStart + " to " + settings.upTo + "]";
  }

  /**
   * Builds a {@link ScopeDetection}. Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final List<Dimension> scopes = new ArrayList<>();
    private @Nullable Instant historyStart;
    private @Nullable Instant upTo;
    private BigDecimal minImpact = BigDecimal.ZERO;
    private int monthsAhead;
    private ForecastOptions forecastOptions = ForecastOptions.defaults();

    private Builder() {}

    /**
     * The dimensions whose every value is a scope: {@code Dimension.PROVIDER}, {@code BILLING_ACCOUNT}, {@code
     * SUB_ACCOUNT}, {@code SERVICE}, {@code SERVICE_CATEGORY}, {@code REGION}, {@code CHARGE_CATEGORY} or a tag
     * ({@code Dimension.tag("team")}). Adds to the ones given before.
     *
     * @param dimensions the dimensions; never null, no repeats
     * @return this builder; never null
     * @throws IllegalArgumentException if a dimension is not supported or repeats
     */
    public Builder scopes(Collection<Dimension> dimensions) {
      for (Dimension d : List.copyOf(Objects.requireNonNull(dimensions, "scopeDetection.scopes"))) {
        if (d.tagKey() == null && !Aggregates.SCOPE_DIMENSIONS.contains(d)) {
          throw new IllegalArgumentException("scopeDetection.scopes: " + d + " is not supported; use a tag or one of "
              + "ProviderName, BillingAccountId, SubAccountId, ServiceName, ServiceCategory, RegionId, "
              + "ChargeCategory");
        }
        if (scopes.contains(d)) {
          throw new IllegalArgumentException("scopeDetection.scopes repeats " + d);
        }
        scopes.add(d);
      }
      return this;
    }

    /**
     * The first day the monitors judge (the baseline needs {@value
     * io.stratus.finops.anomaly.CostAnomalyMonitor#CYCLES} weeks of it before the first anomaly can be raised).
     *
     * @param value the start, at a UTC day start; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if not at a UTC day start
     */
    public Builder historyStart(Instant value) {
      this.historyStart = day("historyStart", value);
      return this;
    }

    /**
     * The end of the complete data: monitors judge the days before it, forecasts are made as of its day.
     *
     * @param value the end, at a UTC day start; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if not at a UTC day start
     */
    public Builder upTo(Instant value) {
      this.upTo = day("upTo", value);
      return this;
    }

    /**
     * The smallest deviation in money worth an anomaly (see {@link
     * io.stratus.finops.anomaly.CostAnomalyMonitor.Builder#minImpact}).
     *
     * @param value a non-negative amount in each scope's currency; never null
     * @return this builder; never null
     * @throws IllegalArgumentException if negative
     */
    public Builder minImpact(BigDecimal value) {
      Objects.requireNonNull(value, "scopeDetection.minImpact");
      if (value.signum() < 0) {
        throw new IllegalArgumentException("scopeDetection.minImpact must be >= 0, got " + value);
      }
      this.minImpact = value;
      return this;
    }

    /**
     * Whole months forecast after the current one.
     *
     * @param value in {@code [0, 24]}
     * @return this builder; never null
     * @throws IllegalArgumentException if out of range
     */
    public Builder monthsAhead(int value) {
      if (value < 0 || value > 24) {
        throw new IllegalArgumentException("scopeDetection.monthsAhead must be in [0, 24], got " + value);
      }
      this.monthsAhead = value;
      return this;
    }

    /**
     * The forecast settings (history, seasons, backtest, metric).
     *
     * @param value the options; never null
     * @return this builder; never null
     */
    public Builder forecastOptions(ForecastOptions value) {
      this.forecastOptions = Objects.requireNonNull(value, "scopeDetection.forecastOptions");
      return this;
    }

    /**
     * Builds the detection.
     *
     * @return the detection; never null
     * @throws IllegalStateException if no scope, history start or end was given, or the end is not after the start
     */
    public ScopeDetection build() {
      if (scopes.isEmpty()) {
        throw new IllegalStateException("scopeDetection needs at least one scope dimension");
      }
      Instant from = historyStart;
      Instant to = upTo;
      if (from == null || to == null) {
        throw new IllegalStateException("scopeDetection needs " + (from == null ? "historyStart" : "upTo"));
      }
      if (!to.isAfter(from)) {
        throw new IllegalStateException("scopeDetection.upTo " + to + " must be after historyStart " + from);
      }
      return new ScopeDetection(List.copyOf(scopes), new Settings(from, to, minImpact, monthsAhead, forecastOptions));
    }

    private static Instant day(String field, Instant value) {
      Objects.requireNonNull(value, "scopeDetection." + field);
      if (value.getEpochSecond() % ScopeTask.SECONDS_PER_DAY != 0 || value.getNano() != 0) {
        throw new IllegalArgumentException("scopeDetection." + field + " must be at a UTC day start, got " + value);
      }
      return value;
    }
  }
}
