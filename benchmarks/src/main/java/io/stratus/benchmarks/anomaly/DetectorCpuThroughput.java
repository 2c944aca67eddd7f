package io.stratus.benchmarks.anomaly;

import io.stratus.timeseries.anomaly.DetectorOptions;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points per second of the measuring thread's CPU time, for the detectors of {@link DetectorBenchmark} on the same
 * input. On a shared machine JMH's wall-clock throughput falls with the load (another process holding the core is
 * counted as our time); thread CPU time counts only the time this thread ran, so it approximates "points per second
 * per core" under load (cache and SMT contention still slow it somewhat).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.anomaly.DetectorCpuThroughput
 * [detector,detector,...] [refitEvery] [--forks N]}. Each detector streams the input repeatedly for 12 rounds of 0.3 s
 * wall time; the first 4 rounds are warm-up and the median of the other 8 is the run's figure. By default every
 * detector is measured in {@value #DEFAULT_FORKS} separate JVMs (forks) run one after the other, and the median, min
 * and max of their figures are printed: the compiled state a JVM settles into can differ from one JVM to the next
 * (round 12 in {@code benchmarks/results/anomaly.md}), so one JVM's figure is one sample, not the detector's speed.
 * {@code --forks 0} measures in this JVM only.
 */
public final class DetectorCpuThroughput {

  private static final int ROUNDS = 12;
  private static final int WARM_UP = 4;
  private static final long ROUND_NANOS = 300_000_000L;
  private static final int DEFAULT_FORKS = 5;
  private static final String FORKS = "--forks";

  private DetectorCpuThroughput() {
  }

  /**
   * Entry point.
   *
   * @param args optional comma-separated detector names (default all), the forecast-residual re-estimation
   *     interval (default 256), and {@code --forks N} (default {@value #DEFAULT_FORKS}; 0: this JVM only)
   * @throws IOException if a fork cannot be started or read
   * @throws InterruptedException if interrupted while waiting for a fork
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    List<String> positional = new ArrayList<>();
    int forks = DEFAULT_FORKS;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(FORKS)) {
        forks = Integer.parseInt(args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
    String[] names = !positional.isEmpty() ? positional.get(0).split(",") : new String[] {"robustZScore", "ewma",
        "seasonalBaseline", "cusum", "halfSpaceTrees", "ensemble", "ensembleOfAll", "forecastResidual",
        "bayesianChangePoint"};
    int refitEvery = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 256;
    if (forks > 0) {
      for (String name : names) {
        forked(name, refitEvery, forks);
      }
      return;
    }
    measure(names, refitEvery);
  }

  /** Measures {@code name} in {@code forks} separate JVMs, one after the other, and prints median, min and max. */
  private static void forked(String name, int refitEvery, int forks) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    double[] rates = new double[forks];
    for (int f = 0; f < forks; f++) {
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          DetectorCpuThroughput.class.getName(), name, Integer.toString(refitEvery), FORKS, "0")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("fork " + f + " for " + name + " failed: " + out);
      }
      Matcher m = RATE.matcher(out);
      if (!m.find()) {
        throw new IOException("fork " + f + " for " + name + " printed no figure: " + out);
      }
      rates[f] = Double.parseDouble(m.group(1).replace(",", ""));
      System.out.printf(Locale.ROOT, "  fork %d: %s", f + 1, out);
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-20s %,12.0f points per CPU-second, median of %d forks (min %,.0f, max %,.0f)%n",
        name, median(sorted), forks, sorted[0], sorted[forks - 1]);
  }

  private static final Pattern RATE = Pattern.compile("([0-9,]+) points per CPU-second");

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  /** Measures each detector in this JVM. */
  private static void measure(String[] names, int refitEvery) {
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
      double median = median(measured);
      System.out.printf(Locale.ROOT, "%-20s %,12.0f points per CPU-second (min %,.0f, max %,.0f; %d flagged)%n",
          name, median, measured[0], measured[n - 1], flagged);
    }
  }
}
