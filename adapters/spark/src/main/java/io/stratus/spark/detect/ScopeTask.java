package io.stratus.spark.detect;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.anomaly.RootCause;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.forecast.CostForecast;
import io.stratus.finops.forecast.CostPredictor;
import io.stratus.finops.forecast.PeriodForecast;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.spi.CostStore;
import java.math.BigDecimal;
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
  /** The largest fractional scale of an output amount (the decimal columns' scale). */
  static final int SCALE = 18;

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

  /** The anomalies of one scope and currency as rows of {@link ScopeDetection#ANOMALY_SCHEMA}. */
  static List<Row> anomalyRows(Dimension dimension, String value, Currency currency, List<CostAnomaly> anomalies) {
    List<Row> out = new ArrayList<>();
    for (CostAnomaly a : anomalies) {
      RootCause top = a.rootCauses().isEmpty() ? null : a.rootCauses().get(0);
      out.add(RowFactory.create(dimension.name(), value, currency.getCurrencyCode(), a.id(), a.direction().name(),
          Timestamp.from(a.start()), Timestamp.from(a.lastBucket()), a.points().size(), amount(a.actualTotal()),
          amount(a.expectedTotal()), amount(a.impact().amount()), top == null ? null : top.label(),
          top == null ? null : top.share()));
    }
    return out;
  }

  /**
   * The forecast of one scope and currency as rows of {@link ScopeDetection#FORECAST_SCHEMA}: one per period, or
   * one row saying why there is no forecast.
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
      out.add(RowFactory.create(dimension.name(), value, currency.getCurrencyCode(), Date.valueOf(f.asOf()),
          f.model(), f.historyDays(), p.label(), Date.valueOf(p.from()), Date.valueOf(p.to()),
          amount(p.actualToDate().amount()), amount(p.expected().amount()), amount(p.lower80().amount()),
          amount(p.upper80().amount()), amount(p.lower95().amount()), amount(p.upper95().amount()),
          f.accuracy().dailyMape(), f.accuracy().totalMape(), f.accuracy().coverage80(),
          f.accuracy().coverage95(), null));
    }
    return out;
  }

  /** An amount for a decimal column of scale {@value #SCALE}; a finer amount would be rounded, so it is refused. */
  static BigDecimal amount(BigDecimal v) {
    Objects.requireNonNull(v, "amount");
    BigDecimal stripped = v.stripTrailingZeros();
    if (stripped.scale() > SCALE) {
      throw new IllegalStateException("amount " + v.toPlainString() + " has more than " + SCALE
          + " decimal places; the output columns are decimal(38, " + SCALE + ")");
    }
    return stripped.setScale(SCALE);
  }
}
