package io.stratus.benchmarks.simulation;

import java.util.Locale;
import java.util.Objects;

/**
 * Parameters of the shared benchmark scenario {@code mcs-bench-1} (one datacenter, dynamic tasks, time-varying CPU
 * use), as defined in {@code shared/benchmarks/simulation-scenario-mcs-bench-1.md}. The whole workload is a pure
 * function of these values; see {@link McsBench1Workload}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hosts H, number of hosts, {@code >= 1}
 * @param vms V, number of VMs, {@code >= 1}
 * @param cloudlets C, number of tasks, {@code >= 0}
 * @param seed the 64-bit seed
 * @param policy VM placement policy; never null
 * @param durationS D, the arrival window in seconds, {@code > 0}
 * @param arrivals arrival process; never null
 * @param lengthDistribution task length distribution, e.g. {@code loguniform:60000:3600000}; never null
 * @param utilization utilization model, {@code periodic}, {@code random} or {@code constant:q}; never null
 * @param utilStepS S, the utilization step in seconds, {@code > 0}
 * @param utilPeriodS P, the period of the periodic component in seconds, {@code > 0}
 * @param horizonS 0 to run until every task finished, else the simulated time at which to stop, in seconds
 */
record McsBench1Parameters(
    int hosts,
    int vms,
    int cloudlets,
    long seed,
    Policy policy,
    double durationS,
    Arrivals arrivals,
    String lengthDistribution,
    String utilization,
    double utilStepS,
    double utilPeriodS,
    double horizonS) {

  /** VM placement policy, as CloudSim Plus implements it. */
  public enum Policy {
    /** Next fit: scan hosts cyclically from the last host used, take the first that fits. */
    FIRSTFIT,
    /** Among hosts that fit, the one with the fewest free cores; ties to the lowest index. */
    BESTFIT;

    /**
     * Parses {@code firstfit} or {@code bestfit}, case-insensitively.
     *
     * @param text the policy name; never null
     * @return the policy; never null
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Policy parse(String text) {
      return parseEnum(Policy.class, "policy", text);
    }
  }

  /** Arrival process of tasks in the window [0, D). */
  public enum Arrivals {
    /** Exactly one task arrives in each slot [kD/C, (k+1)D/C). */
    STRATIFIED,
    /** Exponential inter-arrival times with mean D/C. */
    POISSON;

    /**
     * Parses {@code stratified} or {@code poisson}, case-insensitively.
     *
     * @param text the name; never null
     * @return the arrival process; never null
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Arrivals parse(String text) {
      return parseEnum(Arrivals.class, "arrivals", text);
    }
  }

  /**
   * Validates; the length distribution and utilization texts are parsed here so that a bad value fails at once.
   *
   * @throws NullPointerException if a reference component is null
   * @throws IllegalArgumentException if a value is out of range or a text does not parse
   */
  public McsBench1Parameters {
    requirePositive(hosts, "hosts");
    requirePositive(vms, "vms");
    if (cloudlets < 0) {
      throw new IllegalArgumentException("cloudlets must be >= 0, was " + cloudlets);
    }
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(arrivals, "arrivals");
    Objects.requireNonNull(lengthDistribution, "lengthDistribution");
    Objects.requireNonNull(utilization, "utilization");
    requirePositive(durationS, "durationS");
    requirePositive(utilStepS, "utilStepS");
    requirePositive(utilPeriodS, "utilPeriodS");
    if (!(horizonS >= 0) || Double.isInfinite(horizonS)) {
      throw new IllegalArgumentException("horizonS must be finite and >= 0, was " + horizonS);
    }
    McsBench1Workload.LengthModel.parse(lengthDistribution);
    McsBench1Workload.UtilModel.parse(utilization);
  }

  /**
   * The scenario's defaults (small size, seed 42): H=100, V=400, C=2000, first fit, D=3600 s, stratified arrivals,
   * {@code loguniform:60000:3600000}, periodic utilization with S=60 s and P=3600 s, no horizon.
   *
   * @return the default parameters; never null
   */
  public static McsBench1Parameters defaults() {
    return new McsBench1Parameters(
        100, 400, 2000, 42L, Policy.FIRSTFIT, 3600, Arrivals.STRATIFIED, "loguniform:60000:3600000", "periodic", 60,
        3600, 0);
  }

  /**
   * A copy with another size.
   *
   * @param h hosts
   * @param v VMs
   * @param c tasks
   * @return the copy; never null
   * @throws IllegalArgumentException if a size is out of range
   */
  public McsBench1Parameters withSize(int h, int v, int c) {
    return new McsBench1Parameters(
        h, v, c, seed, policy, durationS, arrivals, lengthDistribution, utilization, utilStepS, utilPeriodS, horizonS);
  }

  /**
   * A copy with another seed.
   *
   * @param newSeed the seed
   * @return the copy; never null
   */
  public McsBench1Parameters withSeed(long newSeed) {
    return new McsBench1Parameters(
        hosts, vms, cloudlets, newSeed, policy, durationS, arrivals, lengthDistribution, utilization, utilStepS,
        utilPeriodS, horizonS);
  }

  /**
   * A copy with another policy.
   *
   * @param newPolicy the policy; never null
   * @return the copy; never null
   */
  public McsBench1Parameters withPolicy(Policy newPolicy) {
    return new McsBench1Parameters(
        hosts, vms, cloudlets, seed, newPolicy, durationS, arrivals, lengthDistribution, utilization, utilStepS,
        utilPeriodS, horizonS);
  }

  /**
   * A copy with another horizon.
   *
   * @param newHorizonS 0 for none, else the stop time in seconds
   * @return the copy; never null
   * @throws IllegalArgumentException if the horizon is negative
   */
  public McsBench1Parameters withHorizon(double newHorizonS) {
    return new McsBench1Parameters(
        hosts, vms, cloudlets, seed, policy, durationS, arrivals, lengthDistribution, utilization, utilStepS,
        utilPeriodS, newHorizonS);
  }

  /**
   * A copy with other workload models.
   *
   * @param newArrivals the arrival process; never null
   * @param newLength the length distribution text; never null
   * @param newUtilization the utilization text; never null
   * @return the copy; never null
   * @throws IllegalArgumentException if a text does not parse
   */
  public McsBench1Parameters withModels(Arrivals newArrivals, String newLength, String newUtilization) {
    return new McsBench1Parameters(
        hosts, vms, cloudlets, seed, policy, durationS, newArrivals, newLength, newUtilization, utilStepS,
        utilPeriodS, horizonS);
  }

  private static void requirePositive(double v, String name) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
    }
  }

  static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String text) {
    Objects.requireNonNull(text, field);
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text.trim())) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
            + ", was '" + text + "'");
  }
}
