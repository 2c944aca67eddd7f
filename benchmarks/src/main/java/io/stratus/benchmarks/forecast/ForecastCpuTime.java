package io.stratus.benchmarks.forecast;

import io.stratus.timeseries.forecast.Forecaster;
import io.stratus.timeseries.forecast.Forecasters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Single-thread CPU time of fit plus 48-step forecast on the same 960-point series as {@link ForecastBenchmark}, as a
 * check that is less distorted than wall-clock time on a loaded machine.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.forecast.ForecastCpuTime [reps]}
 */
public final class ForecastCpuTime {

  private ForecastCpuTime() {}

  /**
   * Prints CPU milliseconds per fit + forecast for each method.
   *
   * @param args optional number of measured repetitions (default 20; 5 warm-up fits precede them)
   */
  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    double[] y = ForecastBenchmark.hourlySeries(960, 42);
    Map<String, Forecaster> methods = new LinkedHashMap<>();
    methods.put("ets-AAA", Forecasters.holtWintersAdditive(24));
    methods.put("ets-auto", Forecasters.ets(24));
    methods.put("theta", Forecasters.theta(24));
    methods.put("mstl", Forecasters.mstl(24, 168));
    methods.put("auto", Forecasters.auto(24, 168));
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (Map.Entry<String, Forecaster> e : methods.entrySet()) {
      for (int i = 0; i < 5; i++) {
        e.getValue().fit(y).forecast(48);
      }
      long t0 = cpu.getCurrentThreadCpuTime();
      String model = "";
      for (int i = 0; i < reps; i++) {
        model = e.getValue().fit(y).forecast(48).model();
      }
      double ms = (cpu.getCurrentThreadCpuTime() - t0) / 1e6 / reps;
      System.out.printf(Locale.ROOT, "%-9s %7.2f ms CPU per fit+forecast  (%s)%n", e.getKey(), ms, model);
    }
  }
}
