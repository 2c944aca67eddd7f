package io.stratus.benchmarks.anomaly;

import io.stratus.timeseries.anomaly.AnomalyResult;
import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.Detectors;
import io.stratus.timeseries.anomaly.StreamingDetector;
import io.stratus.timeseries.forecast.Forecasters;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Streaming detector throughput, single thread: points per second through {@code update}. Input: a 5-minute metric
 * with a daily cycle, Gaussian noise, occasional spikes and level shifts (precomputed). Each invocation streams
 * {@value #POINTS} points through one long-lived detector, continuing the timeline.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DetectorBenchmark -f 1 -wi 3 -i 5}. The target is at
 * least 2,000,000 points/s per core ({@code ops/s} here counts points).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectorBenchmark {

  static final int POINTS = 65_536;
  private static final long FIVE_MINUTES = 300_000L;

  @Param({"robustZScore", "ewma", "seasonalBaseline", "cusum", "halfSpaceTrees", "ensemble", "ensembleOfAll",
      "forecastResidual", "bayesianChangePoint"})
  public String detector;

  private double[] values;
  private StreamingDetector instance;
  private long time;

  @Setup
  public void setUp() {
    values = series(POINTS);
    instance = create(detector, DetectorOptions.builder().window(256).build(), 256);
    time = 0;
  }

  /**
   * The benchmark input: a 5-minute metric with a daily cycle (288 points), Gaussian noise (sd 3), a spike of 15
   * noise units about every 1,000 points and a level shift of 20 about every 5,000; fixed seed.
   */
  static double[] series(int n) {
    SplittableRandom rnd = new SplittableRandom(17);
    double[] v = new double[n];
    double level = 100;
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(5000) == 0) {
        level += 20 * (rnd.nextBoolean() ? 1 : -1);
      }
      double noise = gaussian(rnd);
      double spike = rnd.nextInt(1000) == 0 ? 15 * noise : 0;
      v[i] = level + 20 * Math.sin(2 * Math.PI * (i % 288) / 288.0) + 3 * noise + spike;
    }
    return v;
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = Math.max(1e-300, rnd.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  /**
   * The round-9 NAB candidate {@code x+D4+C8+r2+G8g<gate>} ({@code NabCandidates.mixed}): the default's members,
   * built the same way, plus the cascade forest (4 trees x 64 shingles, horizon 64) ranked over 8,000 points.
   */
  static StreamingDetector cascade(DetectorOptions options, double gate) {
    DetectorOptions o = options.toBuilder().window(256).bandWidth(4.0).build();
    DetectorOptions rank4 = DetectorOptions.builder().window(4000).warmUp(64).build();
    DetectorOptions rank8 = DetectorOptions.builder().window(8000).warmUp(64).build();
    return Detectors.cascade(DetectorOptions.defaults(),
        List.of(Detectors.newExtremes(o), Detectors.rank(Detectors.seasonalBaseline(o), rank4),
            Detectors.rank(Detectors.contextual(o), rank8), Detectors.adaptiveResonance(o, 2)),
        List.of(Detectors.rank(Detectors.randomCutForest(o, 4, 4, 64, 64), rank8)), gate, 0.9);
  }

  /** The detectors measured, by name; {@code refitEvery} is the forecast-residual detector's re-estimation interval. */
  static StreamingDetector create(String name, DetectorOptions o, int refitEvery) {
    return switch (name) {
      case "robustZScore" -> Detectors.robustZScore(o);
      case "ewma" -> Detectors.ewma(o);
      case "seasonalBaseline" -> Detectors.seasonalBaseline(o);
      case "cusum" -> Detectors.cusum(o);
      case "halfSpaceTrees" -> Detectors.halfSpaceTrees(o);
      case "bayesianChangePoint" -> Detectors.bayesianChangePoint(o);
      case "ensemble" -> Detectors.ensemble(o);
      case "adaptiveResonance" -> Detectors.adaptiveResonance(o, 2);
      case "nearestNeighbours" -> Detectors.nearestNeighbours(o.toBuilder().window(384).build(), 19, 27);
      case "randomCutForest" -> Detectors.randomCutForest(o);
      case "cascade50" -> cascade(o, 0.5);
      case "cascade70" -> cascade(o, 0.7);
      case "ensembleOfAll" -> Detectors.ensemble(o, List.of(Detectors.robustZScore(o), Detectors.ewma(o),
          Detectors.seasonalBaseline(o), Detectors.cusum(o), Detectors.halfSpaceTrees(o)));
      case "forecastResidual" -> Detectors.forecastResidual(Forecasters.holt(), refitEvery, o);
      default -> throw new IllegalArgumentException("unknown detector " + name);
    };
  }

  /**
   * Streams {@value #POINTS} points.
   *
   * @return the number of anomalous labels, so the work is not eliminated
   */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int stream() {
    int flagged = 0;
    long t = time;
    for (double v : values) {
      AnomalyResult r = instance.update(t, v);
      t += FIVE_MINUTES;
      if (r.anomalous()) {
        flagged++;
      }
    }
    time = t;
    return flagged;
  }
}
