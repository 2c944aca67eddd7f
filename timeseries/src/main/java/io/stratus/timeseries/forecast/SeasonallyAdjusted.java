package io.stratus.timeseries.forecast;

import io.stratus.timeseries.SeasonalDecomposition;
import io.stratus.timeseries.Seasonality;
import io.stratus.timeseries.SeriesValidation;
import java.util.Objects;

/**
 * M4's seasonal adjustment around any method: if the 90% autocorrelation test finds seasonality at lag m, the series
 * is divided by the seasonal indices of a classical multiplicative decomposition (additive when a value is
 * {@code <= 0}), the inner method is fitted to the adjusted series, and its forecasts and intervals are multiplied
 * (added) back by the indices continued forward.
 */
final class SeasonallyAdjusted implements Forecaster {

  private final Forecaster inner;
  private final int m;
  private final String name;

  SeasonallyAdjusted(Forecaster inner, int m, String name) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.m = SeriesValidation.requirePeriod(m, "m");
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FittedModel fit(double[] y) {
    SeriesValidation.requireFinite(y, "y");
    if (m < 2 || !Seasonality.isSeasonal(y, m)) {
      return new Fit(name, y, inner.fit(y), null, this);
    }
    SeasonalDecomposition d = SeasonalDecomposition.classical(y, m, SeriesValidation.allPositive(y));
    double[] idx = d.seasonalIndices();
    double[] adj = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      adj[t] = d.multiplicative() ? y[t] / idx[t % m] : y[t] - idx[t % m];
    }
    return new Fit(name, y, inner.fit(adj), d, this);
  }

  private static final class Fit extends BaseFit implements Refittable {
    private final FittedModel inner;
    private final SeasonalDecomposition d;
    private final SeasonallyAdjusted method;

    Fit(String name, double[] y, FittedModel inner, SeasonalDecomposition d, SeasonallyAdjusted method) {
      super(name, y, reseasonalise(inner.fitted(), d), inner.aicc());
      this.inner = inner;
      this.d = d;
      this.method = method;
    }

    @Override
    public Forecaster sameStructure() {
      return new SeasonallyAdjusted(Refittable.of(inner, method.inner), method.m, method.name);
    }

    private static double[] reseasonalise(double[] f, SeasonalDecomposition d) {
      if (d == null) {
        return f;
      }
      double[] idx = d.seasonalIndices();
      int m = d.period();
      for (int t = 0; t < f.length; t++) {
        f[t] = d.multiplicative() ? f[t] * idx[t % m] : f[t] + idx[t % m];
      }
      return f;
    }

    @Override
    public Forecast forecast(int h) {
      requireHorizon(h);
      Forecast f = inner.forecast(h);
      if (d == null) {
        return Forecast.wrap(name(), f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95());
      }
      double[][] parts = {f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95()};
      for (int j = 1; j <= h; j++) {
        double s = d.indexAhead(j);
        for (double[] p : parts) {
          p[j - 1] = d.multiplicative() ? p[j - 1] * s : p[j - 1] + s;
        }
      }
      return Forecast.wrap(name(), parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
  }
}
