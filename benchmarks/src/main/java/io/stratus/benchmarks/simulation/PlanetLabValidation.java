package io.stratus.benchmarks.simulation;

import io.stratus.simulation.validation.ValidationFramework;
import io.stratus.simulation.validation.ValidationReport;
import io.stratus.simulation.workload.TraceReplay;
import io.stratus.simulation.workload.UtilizationTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Demonstrates the validation framework on PlanetLab: replays every trace of a day as VM demand on simulated hosts
 * (8 VMs per host) with one-minute sampling, and validates the simulated utilization (averaged back to the traces'
 * 5-minute intervals) against the traces, pooled over all VMs, for two host capacities: 8 VM-equivalents (no
 * overcommit: the simulation must reproduce the traces) and 0.8 (10x overcommit: it must not).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.stratus.benchmarks.simulation.PlanetLabValidation ../shared/data/planetlab/20110303
 * </pre>
 */
public final class PlanetLabValidation {
  private PlanetLabValidation() {}

  /**
   * Entry point.
   *
   * @param args the PlanetLab day directory
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/planetlab/20110303");
    if (!Files.isDirectory(dir)) {
      System.out.println("PlanetLab data not found at " + dir + "; skipping");
      return;
    }
    Instant day = Instant.parse("2011-03-03T00:00:00Z");
    List<UtilizationTrace> traces = UtilizationTrace.readPlanetLabDirectory(dir, day);
    ValidationFramework vf = ValidationFramework.of(new ValidationFramework.Thresholds(0.05, 5, 0.02, 0.05, 0.95));
    System.out.println("| host capacity (VM-equiv.) | VMs | pairs | overloaded host-samples | KS D | KS p | AD p |"
        + " MAPE % | RMSE | mean error CI | verdict |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (double capacity : new double[] {8, 0.8}) {
      TraceReplay.Result r = TraceReplay.of(8, capacity, Duration.ofMinutes(1)).run(traces);
      int per = traces.get(0).size();
      double[] sim = new double[traces.size() * per];
      double[] obs = new double[sim.length];
      for (int v = 0; v < traces.size(); v++) {
        UtilizationTrace t = traces.get(v);
        UtilizationTrace d = r.delivered().get(v);
        for (int i = 0; i < per; i++) {
          double sum = 0;
          for (int m = 0; m < 5; m++) {
            sum += d.value(i * 5 + m);
          }
          // round to 1e-9 so that float noise of the averaging does not create spurious KS ties differences
          sim[v * per + i] = Math.round(sum / 5 * 1e9) / 1e9;
          obs[v * per + i] = Math.round(t.value(i) * 1e9) / 1e9;
        }
      }
      ValidationReport rep = vf.validate("planetlab capacity " + capacity, sim, obs);
      System.out.println(String.format(Locale.ROOT,
          "| %.1f | %d | %d | %.4f | %.4f | %.3g | %.3f | %.2f | %.4f | [%.5f, %.5f] | %s |", capacity,
          traces.size(), rep.n(), r.overloadedHostSampleFraction(), rep.ksStatistic(), rep.ksPValue(),
          rep.adPValue(), rep.mapePercent(), rep.rmse(), rep.meanError().lower(), rep.meanError().upper(),
          rep.passed() ? "PASS" : "FAIL"));
    }
  }
}
