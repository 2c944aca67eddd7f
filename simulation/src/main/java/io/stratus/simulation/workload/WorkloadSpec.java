package io.stratus.simulation.workload;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * What a {@link WorkloadGenerator} draws: an arrival pattern with seasonality and multiplicative log-normal noise,
 * job shapes (vCPU mix, memory per vCPU, duration distribution) and team labels.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String, ArrivalPattern)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkloadSpec {
  private final String name;
  private final ArrivalPattern arrivals;
  private final Seasonality seasonality;
  private final double noiseSigma;
  private final Duration rateStep;
  private final Map<Integer, Double> vcpuWeights;
  private final double memoryGibPerVcpu;
  private final DurationDistribution durations;
  private final Map<String, Double> teamWeights;

  private WorkloadSpec(Builder b) {
    this.name = b.name;
    this.arrivals = b.arrivals;
    this.seasonality = b.seasonality;
    this.noiseSigma = b.noiseSigma;
    this.rateStep = b.rateStep;
    this.vcpuWeights = Collections.unmodifiableMap(new TreeMap<>(b.vcpuWeights));
    this.memoryGibPerVcpu = b.memoryGibPerVcpu;
    this.durations = b.durations;
    this.teamWeights = Collections.unmodifiableMap(new LinkedHashMap<>(b.teamWeights));
  }

  /**
   * A builder with defaults: no seasonality, no noise, 5-minute rate steps, 2 vCPUs, 4 GiB per vCPU, exponential
   * durations with a mean of one hour, one team named {@code default}.
   *
   * @param name the workload name, used for job ids and random stream names; never null or blank
   * @param arrivals the base arrival pattern; never null
   * @return a new builder; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name, ArrivalPattern arrivals) {
    return new Builder(name, arrivals);
  }

  /**
   * The workload name.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * The base arrival pattern.
   *
   * @return the pattern; never null
   */
  public ArrivalPattern arrivals() {
    return arrivals;
  }

  /**
   * The seasonality.
   *
   * @return the seasonality; never null
   */
  public Seasonality seasonality() {
    return seasonality;
  }

  /**
   * The standard deviation of the log-normal rate noise per rate step (0 for none); the noise has mean 1.
   *
   * @return sigma, {@code >= 0}
   */
  public double noiseSigma() {
    return noiseSigma;
  }

  /**
   * The step over which the rate is constant.
   *
   * @return the step; never null
   */
  public Duration rateStep() {
    return rateStep;
  }

  /**
   * Relative weights of vCPU counts.
   *
   * @return an unmodifiable map from vCPUs to weight, ordered by vCPUs; never null or empty
   */
  public Map<Integer, Double> vcpuWeights() {
    return vcpuWeights;
  }

  /**
   * Memory per vCPU.
   *
   * @return GiB per vCPU, {@code > 0}
   */
  public double memoryGibPerVcpu() {
    return memoryGibPerVcpu;
  }

  /**
   * The job duration distribution.
   *
   * @return the distribution; never null
   */
  public DurationDistribution durations() {
    return durations;
  }

  /**
   * Relative weights of team labels.
   *
   * @return an unmodifiable map from team to weight, in insertion order; never null or empty
   */
  public Map<String, Double> teamWeights() {
    return teamWeights;
  }

  @Override
  public String toString() {
    return "WorkloadSpec[" + name + ", " + arrivals + ", " + seasonality + ", noise=" + noiseSigma + "]";
  }

  /**
   * Builds a {@link WorkloadSpec}; setters check eagerly, {@link #build()} may be called more than once.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String name;
    private final ArrivalPattern arrivals;
    private Seasonality seasonality = Seasonality.none();
    private double noiseSigma;
    private Duration rateStep = Duration.ofMinutes(5);
    private Map<Integer, Double> vcpuWeights = Map.of(2, 1.0);
    private double memoryGibPerVcpu = 4;
    private DurationDistribution durations = DurationDistribution.exponential(Duration.ofHours(1));
    private Map<String, Double> teamWeights = Map.of("default", 1.0);

    private Builder(String name, ArrivalPattern arrivals) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      this.arrivals = Objects.requireNonNull(arrivals, "arrivals");
    }

    /**
     * Sets the seasonality.
     *
     * @param value the seasonality; never null
     * @return this builder
     * @throws NullPointerException if value is null
     */
    public Builder seasonality(Seasonality value) {
      this.seasonality = Objects.requireNonNull(value, "seasonality");
      return this;
    }

    /**
     * Sets the log-normal rate noise.
     *
     * @param sigma standard deviation of the log noise per rate step, in [0, 3]
     * @return this builder
     * @throws IllegalArgumentException if sigma is out of range
     */
    public Builder noiseSigma(double sigma) {
      if (!(sigma >= 0 && sigma <= 3)) {
        throw new IllegalArgumentException("noiseSigma must be in [0, 3], was " + sigma);
      }
      this.noiseSigma = sigma;
      return this;
    }

    /**
     * Sets the rate step.
     *
     * @param step the step; never null, between one second and one day
     * @return this builder
     * @throws IllegalArgumentException if the step is out of range
     */
    public Builder rateStep(Duration step) {
      Objects.requireNonNull(step, "rateStep");
      if (step.compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("rateStep must be between 1 s and 1 day, was " + step);
      }
      this.rateStep = step;
      return this;
    }

    /**
     * Sets the vCPU mix.
     *
     * @param weights vCPU count (&gt;= 1) to weight (&gt;= 0, not all zero); never null or empty
     * @return this builder
     * @throws IllegalArgumentException if a key or weight is out of range
     */
    public Builder vcpuWeights(Map<Integer, Double> weights) {
      this.vcpuWeights = checkWeights(weights, "vcpuWeights");
      weights.keySet().forEach(k -> {
        if (k < 1) {
          throw new IllegalArgumentException("vcpuWeights keys must be >= 1, was " + k);
        }
      });
      return this;
    }

    /**
     * Sets the memory per vCPU.
     *
     * @param gib GiB per vCPU, {@code > 0}
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder memoryGibPerVcpu(double gib) {
      if (!(gib > 0) || Double.isInfinite(gib)) {
        throw new IllegalArgumentException("memoryGibPerVcpu must be finite and > 0, was " + gib);
      }
      this.memoryGibPerVcpu = gib;
      return this;
    }

    /**
     * Sets the duration distribution.
     *
     * @param value the distribution; never null
     * @return this builder
     * @throws NullPointerException if value is null
     */
    public Builder durations(DurationDistribution value) {
      this.durations = Objects.requireNonNull(value, "durations");
      return this;
    }

    /**
     * Sets the team labels.
     *
     * @param weights team (non-blank) to weight (&gt;= 0, not all zero); never null or empty
     * @return this builder
     * @throws IllegalArgumentException if a key or weight is out of range
     */
    public Builder teamWeights(Map<String, Double> weights) {
      this.teamWeights = checkWeights(weights, "teamWeights");
      weights.keySet().forEach(k -> {
        if (k.isBlank()) {
          throw new IllegalArgumentException("teamWeights keys must not be blank");
        }
      });
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec; never null
     */
    public WorkloadSpec build() {
      return new WorkloadSpec(this);
    }

    private static <K> Map<K, Double> checkWeights(Map<K, Double> weights, String name) {
      Objects.requireNonNull(weights, name);
      if (weights.isEmpty()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      double sum = 0;
      for (Map.Entry<K, Double> e : weights.entrySet()) {
        Objects.requireNonNull(e.getKey(), name + " key");
        Double w = Objects.requireNonNull(e.getValue(), name + "[" + e.getKey() + "]");
        if (!(w >= 0) || w.isInfinite()) {
          throw new IllegalArgumentException(name + "[" + e.getKey() + "] must be finite and >= 0, was " + w);
        }
        sum += w;
      }
      if (!(sum > 0)) {
        throw new IllegalArgumentException(name + " must have a positive total weight, was " + weights);
      }
      return new LinkedHashMap<>(weights);
    }
  }
}
