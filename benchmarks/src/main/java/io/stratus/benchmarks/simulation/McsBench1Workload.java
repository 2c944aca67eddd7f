package io.stratus.benchmarks.simulation;

import io.stratus.simulation.engine.CounterRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * The workload of scenario {@code mcs-bench-1} as pure functions of its {@link McsBench1Parameters}: VM sizes, task
 * arrivals, lengths and per-step CPU utilization, evaluated with IEEE-754 binary64 left to right and {@link
 * StrictMath} exactly as the scenario document prescribes, so any simulator that uses these functions runs the same
 * workload bit for bit. Arrival times are precomputed (they are cumulative for Poisson arrivals); everything else is
 * computed on demand from {@link CounterRandom}.
 *
 * <p>Immutable and thread-safe.
 *
 */
final class McsBench1Workload {
  /** Stream numbers of the scenario. */
  private static final long VM_SIZE = 1;
  private static final long ARRIVAL = 2;
  private static final long LENGTH = 3;
  private static final long UTIL_PHASE = 4;
  private static final long UTIL_NOISE = 5;

  /** Host shape: 32 PEs of 1000 MIPS, 128 GiB RAM, 40,000 Mbit/s, 2,000,000 MB storage. */
  public static final int HOST_PES = 32;
  /** MIPS of one PE (host core or VM vCPU). */
  public static final int PE_MIPS = 1000;
  /** Host RAM in MiB. */
  public static final long HOST_RAM_MIB = 131_072;
  /** Host bandwidth in Mbit/s. */
  public static final long HOST_BW_MBPS = 40_000;
  /** Host storage in MB. */
  public static final long HOST_STORAGE_MB = 2_000_000;
  /** VM RAM per vCPU in MiB. */
  public static final long VM_RAM_PER_VCPU_MIB = 4096;
  /** VM bandwidth per vCPU in Mbit/s. */
  public static final long VM_BW_PER_VCPU_MBPS = 1000;
  /** VM image size in MB. */
  public static final long VM_IMAGE_MB = 20_000;

  private final McsBench1Parameters params;
  private final long vmKey;
  private final long arrivalKey;
  private final long lengthKey;
  private final long phaseKey;
  private final long noiseKey;
  private final LengthModel length;
  private final UtilModel util;
  private final double[] arrivals;

  private McsBench1Workload(McsBench1Parameters params) {
    this.params = params;
    long seed = params.seed();
    this.vmKey = CounterRandom.streamKey(seed, VM_SIZE);
    this.arrivalKey = CounterRandom.streamKey(seed, ARRIVAL);
    this.lengthKey = CounterRandom.streamKey(seed, LENGTH);
    this.phaseKey = CounterRandom.streamKey(seed, UTIL_PHASE);
    this.noiseKey = CounterRandom.streamKey(seed, UTIL_NOISE);
    this.length = LengthModel.parse(params.lengthDistribution());
    this.util = UtilModel.parse(params.utilization());
    this.arrivals = computeArrivals();
  }

  /**
   * The workload of a parameter set.
   *
   * @param params the parameters; never null
   * @return the workload; never null
   * @throws NullPointerException if params is null
   */
  public static McsBench1Workload of(McsBench1Parameters params) {
    return new McsBench1Workload(Objects.requireNonNull(params, "params"));
  }

  /**
   * The parameters.
   *
   * @return the parameters; never null
   */
  public McsBench1Parameters parameters() {
    return params;
  }

  /**
   * vCPUs of VM j: 2 with probability 0.5, 4 with 0.3, else 8.
   *
   * @param j the VM index in [0, V)
   * @return 2, 4 or 8
   */
  public int vmVcpus(int j) {
    double x = CounterRandom.uniform(vmKey, j, 0);
    return x < 0.5 ? 2 : x < 0.8 ? 4 : 8;
  }

  /**
   * Arrival time of task k in seconds.
   *
   * @param k the task index in [0, C)
   * @return the arrival time, in [0, D) for stratified arrivals
   */
  public double arrival(int k) {
    return arrivals[k];
  }

