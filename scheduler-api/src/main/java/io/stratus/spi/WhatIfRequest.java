package io.stratus.spi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.stratus.model.VirtualMachine;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.PlacementPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link PlanSimulator} should simulate: a proposed {@link PlacementPlan}, the current fleet (the machines that
 * run now), an optional baseline plan (e.g. a first-fit scheduler's plan for the same workloads; when absent the
 * simulator uses the proposed plan with every new instance bought on demand), when and for how long, how many Monte
 * Carlo replications with which seed, the confidence level, and the risk assumptions.
 *
 * <p>Every running machine a plan assigns workloads to must be in the current fleet.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(PlacementPlan, Instant)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WhatIfRequest {
  @JsonProperty private final PlacementPlan plan;
  @JsonProperty private final List<VirtualMachine> currentFleet;
  @JsonProperty @JsonInclude(JsonInclude.Include.NON_NULL) private final @Nullable PlacementPlan baseline;
  @JsonProperty private final Instant start;
  @JsonProperty private final Duration horizon;
  @JsonProperty private final int replications;
  @JsonProperty private final long seed;
  @JsonProperty private final double confidenceLevel;
  @JsonProperty private final Assumptions assumptions;

  private WhatIfRequest(Builder b) {
    this.plan = b.plan;
    this.currentFleet = List.copyOf(b.currentFleet);
    this.baseline = b.baseline;
    this.start = b.start;
    this.horizon = b.horizon;
    this.replications = b.replications;
    this.seed = b.seed;
    this.confidenceLevel = b.confidenceLevel;
    this.assumptions = b.assumptions;
  }

  @JsonCreator
  static WhatIfRequest fromJson(
      @JsonProperty("plan") PlacementPlan plan,
      @JsonProperty("currentFleet") List<VirtualMachine> currentFleet,
      @JsonProperty("baseline") PlacementPlan baseline,
      @JsonProperty("start") Instant start,
      @JsonProperty("horizon") Duration horizon,
      @JsonProperty("replications") Integer replications,
      @JsonProperty("seed") Long seed,
      @JsonProperty("confidenceLevel") Double confidenceLevel,
      @JsonProperty("assumptions") Assumptions assumptions) {
    Builder b = builder(plan, start);
    if (currentFleet != null) {
      b.currentFleet(currentFleet);
    }
    if (baseline != null) {
      b.baseline(baseline);
    }
    if (horizon != null) {
      b.horizon(horizon);
    }
    if (replications != null) {
      b.replications(replications);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (confidenceLevel != null) {
      b.confidenceLevel(confidenceLevel);
    }
    if (assumptions != null) {
      b.assumptions(assumptions);
    }
    return b.build();
  }

  /**
   * A builder with defaults: empty fleet, no baseline plan, 7 days, 20 replications, seed 0, level 0.95, {@link
   * Assumptions#defaults()}.
   *
   * @param plan the proposed plan; never null
   * @param start when the simulated period starts; never null
   * @return a builder; never null
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(PlacementPlan plan, Instant start) {
    return new Builder(plan, start);
  }

  /**
   * A builder holding this request's values.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder(plan, start);
    b.currentFleet = currentFleet;
    b.baseline = baseline;
    b.horizon = horizon;
    b.replications = replications;
    b.seed = seed;
    b.confidenceLevel = confidenceLevel;
    b.assumptions = assumptions;
    return b;
  }

  /**
   * The proposed plan.
   *
   * @return the plan; never null
   */
  public PlacementPlan plan() {
    return plan;
  }

  /**
   * The machines that run now.
   *
   * @return an immutable list, possibly empty; never null
   */
  public List<VirtualMachine> currentFleet() {
    return currentFleet;
  }

  /**
   * The baseline plan, if the host gave one.
   *
   * @return the plan, or empty for the on-demand copy of the proposed plan
   */
  public Optional<PlacementPlan> baseline() {
    return Optional.ofNullable(baseline);
  }

  /**
   * When the simulated period starts.
   *
   * @return the start; never null
   */
  public Instant start() {
    return start;
  }

  /**
   * How long to simulate.
   *
   * @return the horizon; never null, positive
   */
  public Duration horizon() {
    return horizon;
  }

  /**
   * The number of Monte Carlo replications.
   *
   * @return at least 2
   */
  public int replications() {
    return replications;
  }

  /**
   * The seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The confidence level of the report's intervals.
   *
   * @return a level in (0, 1)
   */
  public double confidenceLevel() {
    return confidenceLevel;
  }

  /**
   * The risk assumptions.
   *
   * @return the assumptions; never null
   */
  public Assumptions assumptions() {
    return assumptions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WhatIfRequest r
        && plan.equals(r.plan)
        && currentFleet.equals(r.currentFleet)
        && Objects.equals(baseline, r.baseline)
        && start.equals(r.start)
        && horizon.equals(r.horizon)
        && replications == r.replications
        && seed == r.seed
        && Double.compare(confidenceLevel, r.confidenceLevel) == 0
        && assumptions.equals(r.assumptions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(plan, currentFleet, baseline, start, horizon, replications, seed, confidenceLevel,
        assumptions);
  }

  @Override
  public String toString() {
    return "WhatIfRequest[plan=" + plan.newInstances().size() + " new instances, " + plan.assignments().size()
        + " assignments, currentFleet=" + currentFleet.size() + " machines, baseline="
        + (baseline == null ? "on-demand copy" : baseline.method()) + ", start=" + start + ", horizon=" + horizon
        + ", replications=" + replications + ", seed=" + seed + ", confidenceLevel=" + confidenceLevel
        + ", assumptions=" + assumptions + "]";
  }

  /**
   * The risks the simulated period assumes besides the catalog's spot interruption rates.
   *
   * <p>Immutable and thread-safe.
   *
   * @param instanceFailuresPerHour random machine failures per machine-hour, {@code >= 0}
   * @param spotInterruptionMultiplier factor on the catalog's spot interruption rates (1 = as published), {@code >=
   *     0}
   * @param zoneOutagesPerDay outages per zone per day, {@code >= 0}
   * @param regionOutagesPerDay outages per region per day, {@code >= 0}
   * @param meanOutage the mean outage length; never null, positive
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Assumptions(
      double instanceFailuresPerHour,
      double spotInterruptionMultiplier,
      double zoneOutagesPerDay,
      double regionOutagesPerDay,
      Duration meanOutage) {
    /**
     * Validates.
     *
     * @throws NullPointerException if meanOutage is null
     * @throws IllegalArgumentException if a rate is negative or not a number, or meanOutage is not positive
     */
    public Assumptions {
      requireRate("instanceFailuresPerHour", instanceFailuresPerHour);
      requireRate("spotInterruptionMultiplier", spotInterruptionMultiplier);
      requireRate("zoneOutagesPerDay", zoneOutagesPerDay);
      requireRate("regionOutagesPerDay", regionOutagesPerDay);
      Objects.requireNonNull(meanOutage, "assumptions.meanOutage must not be null");
      if (meanOutage.isNegative() || meanOutage.isZero()) {
        throw new IllegalArgumentException("assumptions.meanOutage must be positive, got " + meanOutage);
      }
    }

    /**
     * Published spot interruption rates, one machine failure per 100,000 machine-hours, one zone outage per zone per
     * 1,000 days, one region outage per region per 5,000 days, outages of an hour on average.
     *
     * @return the defaults; never null
     */
    public static Assumptions defaults() {
      return new Assumptions(1e-5, 1, 0.001, 0.0002, Duration.ofHours(1));
    }

    /**
     * Nothing fails and spot capacity is never reclaimed.
     *
     * @return the assumptions; never null
     */
    public static Assumptions none() {
      return new Assumptions(0, 0, 0, 0, Duration.ofHours(1));
    }

    private static void requireRate(String name, double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("assumptions." + name + " must be a finite number >= 0, got " + value);
      }
    }
  }

  /**
   * Builds a {@link WhatIfRequest}; setters check eagerly, {@link #build()} checks the plans against the fleet and
   * may run more than once.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final PlacementPlan plan;
    private final Instant start;
    private List<VirtualMachine> currentFleet = List.of();
    private @Nullable PlacementPlan baseline;
    private Duration horizon = Duration.ofDays(7);
    private int replications = 20;
    private long seed;
    private double confidenceLevel = 0.95;
    private Assumptions assumptions = Assumptions.defaults();

    private Builder(PlacementPlan plan, Instant start) {
      this.plan = Objects.requireNonNull(plan, "whatIfRequest.plan must not be null");
      this.start = Objects.requireNonNull(start, "whatIfRequest.start must not be null");
    }

    /**
     * Sets the current fleet.
     *
     * @param machines the machines that run now, ids unique; never null
     * @return this builder
     * @throws NullPointerException if machines or an element is null
     * @throws IllegalArgumentException if two machines share an id
     */
    public Builder currentFleet(Collection<VirtualMachine> machines) {
      Objects.requireNonNull(machines, "whatIfRequest.currentFleet must not be null");
      List<VirtualMachine> copy = List.copyOf(machines);
      Set<String> ids = new HashSet<>();
      for (VirtualMachine vm : copy) {
        if (!ids.add(vm.id())) {
          throw new IllegalArgumentException("whatIfRequest.currentFleet has machine id '" + vm.id() + "' twice");
        }
      }
      this.currentFleet = copy;
      return this;
    }

    /**
     * Sets the baseline plan.
     *
     * @param plan the baseline, e.g. a first-fit scheduler's plan of the same workloads; never null
     * @return this builder
     * @throws NullPointerException if plan is null
     */
    public Builder baseline(PlacementPlan plan) {
      this.baseline = Objects.requireNonNull(plan, "whatIfRequest.baseline must not be null");
      return this;
    }

    /**
     * Sets the simulated period.
     *
     * @param value how long; never null, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder horizon(Duration value) {
      Objects.requireNonNull(value, "whatIfRequest.horizon must not be null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("whatIfRequest.horizon must be positive, got " + value);
      }
      this.horizon = value;
      return this;
    }

    /**
     * Sets the number of Monte Carlo replications.
     *
     * @param value at least 2 (an interval needs two)
     * @return this builder
     * @throws IllegalArgumentException if below 2
     */
    public Builder replications(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("whatIfRequest.replications must be >= 2, got " + value);
      }
      this.replications = value;
      return this;
    }

    /**
     * Sets the seed.
     *
     * @param value any value
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Sets the confidence level.
     *
     * @param value in (0, 1), e.g. 0.95
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder confidenceLevel(double value) {
      if (!(value > 0 && value < 1)) {
        throw new IllegalArgumentException("whatIfRequest.confidenceLevel must be in (0, 1), got " + value);
      }
      this.confidenceLevel = value;
      return this;
    }

    /**
     * Sets the risk assumptions.
     *
     * @param value the assumptions; never null
     * @return this builder
     * @throws NullPointerException if value is null
     */
    public Builder assumptions(Assumptions value) {
      this.assumptions = Objects.requireNonNull(value, "whatIfRequest.assumptions must not be null");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request; never null
     * @throws IllegalArgumentException if a plan assigns a workload to a running machine that is not in the current
     *     fleet
     */
    public WhatIfRequest build() {
      Set<String> fleet = new HashSet<>();
      currentFleet.forEach(vm -> fleet.add(vm.id()));
      requireTargetsInFleet("plan", plan, fleet);
      if (baseline != null) {
        requireTargetsInFleet("baseline", baseline, fleet);
      }
      return new WhatIfRequest(this);
    }

    private static void requireTargetsInFleet(String name, PlacementPlan p, Set<String> fleet) {
      for (PlacementPlan.Assignment a : p.assignments()) {
        if (a.candidate().kind() == Candidate.Kind.RUNNING_VM && !fleet.contains(a.targetId())) {
          throw new IllegalArgumentException("whatIfRequest." + name + " assigns workload '" + a.workloadId()
              + "' to running machine '" + a.targetId() + "', which is not in whatIfRequest.currentFleet "
              + fleet);
        }
      }
    }
  }
}
