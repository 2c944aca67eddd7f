package io.stratus.spark.detect;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.anomaly.RootCause;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusDecimals;
import io.stratus.finops.forecast.CostForecast;
import io.stratus.finops.forecast.CostPredictor;
import io.stratus.finops.forecast.PeriodForecast;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import io.stratus.spark.internal.ExactSum;
import io.stratus.spark.internal.Unrepresentable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.jspecify.annotations.Nullable;

/**
 * The work of one detection task: its partition holds the daily aggregates of whole scopes, sorted by scope; each
 * scope's aggregates are loaded, as records, into an in-memory {@link CostStore} on which the finops monitor and
 * predictor run exactly as they would on the full store (every query they make filters on the scope and groups by
 * day and the drill-down dimensions, which the aggregates keep). Stateless.
 */
final class ScopeTask {
  static final int SECONDS_PER_DAY = 86_400;
  /** The output decimal columns' precision; their scale is finops' stored scale {@link FocusDecimals#SCALE} (18). */
  static final int PRECISION = 38;
  /** Why an exact sum with more places than the column is refused, and how to meet the rule. */
  static final String EXACT_RULE = "an exact sum is never rounded, and DECIMAL(38, 18) holds at most 18 digits after"
      + " the point; round the input's cost columns to 18 places half-even first, finops' FocusDecimals rule that"
      + " the billing job's FOCUS Parquet already follows (Spark SQL: CAST(bround(c, 18) AS DECIMAL(38, 18)))";
  /** Why an amount of 10^20 or more is refused. */
  static final String RANGE_RULE = "DECIMAL(38, 18) holds at most 20 digits before the point";
  /** The most digits before the point of a finops cost record's amount (as of {@code DECIMAL(38, 18)}). */
  static final int MAX_INTEGER_DIGITS = 20;
  /** Why a daily sum of 10^20 or more is refused. */
  static final String DAILY_RULE = "per-scope detection holds a scope's cost per UTC day and drill-down combination"
      + " as one finops cost record, whose amounts have at most 20 digits before the point (DECIMAL(38, 18));"
      + " no real bill comes near: look for a wrong unit or a parse error in these rows";

  private ScopeTask() {}

  /** What a task computes. */
  enum Kind {
    ANOMALIES,
    FORECASTS
  }

  /** A task's output rows and the amounts it could not store (empty when it stored them all). */
  record Result(List<Row> rows, Unrepresentable unrepresentable) {}

  /**
   * Runs the scopes of a partition, in order. A scope whose daily aggregates cannot be cost records (a sum of 10^20
   * or more, a sum Spark could not compute, a missing cost) and an output row with an amount its column cannot hold
   * are left out and reported in the result, so that one run reports them all.
   */
  static Result run(Settings s, Kind kind, Iterator<Row> sorted) {
    List<Row> out = new ArrayList<>();
    Unrepresentable problems = new Unrepresentable();
    List<Row> group = new ArrayList<>();
    while (sorted.hasNext()) {
      Row r = sorted.next();
      if (!group.isEmpty() && !sameScope(group.get(0), r)) {
        scope(s, kind, group, out, problems);
        group.clear();
      }
      group.add(r);
    }
    if (!group.isEmpty()) {
      scope(s, kind, group, out, problems);
    }
    return new Result(out, problems);
  }

  private static boolean sameScope(Row a, Row b) {
    return a.getString(0).equals(b.getString(0)) && a.getString(1).equals(b.getString(1));
  }

  private static void scope(Settings s, Kind kind, List<Row> rows, List<Row> out, Unrepresentable problems) {
    Dimension dimension = Settings.dimension(rows.get(0).getString(0));
    String value = rows.get(0).getString(1);
    List<CostRecord> records = new ArrayList<>();
    TreeSet<String> currencies = new TreeSet<>();
    for (Row r : rows) {
      CostRecord record = record(dimension, value, r, problems);
      if (record != null) {
        records.add(record);
      }
      currencies.add(r.getString(Aggregates.CURRENCY));
    }
    if (records.size() < rows.size()) {
      return; // reported; the scope's results would be wrong without those days
    }
    CostStore store = CostStore.inMemory();
    try (CostStore.Appender a = store.appender("spark")) {
      records.forEach(a);
    }
    for (String code : currencies) {
      Currency currency = Currency.getInstance(code);
      if (kind == Kind.ANOMALIES) {
        CostAnomalyMonitor monitor = s.monitor(dimension, value, currency);
        monitor.evaluate(store, s.upTo);
        out.addAll(anomalyRows(dimension, value, currency, monitor.anomalies(), problems));
      } else {
        CostPredictor predictor =
            CostPredictor.create(store, NoPrices.INSTANCE, InstantSource.fixed(s.upTo), s.forecastOptions());
        out.addAll(forecastRows(s, dimension, value, currency, predictor, problems));
      }
    }
  }

