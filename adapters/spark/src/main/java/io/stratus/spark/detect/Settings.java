package io.stratus.spark.detect;

import io.stratus.finops.anomaly.CostAnomalyMonitor;
import io.stratus.finops.forecast.ForecastOptions;
import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostScope;
import io.stratus.finops.query.Dimension;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * What a detection task needs, in a serializable form (the finops option types are not serializable): it rebuilds
 * the same monitor and forecast options on the executor as on the driver. Immutable and thread-safe.
 */
final class Settings implements Serializable {
  private static final long serialVersionUID = 1L;

  final Instant historyStart;
  final Instant upTo;
  final BigDecimal minImpact;
  final int monthsAhead;
  final int[] periods;
  final int minHistoryDays;
  final int historyDays;
  final int backtestOrigins;
  final int backtestHorizonDays;
  final CostMetric metric;
  final double errorCorrelation;

  Settings(Instant historyStart, Instant upTo, BigDecimal minImpact, int monthsAhead,
      ForecastOptions o) {
    this.historyStart = historyStart;
    this.upTo = upTo;
    this.minImpact = minImpact;
    this.monthsAhead = monthsAhead;
    this.periods = o.periods().clone();
    this.minHistoryDays = o.minHistoryDays();
    this.historyDays = o.historyDays();
    this.backtestOrigins = o.backtestOrigins();
    this.backtestHorizonDays = o.backtestHorizonDays();
    this.metric = o.metric();
    this.errorCorrelation = o.errorCorrelation();
  }

  ForecastOptions forecastOptions() {
    return ForecastOptions.builder().periods(periods).history(minHistoryDays, historyDays)
        .backtest(backtestOrigins, backtestHorizonDays).metric(metric).errorCorrelation(errorCorrelation).build();
  }

  /** The monitor of one scope and currency: daily buckets from the history start, the default detector. */
  CostAnomalyMonitor monitor(Dimension dimension, String value, Currency currency) {
    return CostAnomalyMonitor.builder(monitorId(dimension, value, currency), CostScope.of(dimension, value))
        .currency(currency).historyStart(historyStart).minImpact(minImpact).build();
  }

  /** The monitor id, e.g. {@code SubAccountId=123/USD}; anomaly ids are {@code <monitor id>-<n>}. */
  static String monitorId(Dimension dimension, String value, Currency currency) {
    return dimension.name() + "=" + value + "/" + currency.getCurrencyCode();
  }

  /** A dimension by its name: {@code tag:<key>} or a built-in FOCUS dimension. */
  static Dimension dimension(String name) {
    if (name.startsWith("tag:")) {
      return Dimension.tag(name.substring(4));
    }
    for (Dimension d : Dimension.BUILT_IN) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown dimension '" + name + "'");
  }
}
