package io.stratus.benchmarks.iac;

import io.stratus.adapters.iac.CostEstimator;
import io.stratus.adapters.iac.Estimate;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Single-thread CPU time of one {@link CostEstimator#estimate(Path)} (read, parse, price) of a plan or template, after
 * the catalog's offers were read once (the first estimate pays for that and is reported apart), on a loaded machine
 * where CPU time is steadier than wall time.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.iac.IacEstimateCpuTime FILE [reps]}
 */
public final class IacEstimateCpuTime {

  private IacEstimateCpuTime() {}

  /**
   * Prints the CPU milliseconds of the first estimate and the median, min and max of the following ones.
   *
   * @param args the file to estimate, then optionally the number of measured repetitions (default 30, after 10
   *     warm-ups)
   */
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    PricingProvider catalog = ProviderRegistry.load(PricingProvider.class).require("catalog");
    CostEstimator estimator = CostEstimator.builder().pricing(catalog).build();
    long t0 = cpu.getCurrentThreadCpuTime();
    Estimate first = estimator.estimate(file);
    double firstMs = (cpu.getCurrentThreadCpuTime() - t0) / 1e6;
    for (int i = 0; i < 10; i++) {
      estimator.estimate(file);
    }
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long start = cpu.getCurrentThreadCpuTime();
      estimator.estimate(file);
      ms[i] = (cpu.getCurrentThreadCpuTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf("%s: %d priced, %d unpriced; first estimate (incl. catalog offers) %.1f ms CPU;"
        + " then median %.2f ms CPU (min %.2f, max %.2f) over %d%n", file.getFileName(), first.resources().size(),
        first.unpriced().size(), firstMs, ms[reps / 2], ms[0], ms[reps - 1], reps);
  }
}