  /**
   * One day's aggregate of a scope as a record: the costs are the exact sums, the charge period is the UTC day; null
   * (with the reason added to {@code problems}) when a sum is missing, cannot be computed or is 10^20 or more.
   */
  private static @Nullable CostRecord record(Dimension dimension, String value, Row r, Unrepresentable problems) {
    Instant start = Instant.ofEpochSecond(r.getLong(Aggregates.DAY) * SECONDS_PER_DAY);
    long rows = r.getLong(Aggregates.ROWS);
    String where = "scope " + Settings.monitorId(dimension, value, Currency.getInstance(
        r.getString(Aggregates.CURRENCY))) + ", day " + LocalDate.ofInstant(start, ZoneOffset.UTC) + " ("
        + Aggregates.TEXT.get(1) + "=" + r.getString(Aggregates.PROVIDER) + ", " + Aggregates.TEXT.get(2) + "="
        + r.getString(Aggregates.BILLING_ACCOUNT) + ", " + Aggregates.TEXT.get(3) + "="
        + r.getString(Aggregates.SUB_ACCOUNT) + ", " + Aggregates.TEXT.get(4) + "=" + r.getString(Aggregates.SERVICE)
        + ", " + Aggregates.TEXT.get(5) + "=" + r.getString(Aggregates.SERVICE_CATEGORY) + ", "
        + Aggregates.TEXT.get(6) + "=" + r.getString(Aggregates.REGION) + ", " + Aggregates.TEXT.get(7) + "="
        + r.getString(Aggregates.CHARGE_CATEGORY) + "; " + rows + (rows == 1 ? " row)" : " rows)");
    BigDecimal[] costs = new BigDecimal[Aggregates.COSTS.size()];
    boolean ok = true;
    for (int i = 0; i < costs.length; i++) {
      costs[i] = dailySum(r, Aggregates.SUMS + 3 * i, rows, Aggregates.COSTS.get(i), where, problems);
      ok &= costs[i] != null;
    }
    if (!ok) {
      return null;
    }
    CostRecord.Builder b = CostRecord.builder()
        .billingCurrency(Currency.getInstance(r.getString(Aggregates.CURRENCY)))
        .chargePeriod(start, start.plusSeconds(SECONDS_PER_DAY))
        .billingPeriod(BillingPeriod.of(YearMonth.from(start.atZone(ZoneOffset.UTC))))
        .providerName(r.getString(Aggregates.PROVIDER))
        .billingAccountId(r.getString(Aggregates.BILLING_ACCOUNT))
        .subAccountId(r.getString(Aggregates.SUB_ACCOUNT))
        .serviceName(r.getString(Aggregates.SERVICE))
        .serviceCategory(r.getString(Aggregates.SERVICE_CATEGORY))
        .regionId(r.getString(Aggregates.REGION))
        .chargeCategory(ChargeCategory.fromFocus(r.getString(Aggregates.CHARGE_CATEGORY)))
        .billedCost(costs[0])
        .effectiveCost(costs[1])
        .listCost(costs[2])
        .contractedCost(costs[3]);
    if (dimension.tagKey() != null) {
      b.tag(dimension.tagKey(), value);
    }
    return b.build();
  }

  /** One cost's exact daily sum, or null with the reason added to {@code problems}. */
  private static @Nullable BigDecimal dailySum(Row r, int index, long rows, String column, String where,
      Unrepresentable problems) {
    long values = ExactSum.count(r, index);
    if (values < rows) {
      problems.add(column, where, null, missingRule(rows - values, rows));
      return null;
    }
    BigDecimal sum = ExactSum.total(r, index);
    if (sum == null) {
      problems.add(column, where, null, "Spark cannot sum these " + rows + " rows exactly: the sum of their integer"
          + " parts exceeds 38 digits; no cost of a real bill does: look for a wrong unit or a parse error in them");
      return null;
    }
    if (sum.signum() != 0 && sum.precision() - sum.scale() > MAX_INTEGER_DIGITS) {
      problems.add(column, where, sum, DAILY_RULE);
      return null;
    }
    return sum;
  }

  /** The rule a missing cost breaks. */
  static String missingRule(long missing, long rows) {
    return "FOCUS requires this cost on every row, and " + missing + " of these " + rows + " rows have none (null);"
        + " fill it in (0 for a free charge) or leave those rows out";
  }

