package io.stratus.finops.forecast;

import io.stratus.finops.query.CostMetric;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Settings of {@link CostPredictor}: the season periods of daily cost, how much history is fitted, the backtest, and
 * which cost metric is forecast.
 *
 * <p>Immutable and thread-safe. {@link #defaults()} gives the documented defaults; the builder validates each setter
 * at once.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ForecastOptions {
  /** Chosen on the development seeds of the cost-forecast benchmark (benchmarks/results/finops-intelligence.md). */
  private static final double DEFAULT_CORRELATION = 0.2;

  private final int[] periods;
  private final int historyDays;
  private final int minHistoryDays;
  private final int backtestOrigins;
  private final int backtestHorizonDays;
  private final CostMetric metric;
  private final double errorCorrelation;

  private ForecastOptions(Builder b) {
    errorCorrelation = b.errorCorrelation;
    periods = b.periods.clone();
    historyDays = b.historyDays;
    minHistoryDays = b.minHistoryDays;
    backtestOrigins = b.backtestOrigins;
    backtestHorizonDays = b.backtestHorizonDays;
    metric = b.metric;
  }

  /**
   * The defaults: weekly season (period 7 of daily data), up to 400 days of history, at least 14, a backtest of 3
   * origins 28 days apart, billed cost.
   *
   * @return the defaults; never null
   */
  public static ForecastOptions defaults() {
    return builder().build();
  }

  /**
   * A builder holding the defaults.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The season periods in days given to {@link io.stratus.timeseries.forecast.Forecasters#auto(int...)}.
   *
   * @return a copy; never null
   */
  public int[] periods() {
    return periods.clone();
  }

  /**
   * The most days of history fitted.
   *
   * @return the days
   */
  public int historyDays() {
    return historyDays;
  }

  /**
   * The fewest days of history a forecast needs.
   *
   * @return the days
   */
  public int minHistoryDays() {
    return minHistoryDays;
  }

  /**
   * The number of backtest origins.
   *
   * @return the count, {@code >= 0}
   */
  public int backtestOrigins() {
    return backtestOrigins;
  }

  /**
   * The days forecast at each backtest origin.
   *
   * @return the days
   */
  public int backtestHorizonDays() {
    return backtestHorizonDays;
  }

  /**
   * The cost metric forecast.
   *
   * @return the metric; never null
   */
  public CostMetric metric() {
    return metric;
  }

  /**
   * The lag-1 correlation {@code rho} of daily forecast errors used to add daily intervals into period intervals:
   * the period half-width is {@code sqrt(sum_i sum_j rho^|i-j| w_i w_j)} over the daily half-widths {@code w}
   * (0 = independent days, 1 = the sum of the daily bounds).
   *
   * @return the correlation in {@code [0, 1]}
   */
  public double errorCorrelation() {
    return errorCorrelation;
  }

  @Override
  public String toString() {
    return "ForecastOptions{periods=" + Arrays.toString(periods) + ", historyDays=" + historyDays
        + ", minHistoryDays=" + minHistoryDays + ", backtest=" + backtestOrigins + "x" + backtestHorizonDays
        + "d, metric=" + metric + ", errorCorrelation=" + errorCorrelation + "}";
  }

  /**
   * Collects {@link ForecastOptions}.
   *
   * <p>Not thread-safe; {@link #build()} may be called more than once.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private int[] periods = {7};
    private int historyDays = 400;
    private int minHistoryDays = 14;
    private int backtestOrigins = 3;
    private int backtestHorizonDays = 28;
    private CostMetric metric = CostMetric.BILLED;
    private double errorCorrelation = DEFAULT_CORRELATION;

    private Builder() {}

    /**
     * Sets the lag-1 correlation of daily forecast errors used for period intervals (see
     * {@link ForecastOptions#errorCorrelation()}).
     *
     * @param rho in {@code [0, 1]}
     * @return this builder
     * @throws IllegalArgumentException if out of range or not a number
     */
    public Builder errorCorrelation(double rho) {
      if (!(rho >= 0 && rho <= 1)) {
        throw new IllegalArgumentException("forecastOptions.errorCorrelation must be in [0, 1], got " + rho);
      }
      this.errorCorrelation = rho;
      return this;
    }

    /**
     * Sets the season periods in days; none for non-seasonal cost.
     *
     * @param days each in {@code [2, 366]}
     * @return this builder
     * @throws IllegalArgumentException if a period is out of range
     */
    public Builder periods(int... days) {
      Objects.requireNonNull(days, "periods");
      for (int i = 0; i < days.length; i++) {
        if (days[i] < 2 || days[i] > 366) {
          throw new IllegalArgumentException("forecastOptions.periods[" + i + "] must be in [2, 366], got "
              + days[i]);
        }
      }
      this.periods = days.clone();
      return this;
    }

    /**
     * Sets how much history is used.
     *
     * @param min the fewest days, {@code >= 7}
     * @param max the most days, {@code >= min}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder history(int min, int max) {
      if (min < 7 || max < min || max > 3660) {
        throw new IllegalArgumentException("forecastOptions.history must satisfy 7 <= min <= max <= 3660, got min="
            + min + ", max=" + max);
      }
      this.minHistoryDays = min;
      this.historyDays = max;
      return this;
    }

    /**
     * Sets the backtest.
     *
     * @param origins {@code 0..12}
     * @param horizonDays {@code 1..366}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder backtest(int origins, int horizonDays) {
      if (origins < 0 || origins > 12 || horizonDays < 1 || horizonDays > 366) {
        throw new IllegalArgumentException("forecastOptions.backtest must have origins in [0, 12] and horizonDays "
            + "in [1, 366], got " + origins + ", " + horizonDays);
      }
      this.backtestOrigins = origins;
      this.backtestHorizonDays = horizonDays;
      return this;
    }

    /**
     * Sets the metric; a cost metric, not a quantity.
     *
     * @param metric never null, not {@link CostMetric#CONSUMED_QUANTITY}
     * @return this builder
     * @throws IllegalArgumentException for the quantity metric
     */
    public Builder metric(CostMetric metric) {
      Objects.requireNonNull(metric, "metric");
      if (metric == CostMetric.CONSUMED_QUANTITY) {
        throw new IllegalArgumentException("forecastOptions.metric must be a cost metric, got " + metric);
      }
      this.metric = metric;
      return this;
    }

    /**
     * Builds.
     *
     * @return the options; never null
     */
    public ForecastOptions build() {
      return new ForecastOptions(this);
    }
  }
}
