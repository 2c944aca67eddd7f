package io.stratus.timeseries.forecast;

import io.stratus.timeseries.SeriesTooShortException;
import io.stratus.timeseries.SeriesValidation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Automatic method: fits each candidate to the series minus a hold-out tail, scores the forecasts of the tail (and of
 * two combinations of them) by mean absolute error, and refits the winner's structure on the whole series. See {@link Forecasters#auto(int...)}.
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

  /** Candidate methods for a series of length n: the single methods and which of them form the median combination. */
  static final class Candidates {
    final List<Forecaster> singles = new ArrayList<>();
    final List<Integer> combMembers = new ArrayList<>();

    Forecaster comb() {
      List<Forecaster> members = new ArrayList<>();
      for (int i : combMembers) {
        members.add(singles.get(i));
      }
      return new Combination(members, true);
    }
  }

  static Candidates candidates(int[] periods, int n) {
    List<Integer> fitting = new ArrayList<>();
    for (int p : periods) {
      if (p >= 2 && n >= 2 * p) {
        fitting.add(p);
      }
    }
    int m1 = fitting.isEmpty() ? 1 : fitting.get(0);
    Candidates c = new Candidates();
    c.singles.add(EtsForecaster.auto(m1, m1 >= 2));
    c.singles.add(new SeasonallyAdjusted(new ThetaForecaster(), m1, "Theta(m=" + m1 + ")"));
    c.combMembers.add(0);
    c.combMembers.add(1);
    if (!fitting.isEmpty()) {
      int[] ps = fitting.stream().mapToInt(Integer::intValue).toArray();
      c.singles.add(new MstlForecaster(ps));
      c.combMembers.add(2);
      c.singles.add(new NaiveForecasters.SeasonalNaive(ps[ps.length - 1]));
      if (ps.length > 1) {
        c.singles.add(new NaiveForecasters.SeasonalNaive(ps[0]));
      }
    } else {
      c.singles.add(EtsForecaster.fixed(new Ets(false, Ets.DAMPED, Ets.NONE, 1), "DampedTrend"));
      c.combMembers.add(2);
    }
    return c;
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
    Forecaster chosen = null;
    if (train >= ETS_MIN) {
      chosen = select(y, train, hold);
    }
    if (chosen == null) {
      chosen = candidates(periods, n).singles.get(0);
    }
    try {
      return rename(chosen.fit(y));
    } catch (IllegalArgumentException inadmissibleOnFullData) {
      return rename(candidates(periods, n).singles.get(0).fit(y));
    }
  }

  /**
   * Fits every candidate to {@code y[0, train)} and scores the forecasts of the next {@code hold} values by mean
   * absolute error, together with two combinations of those forecasts: the median of the combination members and the
   * mean of the two best single candidates. Returns the lowest-error choice with its selected structures fixed, or
   * null when no candidate applies.
   */
  private Forecaster select(double[] y, int train, int hold) {
    Candidates cands = candidates(periods, train);
    int k = cands.singles.size();
    double[] head = Arrays.copyOf(y, train);
    double[] tail = Arrays.copyOfRange(y, train, train + hold);
    Forecaster[] same = new Forecaster[k];
    Forecast[] fcs = new Forecast[k];
    double[] err = new double[k];
    int first = -1;
    int second = -1;
    for (int i = 0; i < k; i++) {
      Forecaster method = cands.singles.get(i);
      try {
        FittedModel fit = method.fit(head);
        fcs[i] = fit.forecast(hold);
        same[i] = Refittable.of(fit, method);
      } catch (IllegalArgumentException notApplicable) {
        continue;
      }
      err[i] = mae(tail, fcs[i].mean());
      if (first < 0 || err[i] < err[first]) {
        second = first;
        first = i;
      } else if (second < 0 || err[i] < err[second]) {
        second = i;
      }
    }
    if (first < 0) {
      return null;
    }
    Forecaster best = same[first];
    double bestErr = err[first];
    List<Forecast> members = new ArrayList<>();
    List<Forecaster> memberStructures = new ArrayList<>();
    for (int i : cands.combMembers) {
      if (fcs[i] != null) {
        members.add(fcs[i]);
        memberStructures.add(same[i]);
      }
    }
    if (members.size() == cands.combMembers.size()) {
      double e = mae(tail, Combination.combineForecasts("median", members, true).mean());
      if (e < bestErr) {
        bestErr = e;
        best = new Combination(memberStructures, true);
      }
    }
    if (second >= 0) {
      double e = mae(tail, Combination.combineForecasts("mean", List.of(fcs[first], fcs[second]), false).mean());
      if (e < bestErr) {
        best = new Combination(List.of(same[first], same[second]), false);
      }
    }
    return best;
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
