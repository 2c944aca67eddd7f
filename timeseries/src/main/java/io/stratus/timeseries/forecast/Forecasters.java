package io.stratus.timeseries.forecast;

import io.stratus.timeseries.Seasonality;
import io.stratus.timeseries.SeriesValidation;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Factory of the built-in forecasting methods. Stateless and thread-safe; every returned {@link Forecaster} is
 * immutable and thread-safe and may be shared.
 *
 * <p>Season periods are counts of observations per cycle: 24 (daily cycle of hourly data), 168 (weekly cycle of
 * hourly data), 7 (weekly cycle of daily data), 12 (yearly cycle of monthly data); 1 means non-seasonal.
 *
 * <p>Minimum lengths (else {@link io.stratus.timeseries.SeriesTooShortException}): naive 2; seasonal naive
 * {@code m + 1}; an ETS form needs its parameter count (smoothing parameters, initial states, variance) plus 2 values,
 * and two full cycles when seasonal: SES 5, Holt 7, damped trend 8, Holt-Winters {@code max(2m, m + 7)}; Theta 5 and
 * Naive2 2 (both skip the seasonal adjustment below {@code 3m} values, as M4 does); {@link #mstl(int...)} as its ETS
 * (periods that do not fit twice are skipped). {@link #auto(int...)} needs only 2.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Forecasters {

  private Forecasters() {}

  /**
   * The naive method: every forecast is the last value; intervals widen with {@code sqrt(h)} (random walk).
   *
   * @return the method; never null
   */
  public static Forecaster naive() {
    return Rescaled.guard(new NaiveForecasters.SeasonalNaive(1));
  }

  /**
   * The seasonal naive method: each forecast repeats the value one cycle earlier.
   *
   * @param m the season period, {@code >= 1}
   * @return the method; never null
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static Forecaster seasonalNaive(int m) {
    return Rescaled.guard(new NaiveForecasters.SeasonalNaive(m));
  }

  /**
   * M4's Naive2: the naive method on the seasonally adjusted series when M4's 90% autocorrelation test finds
   * seasonality at lag {@code m} (classical multiplicative decomposition; additive when a value is {@code <= 0}),
   * forecasts multiplied back by the seasonal indices.
   *
   * @param m the season period, {@code >= 1}
   * @return the method; never null
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static Forecaster naive2(int m) {
    return Rescaled.guard(new SeasonallyAdjusted(naive(), m, "Naive2(m=" + m + ")"));
  }

  /**
   * Wraps any method in M4's seasonal adjustment (as {@link #naive2(int)} does for the naive method): M4's SES, Holt
   * and damped benchmarks are {@code seasonallyAdjusted(ses(), m)} and so on.
   *
   * @param inner the method applied to the adjusted series; never null
   * @param m the season period, {@code >= 1}
   * @return the method; never null
   * @throws NullPointerException if {@code inner} is null
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static Forecaster seasonallyAdjusted(Forecaster inner, int m) {
    Objects.requireNonNull(inner, "inner");
    return Rescaled.guard(new SeasonallyAdjusted(inner, m, "SA(m=" + m + ")[" + inner.name() + "]"));
  }

  /**
   * Simple exponential smoothing, ETS(A,N,N).
   *
   * @return the method; never null
   */
  public static Forecaster ses() {
    return Rescaled.guard(EtsForecaster.fixed(new Ets(false, Ets.NONE, Ets.NONE, 1), "SES"));
  }

  /**
   * Holt's linear trend method, ETS(A,A,N).
   *
   * @return the method; never null
   */
  public static Forecaster holt() {
    return Rescaled.guard(EtsForecaster.fixed(new Ets(false, Ets.ADD, Ets.NONE, 1), "Holt"));
  }

  /**
   * Damped trend method, ETS(A,Ad,N), {@code 0.8 <= phi <= 0.98}.
   *
   * @return the method; never null
   */
  public static Forecaster dampedTrend() {
    return Rescaled.guard(EtsForecaster.fixed(new Ets(false, Ets.DAMPED, Ets.NONE, 1), "DampedTrend"));
  }

  /**
   * Additive Holt-Winters, ETS(A,A,A).
   *
   * @param m the season period, {@code >= 2}
   * @return the method; never null
   * @throws IllegalArgumentException if {@code m < 2}
   */
  public static Forecaster holtWintersAdditive(int m) {
    return Rescaled.guard(
        EtsForecaster.fixed(new Ets(false, Ets.ADD, Ets.ADD, m), "HoltWintersAdditive(m=" + m + ")"));
  }

  /**
   * Multiplicative Holt-Winters, ETS(M,A,M) (same point recursions as the classical method, multiplicative errors);
   * needs strictly positive values.
   *
   * @param m the season period, {@code >= 2}
   * @return the method; never null
   * @throws IllegalArgumentException if {@code m < 2}
   */
  public static Forecaster holtWintersMultiplicative(int m) {
    return Rescaled.guard(
        EtsForecaster.fixed(new Ets(true, Ets.ADD, Ets.MUL, m), "HoltWintersMultiplicative(m=" + m + ")"));
  }

  /**
   * ETS with automatic form selection by AICc over error A/M, trend N/A/Ad and season N/A/M (multiplicative forms
   * only for strictly positive series; additive error is not combined with multiplicative season; seasonal forms only
   * when the series holds two cycles). All forms are screened with a coarse optimisation and the three best are
   * optimised fully.
   *
   * @param m the season period, {@code >= 1} (1 = non-seasonal forms only)
   * @return the method; never null
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static Forecaster ets(int m) {
    SeriesValidation.requirePeriod(m, "m");
    return Rescaled.guard(EtsForecaster.auto(m, m >= 2));
  }

  /**
   * One ETS form, written {@code "error,trend,season"} with error {@code A|M}, trend {@code N|A|Ad}, season
   * {@code N|A|M}, e.g. {@code "M,Ad,M"}.
   *
   * @param form the form; never null
   * @param m the season period, {@code >= 2} for seasonal forms (ignored otherwise)
   * @return the method; never null
   * @throws NullPointerException if {@code form} is null
   * @throws IllegalArgumentException if the form cannot be parsed or a seasonal form gets {@code m < 2}
   */
  public static Forecaster ets(String form, int m) {
    Objects.requireNonNull(form, "form");
    Ets e = Ets.parse(form, m);
    return Rescaled.guard(EtsForecaster.fixed(e, e.name()));
  }

  /**
   * The standard Theta method of the M4 benchmarks: M4's seasonal adjustment, then the average of the least-squares
   * line and SES on the theta=2 line (SES with drift), re-seasonalised.
   *
   * @param m the season period, {@code >= 1}
   * @return the method; never null
   * @throws IllegalArgumentException if {@code m < 1}
   */
  public static Forecaster theta(int m) {
    return Rescaled.guard(new SeasonallyAdjusted(new ThetaForecaster(), m, "Theta(m=" + m + ")"));
  }

  /**
   * Multiple seasonality: {@link io.stratus.timeseries.MultiSeasonalDecomposition#weighted} with the given periods
   * (each older cycle weighs half as much as the next newer one), automatic non-seasonal ETS on the seasonally adjusted
   * series, seasonal profiles added back. Periods that do not fit twice
   * into a series are skipped for that series.
   *
   * @param periods the season periods, each {@code >= 2}, e.g. {@code 24, 168}
   * @return the method; never null
   * @throws IllegalArgumentException if no period is given or one is {@code < 2}
   */
  public static Forecaster mstl(int... periods) {
    int[] ps = requirePeriods(periods, 2);
    return Rescaled.guard(new MstlForecaster(ps));
  }

  /**
   * Equal-weight median combination: point forecasts and each interval bound are the median of the members'.
   *
   * @param members the methods; at least one, none null
   * @return the method; never null
   * @throws NullPointerException if {@code members} or a member is null
   * @throws IllegalArgumentException if {@code members} is empty
   */
  public static Forecaster median(Forecaster... members) {
    return Rescaled.guard(new Combination(List.of(members), true));
  }

  /**
   * Equal-weight mean combination: point forecasts and each interval bound are the mean of the members'.
   *
   * @param members the methods; at least one, none null
   * @return the method; never null
   * @throws NullPointerException if {@code members} or a member is null
   * @throws IllegalArgumentException if {@code members} is empty
   */
  public static Forecaster mean(Forecaster... members) {
    return Rescaled.guard(new Combination(List.of(members), false));
  }

  /**
   * The automatic method. Candidates: automatic ETS with the smallest period that fits twice into the series, Theta
   * with that period, {@link #mstl(int...)} with all fitting periods, seasonal naive with the largest and (when there
   * are several) with the smallest fitting period; without a fitting period: ETS, Theta and damped trend.
   *
   * <p>Selection by rolling origin inside the series: each candidate is fitted to the series cut at six origins, half
   * a validation horizon apart, and forecasts the next {@code min(2m, max(m, 48), n/4)} values ({@code min(12, n/5)}
   * without periods), so the last {@code 3.5} horizons (168 values for hourly data) are judged; candidates are ranked
   * by their mean absolute error over all origins. Candidates within 20% of the best are tied, and the mean of up to
   * three tied candidates is used; the median of ETS, Theta and MSTL (damped trend without periods) and the mean of
   * the two best are scored the same way and win when their error is lower. The structure selected at the latest
   * origin (for example the ETS form) is refitted to the whole series. These constants were chosen by rolling origin
   * inside the training parts of M4 Hourly development series (see {@code benchmarks/results/forecast.md}).
   *
   * <p>The fitted model's name reads {@code Auto[...]}. Fallbacks, each named in the fitted model's or the forecast's
   * name ({@code "Auto[X; fallback after: ...]"}): when the chosen structure cannot be fitted to the whole series, the
   * next-ranked candidate; when a forecast's state stops being finite (a trend extrapolated beyond the double range),
   * the naive forecast. A series shorter than 5 values gets the naive method; fewer than 2 values are rejected.
   *
   * @param periods season periods, each {@code >= 1}; none or {@code 1} for non-seasonal data
   * @return the method; never null
   * @throws IllegalArgumentException if a period is {@code < 1}
   */
  public static Forecaster auto(int... periods) {
    int[] ps = requirePeriods(periods, 1);
    return new AutoForecaster(ps);
  }

  /**
   * The automatic method with the season periods detected in each series: {@link Seasonality#detectPeriods(double[],
   * int)} finds up to two periods no longer than {@code maxPeriod} (for example 24 and 168 in hourly data, 7 in daily
   * data, 52 in weekly data with a yearly cycle), then {@link #auto(int...)} runs with them (non-seasonal when none is
   * found). Declare the periods with {@link #auto(int...)} when they are known: detection needs about three cycles
   * of data and a pronounced cycle.
   *
   * @param maxPeriod the longest period to look for, {@code >= 2}
   * @return the method; never null
   * @throws IllegalArgumentException if {@code maxPeriod < 2}
   */
  public static Forecaster autoDetected(int maxPeriod) {
    if (maxPeriod < 2) {
      throw new IllegalArgumentException("maxPeriod = " + maxPeriod + ": must be >= 2");
    }
    return new Forecaster() {
      @Override
      public String name() {
        return "Auto(periods detected up to " + maxPeriod + ")";
      }

      @Override
      public FittedModel fit(double[] y) {
        return new AutoForecaster(Seasonality.detectPeriods(y, maxPeriod)).fit(y);
      }
    };
  }

  /**
   * The median of automatic ETS, Theta and (with periods) the multiple-seasonality method; without periods the median
   * of ETS, Theta and damped trend. This is {@link #auto(int...)}'s combination candidate on its own.
   *
   * @param periods season periods, each {@code >= 1}
   * @return the method; never null
   * @throws IllegalArgumentException if a period is {@code < 1}
   */
  public static Forecaster comb(int... periods) {
    int[] ps = requirePeriods(periods, 1);
    return Rescaled.guard(new Forecaster() {
      @Override
      public String name() {
        return "Comb" + Arrays.toString(ps);
      }

      @Override
      public FittedModel fit(double[] y) {
        SeriesValidation.requireFinite(y, "y");
        return AutoForecaster.candidates(ps, y.length).comb().fit(y);
      }
    });
  }

  private static int[] requirePeriods(int[] periods, int min) {
    Objects.requireNonNull(periods, "periods");
    if (min >= 2 && periods.length == 0) {
      throw new IllegalArgumentException("periods: at least one season period is needed");
    }
    for (int i = 0; i < periods.length; i++) {
      if (periods[i] < min) {
        throw new IllegalArgumentException("periods[" + i + "] = " + periods[i] + ": must be >= " + min);
      }
    }
    return Arrays.stream(periods).distinct().sorted().toArray();
  }
}
