package io.stratus.timeseries.forecast;

import io.stratus.timeseries.NonFiniteStateException;
import io.stratus.timeseries.SeriesTooShortException;
import io.stratus.timeseries.SeriesValidation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Automatic method: rolling-origin validation of every candidate inside the series, combination of the best
 * candidates when the validation cannot tell them apart, refit of the chosen structure on the whole series. See
 * {@link Forecasters#auto(int...)}.
 */
final class AutoForecaster implements Forecaster {

  private static final int MIN_LENGTH = 2;
  private static final int ETS_MIN = new Ets(false, Ets.NONE, Ets.NONE, 1).minLength();

  /**
   * The design constants of the selection, chosen by rolling-origin validation inside the training parts of the M4
   * Hourly development series (odd ids H1, H3, ..., H199); see {@code benchmarks/results/forecast.md}.
   *
   * @param origins number of forecast origins
   * @param maxHold longest validation horizon (per origin)
   * @param stepFraction distance between consecutive origins, as a fraction of the validation horizon
   * @param margin relative error margin within which candidates count as tied and are combined
   * @param maxCombined largest number of tied candidates averaged
   * @param scoreCombinations also score the median of ETS/Theta/MSTL and the mean of the two best as candidates
   */
  record Design(int origins, int maxHold, double stepFraction, double margin, int maxCombined, boolean scoreCombinations) {}

  static final Design DEFAULT = new Design(6, 48, 0.5, 0.2, 3, true);

  private final int[] periods;
  private final Design design;

  AutoForecaster(int[] periods) {
    this(periods, DEFAULT);
  }

  AutoForecaster(int[] periods, Design design) {
    this.periods = periods.clone();
    this.design = design;
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

  /** The smallest period that fits twice into n values, or 1. */
  private int shortestFitting(int n) {
    for (int p : periods) {
      if (p >= 2 && n >= 2 * p) {
        return p;
      }
    }
    return 1;
  }

  @Override
  public FittedModel fit(double[] y) {
    SeriesValidation.requireFinite(y, "y");
    if (y.length < MIN_LENGTH) {
      throw new SeriesTooShortException(name(), MIN_LENGTH, y.length);
    }
    FittedModel chosen = Rescaled.guard(new Forecaster() {
      @Override
      public String name() {
        return AutoForecaster.this.name();
      }

      @Override
      public FittedModel fit(double[] scaled) {
        return fitInRange(scaled);
      }
    }).fit(y);
    return new Renamed(chosen.name(), chosen, y);
  }

  /** Selection and fit on a series whose values are inside the safe range of {@link Rescaled}. */
  private FittedModel fitInRange(double[] y) {
    int n = y.length;
    if (n < ETS_MIN) {
      return rename(new NaiveForecasters.SeasonalNaive(1).fit(y), "");
    }
    List<Forecaster> ranked = select(y);
    StringBuilder failures = new StringBuilder();
    for (Forecaster chosen : ranked) {
      try {
        return rename(chosen.fit(y), failures.toString());
      } catch (IllegalArgumentException | IllegalStateException notFittedOnAllData) {
        failures.append(failures.length() == 0 ? "" : "; ").append(chosen.name()).append(": ")
            .append(notFittedOnAllData.getMessage());
      }
    }
    for (Forecaster fallback : List.of(candidates(periods, n).singles.get(0), new NaiveForecasters.SeasonalNaive(1))) {
      try {
        return rename(fallback.fit(y), failures.toString());
      } catch (IllegalArgumentException | IllegalStateException notFitted) {
        failures.append(failures.length() == 0 ? "" : "; ").append(fallback.name()).append(": ")
            .append(notFitted.getMessage());
      }
    }
    throw new NonFiniteStateException(name(), "every candidate and the naive method", failures.toString());
  }

  /**
   * Rolling-origin validation: each candidate is fitted to the series up to each of {@code design.origins()} origins
   * and forecasts the next {@code hold} values; candidates are ranked by their mean absolute error over all origins.
   * Returns the choice (the best single candidate, or a combination when candidates are tied within the margin or a
   * scored combination is better) followed by the remaining candidates in rank order as fallbacks; the structures
   * selected at the latest origin (for example the ETS form) are kept fixed. Empty when the series is too short to
   * hold out anything.
   */
  List<Forecaster> select(double[] y) {
    int n = y.length;
    int m1 = shortestFitting(n);
    int hold = m1 >= 2 ? Math.min(Math.min(2 * m1, Math.max(m1, design.maxHold())), n / 4)
        : Math.max(1, Math.min(design.maxHold() / 4, n / 5));
    int step = Math.max(1, (int) Math.round(hold * design.stepFraction()));
    List<Integer> ends = new ArrayList<>();
    for (int o = 0; o < design.origins(); o++) {
      int end = n - hold - o * step;
      if (end >= ETS_MIN) {
        ends.add(end);
      }
    }
    if (ends.isEmpty()) {
      return List.of();
    }
    int shortest = ends.get(ends.size() - 1);
    Candidates cands = candidates(periods, shortest);
    int k = cands.singles.size();
    int origins = ends.size();
    Forecaster[] same = new Forecaster[k];
    double[][][] fcs = new double[k][origins][];
    double[] err = new double[k];
    boolean[] ok = new boolean[k];
    double[][] actual = new double[origins][];
    for (int o = 0; o < origins; o++) {
      int end = ends.get(o);
      actual[o] = Arrays.copyOfRange(y, end, end + hold);
    }
    for (int i = 0; i < k; i++) {
      Forecaster method = cands.singles.get(i);
      ok[i] = true;
      for (int o = 0; o < origins && ok[i]; o++) {
        try {
          FittedModel fit = method.fit(Arrays.copyOf(y, ends.get(o)));
          fcs[i][o] = fit.forecast(hold).mean();
          if (o == 0) {
            same[i] = Refittable.of(fit, method);
          }
          err[i] += mae(actual[o], fcs[i][o]) / origins;
        } catch (IllegalArgumentException | IllegalStateException notApplicableOrDiverged) {
          ok[i] = false;
        }
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (ok[i]) {
        order.add(i);
      }
    }
    if (order.isEmpty()) {
      return List.of();
    }
    order.sort((a, b) -> Double.compare(err[a], err[b]));
    int first = order.get(0);
    List<Forecaster> ranked = new ArrayList<>();
    for (int i : order) {
      ranked.add(same[i]);
    }
    // Tied candidates (within the margin of the best): their mean.
    List<Integer> tied = new ArrayList<>();
    for (int i : order) {
      if (tied.size() < design.maxCombined() && err[i] <= err[first] * (1 + design.margin())) {
        tied.add(i);
      }
    }
    Forecaster best = same[first];
    double bestErr = err[first];
    if (tied.size() > 1) {
      best = mean(same, tied);
      bestErr = Double.NEGATIVE_INFINITY;
    }
    if (design.scoreCombinations()) {
      boolean allMembers = true;
      for (int i : cands.combMembers) {
        allMembers &= ok[i];
      }
      if (allMembers) {
        double e = comboError(fcs, cands.combMembers, actual, true);
        if (e < bestErr) {
          bestErr = e;
          List<Forecaster> members = new ArrayList<>();
          for (int i : cands.combMembers) {
            members.add(same[i]);
          }
          best = new Combination(members, true);
        }
      }
      if (order.size() > 1) {
        List<Integer> top2 = order.subList(0, 2);
        double e = comboError(fcs, top2, actual, false);
        if (e < bestErr) {
          best = mean(same, top2);
        }
      }
    }
    if (best != same[first]) {
      ranked.add(0, best);
    }
    return ranked;
  }

  private static Forecaster mean(Forecaster[] same, List<Integer> members) {
    List<Forecaster> fs = new ArrayList<>();
    for (int i : members) {
      fs.add(same[i]);
    }
    return new Combination(fs, false);
  }

  /** Mean absolute error over all origins of the median or mean of the members' point forecasts. */
  private static double comboError(double[][][] fcs, List<Integer> members, double[][] actual, boolean median) {
    double e = 0;
    double[] col = new double[members.size()];
    for (int o = 0; o < actual.length; o++) {
      double[] f = new double[actual[o].length];
      for (int j = 0; j < f.length; j++) {
        for (int q = 0; q < col.length; q++) {
          col[q] = fcs[members.get(q)][o][j];
        }
        f[j] = Combination.combine(col, median);
      }
      e += mae(actual[o], f) / actual.length;
    }
    return e;
  }

  private static double mae(double[] actual, double[] forecast) {
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      s += Math.abs(actual[i] - forecast[i]);
    }
    return s / actual.length;
  }

  private static FittedModel rename(FittedModel m, String failures) {
    return new Renamed(named(m.name(), failures), m, null);
  }

  private static String named(String model, String failures) {
    return failures.isEmpty() ? "Auto[" + model + "]" : "Auto[" + model + "; fallback after: " + failures + "]";
  }

  /**
   * The chosen model under the automatic method's name. A forecast whose state stops being finite (for example a
   * trend extrapolated past the double range) is replaced by the naive forecast, and the forecast's model name says so.
   */
  private static final class Renamed implements FittedModel {
    private final String name;
    private final FittedModel inner;
    private final double[] y;

    /** {@code y} is the series to fall back on at forecast time, or null for no fallback. */
    Renamed(String name, FittedModel inner, double[] y) {
      this.name = name;
      this.inner = inner;
      this.y = y == null ? null : y.clone();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Forecast forecast(int h) {
      Forecast f;
      String model = name;
      try {
        f = inner.forecast(h);
      } catch (NonFiniteStateException diverged) {
        if (y == null || name.equals("Auto[Naive]")) {
          throw diverged;
        }
        try {
          f = Rescaled.guard(new NaiveForecasters.SeasonalNaive(1)).fit(y).forecast(h);
        } catch (IllegalArgumentException naiveFailed) {
          diverged.addSuppressed(naiveFailed);
          throw diverged;
        }
        model = named("Naive", diverged.getMessage());
      }
      return Forecast.wrap(model, f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95());
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
