package io.stratus.timeseries.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Equal-weight combination of several methods: the median (or mean) of their point forecasts, and the same operator
 * applied to each interval bound (an order-preserving operator, so the bounds stay nested). Fitted values combine the
 * members' fitted values where all are defined.
 */
final class Combination implements Forecaster {

  private final List<Forecaster> members;
  private final boolean median;
  private final String name;

  Combination(List<Forecaster> members, boolean median, String name) {
    this.members = List.copyOf(members);
    this.median = median;
    this.name = name;
  }

  Combination(List<Forecaster> members, boolean median) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members: a combination needs at least one method");
    }
    this.members = List.copyOf(members);
    this.median = median;
    StringBuilder b = new StringBuilder(median ? "Median(" : "Mean(");
    for (int i = 0; i < members.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(members.get(i).name());
    }
    this.name = b.append(')').toString();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FittedModel fit(double[] y) {
    List<FittedModel> fits = new ArrayList<>();
    for (Forecaster f : members) {
      fits.add(f.fit(y));
    }
    return combine(name, y, fits, median, members);
  }

  static FittedModel combine(String name, double[] y, List<FittedModel> fits, boolean median,
      List<Forecaster> members) {
    int n = y.length;
    double[][] f = new double[fits.size()][];
    for (int k = 0; k < f.length; k++) {
      f[k] = fits.get(k).fitted();
    }
    double[] fitted = new double[n];
    double[] col = new double[f.length];
    for (int t = 0; t < n; t++) {
      for (int k = 0; k < f.length; k++) {
        col[k] = f[k][t];
      }
      fitted[t] = combine(col, median);
    }
    List<Forecaster> same = new ArrayList<>();
    for (int k = 0; k < fits.size(); k++) {
      same.add(Refittable.of(fits.get(k), members.get(k)));
    }
    return new Fit(name, y, fitted, List.copyOf(fits), median, same);
  }

  /** Median or mean; NaN if any member value is NaN. */
  static double combine(double[] v, boolean median) {
    for (double x : v) {
      if (Double.isNaN(x)) {
        return Double.NaN;
      }
    }
    if (!median) {
      double s = 0;
      for (double x : v) {
        s += x;
      }
      return s / v.length;
    }
    double[] c = v.clone();
    Arrays.sort(c);
    int k = c.length;
    return k % 2 == 1 ? c[k / 2] : 0.5 * (c[k / 2 - 1] + c[k / 2]);
  }

  static Forecast combineForecasts(String name, List<Forecast> fs, boolean median) {
    int h = fs.get(0).horizon();
    int k = fs.size();
    double[][][] parts = new double[k][][];
    for (int i = 0; i < k; i++) {
      Forecast f = fs.get(i);
      parts[i] = new double[][] {f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95()};
    }
    double[][] out = new double[5][h];
    double[] col = new double[k];
    for (int p = 0; p < 5; p++) {
      for (int j = 0; j < h; j++) {
        for (int i = 0; i < k; i++) {
          col[i] = parts[i][p][j];
        }
        out[p][j] = combine(col, median);
      }
    }
    return Forecast.wrap(name, out[0], out[1], out[2], out[3], out[4]);
  }

  private static final class Fit extends BaseFit implements Refittable {
    private final List<FittedModel> fits;
    private final boolean median;
    private final List<Forecaster> same;

    Fit(String name, double[] y, double[] fitted, List<FittedModel> fits, boolean median, List<Forecaster> same) {
      super(name, y, fitted, Double.NaN);
      this.fits = fits;
      this.median = median;
      this.same = same;
    }

    @Override
    public Forecaster sameStructure() {
      return new Combination(same, median, name());
    }

    @Override
    public Forecast forecast(int h) {
      requireHorizon(h);
      List<Forecast> fs = new ArrayList<>();
      for (FittedModel f : fits) {
        fs.add(f.forecast(h));
      }
      return combineForecasts(name(), fs, median);
    }
  }
}
