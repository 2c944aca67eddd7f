package io.stratus.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.timeseries.forecast.FittedModel;
import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecaster;
import io.stratus.timeseries.forecast.Forecasters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 10: every time-series entry point, fed random lengths and random, huge, tiny, NaN and infinite values,
 * either returns a valid result or throws one of its documented exception types (an {@link IllegalArgumentException},
 * which includes {@link SeriesTooShortException} and {@link NonFiniteStateException}) - never anything else.
 */
class TimeSeriesFuzzProperties {

  private static final List<Forecaster> METHODS = List.of(Forecasters.naive(), Forecasters.seasonalNaive(7),
      Forecasters.naive2(12), Forecasters.ses(), Forecasters.holt(), Forecasters.dampedTrend(),
      Forecasters.holtWintersAdditive(7), Forecasters.holtWintersMultiplicative(4), Forecasters.ets(12),
      Forecasters.ets("M,Ad,M", 7), Forecasters.theta(24), Forecasters.mstl(7, 24), Forecasters.comb(12),
      Forecasters.median(Forecasters.naive(), Forecasters.ses()), Forecasters.auto(), Forecasters.auto(7, 24));

  /** Any double, with the troublesome ones (NaN, infinities, extremes, subnormals, zero) well represented. */
  private static Arbitrary<Double> anyValue() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(-1e3, 1e3)),
        net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e155, -1e155, 1e-300, 0.0, -0.0)));
  }

  /** Finite doubles of any magnitude: a random scale times a smooth pattern plus noise, or raw extremes. */
  private static Arbitrary<double[]> finiteSeries() {
    Arbitrary<double[]> patterned = Arbitraries.longs().flatMap(seed -> Arbitraries.integers().between(0, 400)
        .flatMap(n -> Arbitraries.integers().between(-320, 307).map(exp -> {
          java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
          double scale = Math.pow(10, exp);
          double level = r.nextDouble(-2, 2);
          double[] y = new double[n];
          for (int t = 0; t < n; t++) {
            y[t] = scale * (level + Math.sin(2 * Math.PI * t / 7) + r.nextDouble(-0.5, 0.5));
          }
          return y;
        })));
    Arbitrary<double[]> raw = Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE)
        .array(double[].class).ofMaxSize(200);
    return Arbitraries.oneOf(patterned, raw);
  }

  @Provide
  Arbitrary<double[]> anySeries() {
    return anyValue().array(double[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<double[]> finite() {
    return finiteSeries();
  }

  @Provide
  Arbitrary<Forecaster> method() {
    return Arbitraries.of(METHODS);
  }

  /** Runs an entry point; only an IllegalArgumentException (or a subtype) may escape. */
  private static <T> T documented(Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return null;
    }
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void forecasters_anyInput_returnValidForecastOrDocumentedException(@ForAll("anySeries") double[] y,
      @ForAll("method") Forecaster method, @ForAll @IntRange(min = 1, max = 100) int h) {
    FittedModel fit = documented(() -> method.fit(y));
    if (fit != null) {
      Forecast f = documented(() -> fit.forecast(h));
      if (f != null) {
        // Forecast.of re-validates: all finite and lower95 <= lower80 <= mean <= upper80 <= upper95
        Forecast.of(f.model(), f.mean(), f.lower80(), f.upper80(), f.lower95(), f.upper95());
      }
    }
  }

  @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
  void forecasters_finiteInput_noNanNestedIntervalsDeterministic(@ForAll("finite") double[] y,
      @ForAll("method") Forecaster method, @ForAll @IntRange(min = 1, max = 60) int h) {
    Forecast f;
    try {
      f = method.fit(y).forecast(h);
    } catch (SeriesTooShortException | NonFiniteStateException documentedLimit) {
      return;
    } catch (IllegalArgumentException nonPositive) {
      // multiplicative forms need positive values; any other rejection of finite data is a bug
      assertThat(nonPositive.getMessage()).as(method.name()).contains("needs values > 0");
      return;
    }
    double[] mean = f.mean();
    for (int j = 0; j < h; j++) {
      assertThat(mean[j]).as(method.name() + " step " + j).isFinite();
      assertThat(f.lower95()[j]).isLessThanOrEqualTo(f.lower80()[j]).isLessThanOrEqualTo(mean[j]);
      assertThat(f.upper95()[j]).isGreaterThanOrEqualTo(f.upper80()[j]).isGreaterThanOrEqualTo(mean[j]);
    }
    assertThat(method.fit(y.clone()).forecast(h)).as(method.name() + " deterministic").isEqualTo(f);
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void seasonalityAndDecompositions_anyInput_resultOrDocumentedException(@ForAll("anySeries") double[] y,
      @ForAll @IntRange(min = -2, max = 40) int m, @ForAll @IntRange(min = -2, max = 40) int m2,
      @ForAll boolean multiplicative) {
    documented(() -> Seasonality.acf(y, m));
    documented(() -> Seasonality.isSeasonal(y, m));
    SeasonalDecomposition d = documented(() -> SeasonalDecomposition.classical(y, m, multiplicative));
    if (d != null) {
      assertThat(d.seasonalIndices()).hasSize(m);
    }
    documented(() -> MultiSeasonalDecomposition.of(y, m, m2));
    documented(() -> MultiSeasonalDecomposition.weighted(y, (m2 + 2) / 20.0, m));
    documented(() -> MissingValues.interpolate(y));
    documented(() -> MissingValues.count(y));
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void resamplerAndRegularSeries_anyInput_resultOrDocumentedException(@ForAll("anySeries") double[] v,
      @ForAll long seed, @ForAll @IntRange(min = -5, max = 100_000) int stepMs) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    long[] ts = new long[v.length];
    long t = r.nextLong(Long.MIN_VALUE / 4, Long.MAX_VALUE / 4);
    for (int i = 0; i < ts.length; i++) {
      t += r.nextInt(3) == 0 ? -r.nextLong(0, 1000) : r.nextLong(0, 3L * Math.max(1, stepMs));
      ts[i] = r.nextInt(50) == 0 ? r.nextLong() : t;
    }
    Resampler.Aggregation agg = Resampler.Aggregation.values()[r.nextInt(Resampler.Aggregation.values().length)];
    documented(() -> Resampler.resample(ts, v, Duration.ofMillis(stepMs), agg));
    documented(() -> new RegularSeries(Instant.ofEpochMilli(r.nextLong(-1L << 40, 1L << 40)),
        Duration.ofMillis(stepMs), v));
  }
}
