package io.stratus.benchmarks.simulation;

import java.util.Locale;

/**
 * The ideal model of scenario {@code mcs-bench-1} (section 8 of {@code shared/benchmarks/simulation-scenario-mcs-bench-1.md}),
 * evaluated directly from the scenario text: no event engine, no shared code with {@link McsBench1Simulation} or
 * {@link McsBench1Workload}. The random numbers (section 3), VM sizes (4), arrivals and lengths (6) and utilization (7)
 * are re-derived here; each VM is a FIFO queue served by its cores, so task {@code k} (in index order on its VM) takes
 * the core that frees first, starts at {@code max(a_k, that core's free time)} and finishes when the integral of
 * {@code 1000 u_k(t)} reaches its length. Placement does not change task timing (the scenario places every VM), so
 * it is not modelled. This is the checksum reference that the benchmark compares both simulators with.
 *
 * <p>Immutable after construction; not thread-safe while computing.
 */
final class McsBench1Ideal {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final McsBench1Parameters p;
  private final double[] arrival;
  private final double[] finish;

  private McsBench1Ideal(McsBench1Parameters p) {
    this.p = p;
    int c = p.cloudlets();
    int v = p.vms();
    arrival = new double[c];
    double prev = 0;
    for (int k = 0; k < c; k++) {
      double x = u(2, k, 0);
      if (p.arrivals() == McsBench1Parameters.Arrivals.STRATIFIED) {
        arrival[k] = ((k + x) * p.durationS()) / c;
      } else {
        prev = prev + ((-StrictMath.log(1 - x)) * p.durationS()) / c;
        arrival[k] = prev;
      }
    }
    finish = new double[c];
    for (int j = 0; j < v && j < c; j++) {
      double[] coreFree = new double[vcpus(j)];
      for (int k = j; k < c; k += v) {
        int core = 0;
        for (int i = 1; i < coreFree.length; i++) {
          if (coreFree[i] < coreFree[core]) {
            core = i;
          }
        }
        double start = Math.max(arrival[k], coreFree[core]);
        finish[k] = finishAt(k, start);
        coreFree[core] = finish[k];
      }
    }
  }

  /** Evaluates the ideal model for a parameter set (the whole run, then cut at the horizon on reading). */
  static McsBench1Ideal of(McsBench1Parameters p) {
    return new McsBench1Ideal(p);
  }

  /** Finish time of task k in seconds, NaN if it finishes after the horizon (when one is set). */
  double finishTime(int k) {
    double h = p.horizonS();
    return h > 0 && finish[k] > h ? Double.NaN : finish[k];
  }

  /** Tasks finished (by the horizon, if set). */
  int finished() {
    int n = 0;
    for (int k = 0; k < finish.length; k++) {
      n += Double.isNaN(finishTime(k)) ? 0 : 1;
    }
    return n;
  }

  /** The checksum: the sum of finish times of finished tasks, added in index order. */
  double finishTimeSum() {
    double sum = 0;
    for (int k = 0; k < finish.length; k++) {
      double f = finishTime(k);
      if (!Double.isNaN(f)) {
        sum += f;
      }
    }
    return sum;
  }

  /** The workload digests of section 9: sum of lengths, sum of arrivals, sum of vCPUs, utilization digest. */
  double[] digests() {
    long len = 0;
    double arr = 0;
    for (int k = 0; k < arrival.length; k++) {
      len += length(k);
      arr += arrival[k];
    }
    long cpus = 0;
    for (int j = 0; j < p.vms(); j++) {
      cpus += vcpus(j);
    }
    double util = 0;
    for (int k = 0; k < Math.min(p.cloudlets(), 1000); k++) {
      for (int n = 1; n <= 10; n++) {
        util += util(k, n);
      }
    }
    return new double[] {len, arr, cpus, util};
  }

  private double finishAt(int k, double start) {
    double s = p.utilStepS();
    double left = length(k);
    double t = start;
    long n = (long) Math.floor(t / s) + 1; // the step ((n-1)S, nS] that follows t
    while (true) {
      double rate = 1000 * util(k, n);
      double stepEnd = n * s;
      double work = rate * (stepEnd - t);
      if (work >= left) {
        return t + left / rate;
      }
      left -= work;
      t = stepEnd;
      n++;
    }
  }

  private int vcpus(int j) {
    double x = u(1, j, 0);
    return x < 0.5 ? 2 : x < 0.8 ? 4 : 8;
  }

  private long length(int k) {
    double x = u(3, k, 0);
    String[] d = p.lengthDistribution().trim().toLowerCase(Locale.ROOT).split(":");
    double v;
    switch (d[0]) {
      case "loguniform": {
        double a = Double.parseDouble(d[1]);
        v = Math.floor(a * StrictMath.pow(Double.parseDouble(d[2]) / a, x));
        break;
      }
      case "uniform": {
        double a = Double.parseDouble(d[1]);
        v = a + Math.floor(x * (Double.parseDouble(d[2]) - a + 1));
        break;
      }
      case "exp":
        v = Math.ceil((-StrictMath.log(1 - x)) * Double.parseDouble(d[1]));
        break;
      default:
        v = Double.parseDouble(d[1]);
    }
    return Math.max(1, (long) v);
  }

  private double util(int k, long n) {
    String model = p.utilization().trim().toLowerCase(Locale.ROOT);
    double raw;
    if (model.equals("periodic")) {
      double x = (n * p.utilStepS()) / p.utilPeriodS() + u(4, k, 0);
      x = x - Math.floor(x);
      double tri = 1 - 4 * Math.abs(x - 0.5);
      double noise = 2 * u(5, k, n) - 1;
      raw = 0.6 + 0.25 * tri + 0.15 * noise;
    } else if (model.equals("random")) {
      raw = 0.25 + 0.75 * u(5, k, n);
    } else {
      return Double.parseDouble(model.substring("constant:".length()));
    }
    return Math.min(1, Math.max(0.125, Math.floor(raw * 8 + 0.5) / 8));
  }

  private double u(long s, long i, long j) {
    return u(p.seed(), s, i, j);
  }

  /** U(s, i, j) of section 3 for a seed: a double in [0, 1). */
  static double u(long seed, long s, long i, long j) {
    return (h(h(h(h(seed) ^ s) ^ i) ^ j) >>> 11) * 0x1.0p-53;
  }

  private static long h(long x) {
    long z = x + GOLDEN;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