  /**
   * Length of task k in MI.
   *
   * @param k the task index in [0, C)
   * @return the length, {@code >= 1}
   */
  public long length(int k) {
    return length.draw(CounterRandom.uniform(lengthKey, k, 0));
  }

  /**
   * The VM a task runs on: {@code k mod V}.
   *
   * @param k the task index
   * @return the VM index
   */
  public int vmOf(int k) {
    return k % params.vms();
  }

  /**
   * Utilization of task k during step n (the interval ((n-1)S, nS]), a multiple of 1/8 in [0.125, 1] for the
   * periodic and random models.
   *
   * @param k the task index
   * @param n the step number, {@code >= 1}
   * @return the fraction of a PE's MIPS the task uses
   */
  public double utilization(int k, long n) {
    switch (util.kind) {
      case PERIODIC: {
        double x = (n * params.utilStepS()) / params.utilPeriodS() + CounterRandom.uniform(phaseKey, k, 0);
        x = x - Math.floor(x);
        double tri = 1 - 4 * Math.abs(x - 0.5);
        double noise = 2 * CounterRandom.uniform(noiseKey, k, n) - 1;
        double raw = 0.6 + 0.25 * tri + 0.15 * noise;
        return quantize(raw);
      }
      case RANDOM: {
        double raw = 0.25 + 0.75 * CounterRandom.uniform(noiseKey, k, n);
        return quantize(raw);
      }
      default:
        return util.q;
    }
  }

  /**
   * The step containing time t: {@code max(1, ceil(t / S))}.
   *
   * @param t a time in seconds, {@code >= 0}
   * @return the step number, {@code >= 1}
   */
  public long stepAt(double t) {
    return Math.max(1L, (long) Math.ceil(t / params.utilStepS()));
  }

  /**
   * The finish time of task k if it starts at {@code start} on a dedicated PE: the instant at which the integral of
   * {@code 1000 * u_k(t)} from {@code start} reaches the task's length (linear within a step).
   *
   * @param k the task index
   * @param start the start time in seconds, {@code >= 0}
   * @return the finish time in seconds
   */
  public double finishTime(int k, double start) {
    double s = params.utilStepS();
    double remaining = length(k);
    double t = start;
    long n = (long) Math.floor(t / s) + 1; // the step of the interval just after t
    while (true) {
      double end = n * s;
      double rate = PE_MIPS * utilization(k, n);
      double capacity = rate * (end - t);
      if (capacity >= remaining) {
        return t + remaining / rate;
      }
      remaining -= capacity;
      t = end;
      n++;
    }
  }

  /**
   * The workload digests of section 9 of the scenario.
   *
   * @return sum of lengths, sum of arrivals, sum of vCPUs and the utilization digest; never null
   */
  public Digests digests() {
    long sumLength = 0;
    double sumArrival = 0;
    for (int k = 0; k < params.cloudlets(); k++) {
      sumLength += length(k);
      sumArrival += arrivals[k];
    }
    long sumVcpus = 0;
    for (int j = 0; j < params.vms(); j++) {
      sumVcpus += vmVcpus(j);
    }
    double utilDigest = 0;
    int kMax = Math.min(params.cloudlets(), 1000);
    for (int k = 0; k < kMax; k++) {
      for (int n = 1; n <= 10; n++) {
        utilDigest += utilization(k, n);
      }
    }
    return new Digests(sumLength, sumArrival, sumVcpus, utilDigest);
  }

  /**
   * Workload digests that a reproduction of the scenario must match.
   *
   * @param sumLengthMi sum of task lengths in MI
   * @param sumArrivalS sum of arrival times in index order
   * @param sumVmVcpus sum of VM vCPUs
   * @param utilDigest sum over k &lt; min(C, 1000) and n = 1..10 of u_k(n)
   */
  public record Digests(long sumLengthMi, double sumArrivalS, long sumVmVcpus, double utilDigest) {}

