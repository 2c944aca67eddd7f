package io.stratus.finops.forecast;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A scope's cost forecast made on one day: the current month and quarter to their ends, the following months, the
 * model used and its backtest accuracy.
 *
 * <p>Daily forecasts come from {@link io.stratus.timeseries.forecast.Forecasters#auto(int...)} fitted to the scope's
 * daily cost; negative values are cut to zero. A period's interval combines the daily half-widths as a sum of
 * variances with AR(1) correlated daily errors ({@link ForecastOptions#errorCorrelation()}, chosen on development
 * series; the held-out coverage reached is measured in {@code benchmarks/results/finops-intelligence.md}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostForecast {
  private final CostScope scope;
  private final Currency currency;
  private final LocalDate asOf;
  private final String model;
  private final int historyDays;
  private final List<PeriodForecast> periods;
  private final BacktestAccuracy accuracy;
  final Daily daily;

  CostForecast(CostScope scope, Currency currency, LocalDate asOf, String model, int historyDays,
      List<PeriodForecast> periods, BacktestAccuracy accuracy, Daily daily) {
    this.scope = scope;
    this.currency = currency;
    this.asOf = asOf;
    this.model = model;
    this.historyDays = historyDays;
    this.periods = List.copyOf(periods);
    this.accuracy = accuracy;
    this.daily = daily;
  }

  /**
   * The scope forecast.
   *
   * @return the scope; never null
   */
  public CostScope scope() {
    return scope;
  }

  /**
   * The billing currency forecast (records in other currencies are not part of it).
   *
   * @return the currency; never null
   */
  public Currency currency() {
    return currency;
  }

  /**
   * The forecast day: history ends the day before, forecasts start on it.
   *
   * @return the day (UTC); never null
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * The fitted model's name, e.g. {@code Auto[ETS(A,N,A)]}.
   *
   * @return the name; never null
   */
  public String model() {
    return model;
  }

  /**
   * The days of history fitted.
   *
   * @return the days
   */
  public int historyDays() {
    return historyDays;
  }

  /**
   * The current month, to its end.
   *
   * @return the month; never null
   */
  public PeriodForecast endOfMonth() {
    return periods.get(0);
  }

  /**
   * The current quarter, to its end.
   *
   * @return the quarter; never null
   */
  public PeriodForecast endOfQuarter() {
    return periods.get(1);
  }

  /**
   * The whole months after the current one, in order.
   *
   * @return the months; never null, possibly empty
   */
  public List<PeriodForecast> months() {
    return periods.subList(2, periods.size());
  }

  /**
   * Every period: the current month, the current quarter, then the following months.
   *
   * @return the periods; never null
   */
  public List<PeriodForecast> periods() {
    return periods;
  }

  /**
   * The rolling-origin backtest accuracy of the method on this scope's history.
   *
   * @return the accuracy; never null
   */
  public BacktestAccuracy accuracy() {
    return accuracy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CostForecast f && f.scope.equals(scope) && f.currency.equals(currency) && f.asOf.equals(asOf)
        && f.model.equals(model) && f.historyDays == historyDays && f.periods.equals(periods)
        && f.accuracy.equals(accuracy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scope, currency, asOf, model, periods);
  }

  @Override
  public String toString() {
    return "CostForecast{" + scope + " " + currency + " as of " + asOf + ", " + model + ", month " + endOfMonth()
        .expected() + ", quarter " + endOfQuarter().expected() + "}";
  }

  /** The daily point forecasts and bounds from the forecast day on, each cut at zero. */
  record Daily(double[] mean, double[] lower80, double[] upper80, double[] lower95, double[] upper95) {}
}
