package io.stratus.benchmarks.anomaly;

import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Points per second of the measuring thread's CPU time, for the detectors of {@link DetectorBenchmark} on the same
 * input. On a shared machine JMH's wall-clock throughput falls with the load (another process holding the core is
 * counted as our time); thread CPU time counts only the time this thread ran, so it approximates "points per second
 * per core" under load (cache and SMT contention still slow it somewhat).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.anomaly.DetectorCpuThroughput
 * [detector,detector,...] [refitEvery]}. Each detector streams the input repeatedly for 12 rounds of 0.3 s wall
 * time; the first 4 rounds are warm-up and the median of the other 8 is printed.
 */
public final class DetectorCpuThroughput {

  private static final int ROUNDS = 12;
  private static final int WARM_UP = 4;
  private static final long ROUND_NANOS = 300_000_000L;

  private DetectorCpuThroughput() {
  }

  /**
   * Entry point.
   *
   * @param args optional comma-separated detector names (default all) and the forecast-residual re-estimation
   *     interval (default 256)
   */
  public static void main(String[] args) {
    String[] names = args.length > 0 ? args[0].split(",") : new String[] {"robustZScore", "ewma",
        "seasonalBaseline", "cusum", "halfSpaceTrees", "ensemble", "ensembleOfAll", "forecastResidual",
        "bayesianChangePoint"};
    int refitEvery = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    double[] values = DetectorBenchmark.series(DetectorBenchmark.POINTS);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (String name : names) {
      StreamingDetector d = DetectorBenchmark.create(name, DetectorOptions.builder().window(256).build(), refitEvery);
      long t = 0;
      int flagged = 0;
      double[] rates = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        long wall = System.nanoTime();
        long cpu = mx.getCurrentThreadCpuTime();
        long points = 0;
        while (System.nanoTime() - wall < ROUND_NANOS) {
          for (double v : values) {
            if (d.update(t, v).anomalous()) {
              flagged++;
            }
            t += 300_000L;
          }
          points += values.length;
        }
        rates[round] = points / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
      }
      double[] measured = Arrays.copyOfRange(rates, WARM_UP, ROUNDS);
      Arrays.sort(measured);
      int n = measured.length;
      double median = n % 2 == 1 ? measured[n / 2] : 0.5 * (measured[n / 2 - 1] + measured[n / 2]);
      System.out.printf(Locale.ROOT, "%-20s %,12.0f points per CPU-second (min %,.0f, max %,.0f; %d flagged)%n",
          name, median, measured[0], measured[n - 1], flagged);
    }
  }
}
