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
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

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

  private ScopeTask() {}

  /** What a task computes. */
  enum Kind {
    ANOMALIES,
    FORECASTS
  }

  /** Runs the scopes of a partition, in order; returns the output rows. */
  static List<Row> run(Settings s, Kind kind, Iterator<Row> sorted) {
    List<Row> out = new ArrayList<>();
    List<Row> group = new ArrayList<>();
    while (sorted.hasNext()) {
      Row r = sorted.next();
      if (!group.isEmpty() && !sameScope(group.get(0), r)) {
        scope(s, kind, group, out);
        group.clear();
      }
      group.add(r);
    }
    if (!group.isEmpty()) {
      scope(s, kind, group, out);
    }
    return out;
  }

  private static boolean sameScope(Row a, Row b) {
    return a.getString(0).equals(b.getString(0)) && a.getString(1).equals(b.getString(1));
  }

  private static void scope(Settings s, Kind kind, List<Row> rows, List<Row> out) {
    Dimension dimension = Settings.dimension(rows.get(0).getString(0));
    String value = rows.get(0).getString(1);
    CostStore store = CostStore.inMemory();
    TreeSet<String> currencies = new TreeSet<>();
    try (CostStore.Appender a = store.appender("spark")) {
      for (Row r : rows) {
        a.accept(record(dimension, value, r));
        currencies.add(r.getString(Aggregates.CURRENCY));
      }
    }
    for (String code : currencies) {
      Currency currency = Currency.getInstance(code);
      if (kind == Kind.ANOMALIES) {
        CostAnomalyMonitor monitor = s.monitor(dimension, value, currency);
        monitor.evaluate(store, s.upTo);
        out.addAll(anomalyRows(dimension, value, currency, monitor.anomalies()));
      } else {
        CostPredictor predictor =
            CostPredictor.create(store, NoPrices.INSTANCE, InstantSource.fixed(s.upTo), s.forecastOptions());
        out.addAll(forecastRows(s, dimension, value, currency, predictor));
      }
    }
  }

  /** One day's aggregate of a scope as a record: the costs are sums, the charge period is the UTC day. */
  private static CostRecord record(Dimension dimension, String value, Row r) {
    Instant start = Instant.ofEpochSecond(r.getLong(Aggregates.DAY) * SECONDS_PER_DAY);
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
        .billedCost(r.getDecimal(Aggregates.BILLED))
        .effectiveCost(r.getDecimal(Aggregates.EFFECTIVE))
        .listCost(r.getDecimal(Aggregates.LIST))
        .contractedCost(r.getDecimal(Aggregates.CONTRACTED));
    if (dimension.tagKey() != null) {
      b.tag(dimension.tagKey(), value);
    }
    return b.build();
  }

  /**
   * The anomalies of one scope and currency as rows of {@link ScopeDetection#ANOMALY_SCHEMA}: {@code actual} exact,
   * {@code expected} and {@code impact} estimates.
   */
  static List<Row> anomalyRows(Dimension dimension, String value, Currency currency, List<CostAnomaly> anomalies) {
    List<Row> out = new ArrayList<>();
    for (CostAnomaly a : anomalies) {
      RootCause top = a.rootCauses().isEmpty() ? null : a.rootCauses().get(0);
      String row = "anomaly " + a.id();
      out.add(RowFactory.create(dimension.name(), value, currency.getCurrencyCode(), a.id(), a.direction().name(),
          Timestamp.from(a.start()), Timestamp.from(a.lastBucket()), a.points().size(),
          exact(a.actualTotal(), "actual", row), estimate(a.expectedTotal(), "expected", row),
          estimate(a.impact().amount(), "impact", row), top == null ? null : top.label(),
          top == null ? null : top.share()));
    }
    return out;
  }

  /**
   * The forecast of one scope and currency as rows of {@link ScopeDetection#FORECAST_SCHEMA}: one per period
   * ({@code actualToDate} exact, the expected total and the bands estimates), or one row saying why there is no
   * forecast.
   */
  static List<Row> forecastRows(Settings s, Dimension dimension, String value, Currency currency,
      CostPredictor predictor) {
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
      out.add(RowFactory.create(dimension.name(), value, currency.getCurrencyCode(), Date.valueOf(f.asOf()),
          f.model(), f.historyDays(), p.label(), Date.valueOf(p.from()), Date.valueOf(p.to()),
          exact(p.actualToDate().amount(), "actualToDate", row), estimate(p.expected().amount(), "expected", row),
          estimate(p.lower80().amount(), "lower80", row), estimate(p.upper80().amount(), "upper80", row),
          estimate(p.lower95().amount(), "lower95", row), estimate(p.upper95().amount(), "upper95", row),
          f.accuracy().dailyMape(), f.accuracy().totalMape(), f.accuracy().coverage80(),
          f.accuracy().coverage95(), null));
    }
    return out;
  }

  /**
   * An exact amount (a sum of the input's costs) for its decimal column: the same value at the column's scale. It is
   * never rounded: a value with a non-zero digit beyond {@link FocusDecimals#SCALE} places is refused.
   *
   * @throws AmountNotRepresentableException naming the column, the row, the value and the rule, if the value has more
   *     places than the column or 10^20 or more in magnitude
   */
  static BigDecimal exact(BigDecimal v, String column, String row) {
    Objects.requireNonNull(v, column);
    if (FocusDecimals.needsRounding(v)) {
      throw new AmountNotRepresentableException(column, v, row, EXACT_RULE);
    }
    return fits(v.setScale(FocusDecimals.SCALE, RoundingMode.UNNECESSARY), v, column, row);
  }

  /**
   * An estimate (an expected value or a band edge) for its decimal column: rounded to the column's scale by finops'
   * rule for fixed-scale stores, {@link FocusDecimals#toStoredScale(BigDecimal)} ({@link FocusDecimals#ROUNDING}).
   *
   * @throws AmountNotRepresentableException naming the column, the row, the value and the rule, if the value is
   *     10^20 or more in magnitude once rounded
   */
  static BigDecimal estimate(BigDecimal v, String column, String row) {
    Objects.requireNonNull(v, column);
    return fits(FocusDecimals.toStoredScale(v), v, column, row);
  }

  private static BigDecimal fits(BigDecimal atScale, BigDecimal v, String column, String row) {
    if (atScale.precision() > PRECISION) {
      throw new AmountNotRepresentableException(column, v, row, RANGE_RULE);
    }
    return atScale;
  }
}
