package io.stratus.timeseries.forecast;

import io.stratus.timeseries.MultiSeasonalDecomposition;
import io.stratus.timeseries.SeriesValidation;
import java.util.Arrays;

/**
 * Multiple seasonality: {@link MultiSeasonalDecomposition} removes every seasonal cycle, non-seasonal automatic ETS
 * forecasts the seasonally adjusted series, and the seasonal profiles are added back. Intervals come from the ETS
 * model (the seasonal profiles are treated as known).
 */
final class MstlForecaster implements Forecaster {

  private final int[] periods;
  private final EtsForecaster ets = EtsForecaster.auto(1, false);

  MstlForecaster(int[] periods) {
    this.periods = periods.clone();
  }

  @Override
  public String name() {
    return "MSTL-ETS" + Arrays.toString(periods);
  }

  @Override
  public FittedModel fit(double[] y) {
    SeriesValidation.requireFinite(y, "y");
    MultiSeasonalDecomposition d = MultiSeasonalDecomposition.of(y, periods);
    double[] adj = d.seasonallyAdjusted();
    Ets.EtsFit inner = ets.fitEts(adj);
    double[] fitted = inner.fitted();
    for (int t = 0; t < y.length; t++) {
      fitted[t] += y[t] - adj[t];
    }
    return new Fit("MSTL" + Arrays.toString(d.periods()) + "+" + inner.name(), y, fitted, inner, d);
  }

  private static final class Fit extends GaussianFit {
    private final Ets.EtsFit inner;
    private final MultiSeasonalDecomposition d;

    Fit(String name, double[] y, double[] fitted, Ets.EtsFit inner, MultiSeasonalDecomposition d) {
      super(name, y, fitted, inner.aicc());
      this.inner = inner;
      this.d = d;
    }

    @Override
    void predict(int h, double[] mean, double[] sd) {
      inner.predict(h, mean, sd);
      for (int j = 1; j <= h; j++) {
        mean[j - 1] += d.seasonalAhead(j);
      }
    }
  }
}