  /**
   * The anomalies of one scope and currency as rows of {@link ScopeDetection#ANOMALY_SCHEMA}: {@code actual} exact,
   * {@code expected} and {@code impact} estimates.
   */
  static List<Row> anomalyRows(Dimension dimension, String value, Currency currency, List<CostAnomaly> anomalies,
      Unrepresentable problems) {
    List<Row> out = new ArrayList<>();
    for (CostAnomaly a : anomalies) {
      RootCause top = a.rootCauses().isEmpty() ? null : a.rootCauses().get(0);
      String row = "anomaly " + a.id();
      BigDecimal actual = exact(a.actualTotal(), "actual", row, problems);
      BigDecimal expected = estimate(a.expectedTotal(), "expected", row, problems);
      BigDecimal impact = estimate(a.impact().amount(), "impact", row, problems);
      if (actual != null && expected != null && impact != null) {
        out.add(RowFactory.create(dimension.name(), value, currency.getCurrencyCode(), a.id(),
            a.direction().name(), Timestamp.from(a.start()), Timestamp.from(a.lastBucket()), a.points().size(),
            actual, expected, impact, top == null ? null : top.label(), top == null ? null : top.share()));
      }
    }
    return out;
  }

  /**
   * The forecast of one scope and currency as rows of {@link ScopeDetection#FORECAST_SCHEMA}: one per period
   * ({@code actualToDate} exact, the expected total and the bands estimates), or one row saying why there is no
   * forecast.
   */
  static List<Row> forecastRows(Settings s, Dimension dimension, String value, Currency currency,
      CostPredictor predictor, Unrepresentable problems) {
    CostForecast f;
    try {
      f = predictor.forecast(io.stratus.finops.forecast.CostScope.of(dimension, value), currency, s.monthsAhead);
    } catch (IllegalStateException e) {
      LocalDate asOf = LocalDate.ofInstant(s.upTo, ZoneOffset.UTC);
      return List.of(RowFactory.create(dimension.name(), value, currency.getCurrencyCode(), Date.valueOf(asOf), null,
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, e.getMessage()));
    }
    List<Row> out = new ArrayList<>();
    for (PeriodForecast p : f.periods()) {
      String row = "forecast " + Settings.monitorId(dimension, value, currency) + " " + p.label();
      BigDecimal[] amounts = {exact(p.actualToDate().amount(), "actualToDate", row, problems),
          estimate(p.expected().amount(), "expected", row, problems),
          estimate(p.lower80().amount(), "lower80", row, problems),
          estimate(p.upper80().amount(), "upper80", row, problems),
          estimate(p.lower95().amount(), "lower95", row, problems),
          estimate(p.upper95().amount(), "upper95", row, problems)};
      if (Arrays.asList(amounts).contains(null)) {
        continue;
      }
      out.add(RowFactory.create(dimension.name(), value, currency.getCurrencyCode(), Date.valueOf(f.asOf()),
          f.model(), f.historyDays(), p.label(), Date.valueOf(p.from()), Date.valueOf(p.to()), amounts[0],
          amounts[1], amounts[2], amounts[3], amounts[4], amounts[5], f.accuracy().dailyMape(),
          f.accuracy().totalMape(), f.accuracy().coverage80(), f.accuracy().coverage95(), null));
    }
    return out;
  }

  /**
   * An exact amount (a sum of the input's costs) for its decimal column: the same value at the column's scale. It is
   * never rounded: a value with a non-zero digit beyond {@link FocusDecimals#SCALE} places, or 10^20 or more in
   * magnitude, is added to {@code problems} (column, row, value, rule) instead.
   *
   * @return the value at scale 18, or null if it was added to {@code problems}
   */
  static @Nullable BigDecimal exact(BigDecimal v, String column, String row, Unrepresentable problems) {
    Objects.requireNonNull(v, column);
    if (FocusDecimals.needsRounding(v)) {
      problems.add(column, row, v, EXACT_RULE);
      return null;
    }
    return fits(v.setScale(FocusDecimals.SCALE, RoundingMode.UNNECESSARY), v, column, row, problems);
  }

  /**
   * An estimate (an expected value or a band edge) for its decimal column: rounded to the column's scale by finops'
   * rule for fixed-scale stores, {@link FocusDecimals#toStoredScale(BigDecimal)} ({@link FocusDecimals#ROUNDING}); a
   * value 10^20 or more in magnitude once rounded is added to {@code problems} instead.
   *
   * @return the rounded value, or null if it was added to {@code problems}
   */
  static @Nullable BigDecimal estimate(BigDecimal v, String column, String row, Unrepresentable problems) {
    Objects.requireNonNull(v, column);
    return fits(FocusDecimals.toStoredScale(v), v, column, row, problems);
  }

  private static @Nullable BigDecimal fits(BigDecimal atScale, BigDecimal v, String column, String row,
      Unrepresentable problems) {
    if (atScale.precision() > PRECISION) {
      problems.add(column, row, v, RANGE_RULE);
      return null;
    }
    return atScale;
  }
}
