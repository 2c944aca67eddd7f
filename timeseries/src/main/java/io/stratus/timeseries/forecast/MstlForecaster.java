package io.stratus.timeseries.forecast;

import io.stratus.timeseries.MultiSeasonalDecomposition;
import io.stratus.timeseries.SeriesValidation;
import java.util.Arrays;

/**
 * Multiple seasonality: {@link MultiSeasonalDecomposition#weighted} (recent cycles weigh more) removes every seasonal
 * cycle, non-seasonal automatic ETS
 * forecasts the seasonally adjusted series, and the seasonal profiles are added back. Intervals come from the ETS
 * model (the seasonal profiles are treated as known).
 */
final class MstlForecaster implements Forecaster {

  /** Weight ratio between consecutive cycles in the seasonal profiles (chosen on M4 Hourly H1-H200: 0.5). */
  static final double CYCLE_DECAY = 0.5;

  private final int[] periods;
  private final EtsForecaster ets;

  MstlForecaster(int[] periods) {
    this(periods, EtsForecaster.auto(1, false));
  }

  MstlForecaster(int[] periods, EtsForecaster ets) {
    this.periods = periods.clone();
    this.ets = ets;
  }

  @Override
  public String name() {
    return "MSTL-ETS" + Arrays.toString(periods);
  }

  @Override
  public FittedModel fit(double[] y) {
    SeriesValidation.requireFinite(y, "y");
    MultiSeasonalDecomposition d = MultiSeasonalDecomposition.weighted(y, CYCLE_DECAY, periods);
    double[] adj = d.seasonallyAdjusted();
    Ets.EtsFit inner = ets.fitEts(adj);
    double[] fitted = inner.fitted();
    for (int t = 0; t < y.length; t++) {
      fitted[t] += y[t] - adj[t];
    }
    return new Fit("MSTL" + Arrays.toString(d.periods()) + "+" + inner.name(), y, fitted, inner, d, periods);
  }

  private static final class Fit extends GaussianFit implements Refittable {
    private final Ets.EtsFit inner;
    private final MultiSeasonalDecomposition d;
    private final int[] periods;

    Fit(String name, double[] y, double[] fitted, Ets.EtsFit inner, MultiSeasonalDecomposition d, int[] periods) {
      super(name, y, fitted, inner.aicc());
      this.inner = inner;
      this.d = d;
      this.periods = periods;
    }

    @Override
    public Forecaster sameStructure() {
      return new MstlForecaster(periods, EtsForecaster.fixed(inner.form, inner.form.name()));
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