  private double[] computeArrivals() {
    int c = params.cloudlets();
    double d = params.durationS();
    double[] a = new double[c];
    double prev = 0;
    for (int k = 0; k < c; k++) {
      double x = CounterRandom.uniform(arrivalKey, k, 0);
      if (params.arrivals() == McsBench1Parameters.Arrivals.STRATIFIED) {
        a[k] = ((k + x) * d) / c;
      } else {
        prev = prev + ((-StrictMath.log(1 - x)) * d) / c;
        a[k] = prev;
      }
    }
    return a;
  }

  private static double quantize(double raw) {
    return Math.min(1, Math.max(0.125, Math.floor(raw * 8 + 0.5) / 8));
  }

  /** A parsed utilization model. */
  static final class UtilModel {
    enum Kind {
      PERIODIC,
      RANDOM,
      CONSTANT
    }

    final Kind kind;
    final double q;

    private UtilModel(Kind kind, double q) {
      this.kind = kind;
      this.q = q;
    }

    static UtilModel parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.equals("periodic")) {
        return new UtilModel(Kind.PERIODIC, 0);
      }
      if (t.equals("random")) {
        return new UtilModel(Kind.RANDOM, 0);
      }
      if (t.startsWith("constant:")) {
        double q = number(t.substring(9), "utilization", text);
        if (!(q > 0 && q <= 1)) {
          throw new IllegalArgumentException("utilization constant:q needs q in (0, 1], was '" + text + "'");
        }
        return new UtilModel(Kind.CONSTANT, q);
      }
      throw new IllegalArgumentException(
          "utilization must be 'periodic', 'random' or 'constant:q', was '" + text + "'");
    }
  }

  /** A parsed length distribution. */
  static final class LengthModel {
    enum Kind {
      LOGUNIFORM,
      UNIFORM,
      EXP,
      FIXED
    }

    final Kind kind;
    final double a;
    final double b;

    private LengthModel(Kind kind, double a, double b) {
      this.kind = kind;
      this.a = a;
      this.b = b;
    }

    long draw(double x) {
      double v;
      switch (kind) {
        case LOGUNIFORM:
          v = Math.floor(a * StrictMath.pow(b / a, x));
          break;
        case UNIFORM:
          v = a + Math.floor(x * (b - a + 1));
          break;
        case EXP:
          v = Math.ceil((-StrictMath.log(1 - x)) * a);
          break;
        default:
          v = a;
      }
      return Math.max(1L, (long) v);
    }

    static LengthModel parse(String text) {
      String[] p = text.trim().toLowerCase(Locale.ROOT).split(":", -1);
      String field = "lengthDistribution";
      if (p[0].equals("loguniform") && p.length == 3) {
        double a = number(p[1], field, text);
        double b = number(p[2], field, text);
        if (!(a >= 1 && b >= a)) {
          throw new IllegalArgumentException(field + " loguniform:a:b needs 1 <= a <= b, was '" + text + "'");
        }
        return new LengthModel(Kind.LOGUNIFORM, a, b);
      }
      if (p[0].equals("uniform") && p.length == 3) {
        double a = number(p[1], field, text);
        double b = number(p[2], field, text);
        if (!(a >= 1 && b >= a)) {
          throw new IllegalArgumentException(field + " uniform:a:b needs 1 <= a <= b, was '" + text + "'");
        }
        return new LengthModel(Kind.UNIFORM, a, b);
      }
      if (p[0].equals("exp") && p.length == 2) {
        double m = number(p[1], field, text);
        if (!(m > 0)) {
          throw new IllegalArgumentException(field + " exp:m needs m > 0, was '" + text + "'");
        }
        return new LengthModel(Kind.EXP, m, 0);
      }
      if (p[0].equals("fixed") && p.length == 2) {
        double n = number(p[1], field, text);
        if (!(n >= 1) || n != Math.floor(n)) {
          throw new IllegalArgumentException(field + " fixed:n needs an integer n >= 1, was '" + text + "'");
        }
        return new LengthModel(Kind.FIXED, n, 0);
      }
      throw new IllegalArgumentException(
          field + " must be loguniform:a:b, uniform:a:b, exp:m or fixed:n, was '" + text + "'");
    }
  }

  private static double number(String s, String field, String text) {
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException("not finite");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " has a bad number '" + s + "' in '" + text + "'", e);
    }
  }
}
