package io.stratus.timeseries.forecast;

import io.stratus.timeseries.SeriesTooShortException;
import io.stratus.timeseries.SeriesValidation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Automatic method: fits each candidate to the series minus a hold-out tail, scores the forecasts of the tail by
 * mean absolute error, and refits the winner on the whole series. See {@link Forecasters#auto(int...)}.
 */
final class AutoForecaster implements Forecaster {

  private static final int MIN_LENGTH = 2;
  private static final int ETS_MIN = new Ets(false, Ets.NONE, Ets.NONE, 1).minLength();

  private final int[] periods;

  AutoForecaster(int[] periods) {
    this.periods = periods.clone();
  }

  @Override
  public String name() {
    return "Auto" + Arrays.toString(periods);
  }

  /** The candidates for a series of length n; the last one, when present, is the median combination. */
  static List<Forecaster> candidates(int[] periods, int n) {
    List<Integer> fitting = new ArrayList<>();
    for (int p : periods) {
      if (p >= 2 && n >= 2 * p) {
        fitting.add(p);
      }
    }
    int m1 = fitting.isEmpty() ? 1 : fitting.get(0);
    List<Forecaster> out = new ArrayList<>();
    Forecaster ets = EtsForecaster.auto(m1, m1 >= 2);
    Forecaster theta = new SeasonallyAdjusted(new ThetaForecaster(), m1, "Theta(m=" + m1 + ")");
    out.add(ets);
    out.add(theta);
    List<Forecaster> comb = new ArrayList<>(List.of(ets, theta));
    if (!fitting.isEmpty()) {
      int[] ps = fitting.stream().mapToInt(Integer::intValue).toArray();
      Forecaster mstl = new MstlForecaster(ps);
      out.add(mstl);
      comb.add(mstl);
      out.add(new NaiveForecasters.SeasonalNaive(ps[ps.length - 1]));
    } else {
      Forecaster damped = EtsForecaster.fixed(new Ets(false, Ets.DAMPED, Ets.NONE, 1), "DampedTrend");
      comb.add(damped);
    }
    out.add(new Combination(comb, true));
    return out;
  }

  @Override
  public FittedModel fit(double[] y) {
    SeriesValidation.requireFinite(y, "y");
    int n = y.length;
    if (n < MIN_LENGTH) {
      throw new SeriesTooShortException(name(), MIN_LENGTH, n);
    }
    if (n < ETS_MIN) {
      return rename(new NaiveForecasters.SeasonalNaive(1).fit(y));
    }
    int m1 = 1;
    for (int p : periods) {
      if (p >= 2 && n >= 2 * p) {
        m1 = p;
        break;
      }
    }
    int hold = m1 >= 2 ? Math.min(2 * m1, n / 4) : Math.max(1, Math.min(12, n / 5));
    int train = n - hold;
    Forecaster winner = null;
    if (hold >= 1 && train >= ETS_MIN) {
      double[] head = Arrays.copyOf(y, train);
      double[] tail = Arrays.copyOfRange(y, train, n);
      List<Forecaster> cands = candidates(periods, train);
      double bestErr = Double.POSITIVE_INFINITY;
      for (Forecaster c : cands) {
        double err;
        try {
          err = mae(tail, c.fit(head).forecast(hold).mean());
        } catch (IllegalArgumentException notApplicable) {
          continue;
        }
        if (err < bestErr) {
          bestErr = err;
          winner = c;
        }
      }
    }
    List<Forecaster> full = candidates(periods, n);
    Forecaster chosen = full.get(0);
    if (winner != null) {
      for (Forecaster c : full) {
        if (c.name().equals(winner.name())) {
          chosen = c;
          break;
        }
      }
    }
    return rename(chosen.fit(y));
  }

  private static double mae(double[] actual, double[] forecast) {
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      s += Math.abs(actual[i] - forecast[i]);
    }
    return s / actual.length;
  }

  private static FittedModel rename(FittedModel m) {
    return new Renamed("Auto[" + m.name() + "]", m);
  }

  private static final class Renamed implements FittedModel {
    private final String name;
    private final FittedModel inner;

    Renamed(String name, FittedModel inner) {
      this.name = name;
      this.inner = inner;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Forecast forecast(int h) {
      Forecast f = inner.forecast(h);
      return Forecast.wrap(name, f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95());
    }

    @Override
    public double[] fitted() {
      return inner.fitted();
    }

    @Override
    public double[] residuals() {
      return inner.residuals();
    }

    @Override
    public double residualSd() {
      return inner.residualSd();
    }

    @Override
    public double aicc() {
      return inner.aicc();
    }

    @Override
    public String toString() {
      return name + "[" + inner + "]";
    }
  }
}
