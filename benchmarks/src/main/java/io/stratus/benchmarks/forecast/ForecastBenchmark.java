package io.stratus.benchmarks.forecast;

import io.stratus.timeseries.forecast.Forecast;
import io.stratus.timeseries.forecast.Forecaster;
import io.stratus.timeseries.forecast.Forecasters;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Fit plus 48-step forecast on a 960-point hourly series (40 days: trend, daily and weekly cycles, noise; seeded).
 * Targets: ETS at most 5 ms, automatic selection at most 50 ms.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ForecastBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ForecastBenchmark {

  /** Method under test. */
  @Param({"ets-AAA", "ets-auto", "theta", "mstl", "auto"})
  public String method;

  private double[] series;
  private Forecaster forecaster;

  /** Builds the series and the method. */
  @Setup
  public void setUp() {
    series = hourlySeries(960, 42);
    switch (method) {
      case "ets-AAA":
        forecaster = Forecasters.holtWintersAdditive(24);
        break;
      case "ets-auto":
        forecaster = Forecasters.ets(24);
        break;
      case "theta":
        forecaster = Forecasters.theta(24);
        break;
      case "mstl":
        forecaster = Forecasters.mstl(24, 168);
        break;
      case "auto":
        forecaster = Forecasters.auto(24, 168);
        break;
      default:
        throw new IllegalArgumentException("method = " + method + ": unknown");
    }
  }

  /** A positive hourly series with trend, daily and weekly cycles and Gaussian noise. */
  static double[] hourlySeries(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double daily = 30 * Math.sin(2 * Math.PI * t / 24) + 10 * Math.cos(4 * Math.PI * t / 24);
      double weekly = (t / 24) % 7 >= 5 ? -25 : 0;
      double noise = 6 * gaussian(r);
      y[t] = 200 + 0.05 * t + daily + weekly + noise;
    }
    return y;
  }

  private static double gaussian(SplittableRandom r) {
    double u = Math.max(r.nextDouble(), 1e-300);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /**
   * Fits the method and forecasts 48 steps.
   *
   * @return the forecast (consumed by JMH)
   */
  @Benchmark
  public Forecast fitAndForecast48() {
    return forecaster.fit(series).forecast(48);
  }
}
