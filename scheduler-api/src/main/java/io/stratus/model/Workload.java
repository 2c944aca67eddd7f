package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Something to run: its resource demand, how long it is expected to run, how important it is, who owns it (labels
 * such as {@code team}, {@code project}, {@code cost-centre}), and what it requires of cost, performance and
 * compliance, and optionally the {@link PlacementGroup} whose anti-affinity and spread rules batch placement applies
 * to it and the other members.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Workload {
  /** Label key for the owning team. */
  public static final String LABEL_TEAM = "team";
  /** Label key for the project. */
  public static final String LABEL_PROJECT = "project";
  /** Label key for the cost centre. */
  public static final String LABEL_COST_CENTRE = "cost-centre";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,252}");

  @JsonProperty private final String id;
  @JsonProperty private final ResourceDemand demand;
  @JsonProperty private final Duration expectedDuration;
  @JsonProperty private final int priority;
  @JsonProperty private final String workloadClass;
  @JsonProperty private final Set<Architecture> architectures;
  @JsonProperty private final Map<String, String> labels;
  @JsonProperty private final CostConstraints cost;
  @JsonProperty private final PerformanceRequirements performance;
  @JsonProperty private final ComplianceRequirements compliance;

  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_NULL)
  private final @Nullable PlacementGroup placementGroup;

  private Workload(Builder b) {
    this.id = b.id;
    this.demand = b.demand;
    this.expectedDuration = b.expectedDuration;
    this.priority = b.priority;
    this.workloadClass = b.workloadClass;
    this.architectures = Set.copyOf(b.architectures);
    this.labels = Map.copyOf(b.labels);
    this.cost = b.cost;
    this.performance = b.performance;
    this.compliance = b.compliance;
    this.placementGroup = b.placementGroup;
  }

  @JsonCreator
  static Workload fromJson(
      @JsonProperty("id") String id,
      @JsonProperty("demand") ResourceDemand demand,
      @JsonProperty("expectedDuration") Duration expectedDuration,
      @JsonProperty("priority") int priority,
      @JsonProperty("workloadClass") String workloadClass,
      @JsonProperty("architectures") Set<Architecture> architectures,
      @JsonProperty("labels") Map<String, String> labels,
      @JsonProperty("cost") CostConstraints cost,
      @JsonProperty("performance") PerformanceRequirements performance,
      @JsonProperty("compliance") ComplianceRequirements compliance,
      @JsonProperty("placementGroup") @Nullable PlacementGroup placementGroup) {
    Builder b = builder(id).priority(priority);
    if (demand != null) {
      b.demand(demand);
    }
    if (expectedDuration != null) {
      b.expectedDuration(expectedDuration);
    }
    if (workloadClass != null) {
      b.workloadClass(workloadClass);
    }
    if (architectures != null) {
      b.architectures(architectures);
    }
    if (labels != null) {
      b.labels(labels);
    }
    if (cost != null) {
      b.cost(cost);
    }
    if (performance != null) {
      b.performance(performance);
    }
    if (compliance != null) {
      b.compliance(compliance);
    }
    if (placementGroup != null) {
      b.placementGroup(placementGroup);
    }
    return b.build();
  }

  /**
   * A new builder.
   *
   * @param id unique id, {@code [A-Za-z0-9][A-Za-z0-9._:/-]{0,252}}
   * @return a builder; never null
   * @throws IllegalArgumentException if the id is malformed
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * A builder that starts from this value.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.demand = demand;
    b.expectedDuration = expectedDuration;
    b.priority = priority;
    b.workloadClass = workloadClass;
    b.architectures = architectures.isEmpty() ? EnumSet.noneOf(Architecture.class) : EnumSet.copyOf(architectures);
    b.labels = new TreeMap<>(labels);
    b.cost = cost;
    b.performance = performance;
    b.compliance = compliance;
    b.placementGroup = placementGroup;
    return b;
  }

  /**
   * The workload's id.
   *
   * @return the id; never null
   */
  public String id() {
    return id;
  }

  /**
   * Resources one instance of the workload needs.
   *
   * @return the demand; never null
   */
  public ResourceDemand demand() {
    return demand;
  }

  /**
   * How long the workload is expected to run; {@link Duration#ZERO} for long-running services.
   *
   * @return the duration; never null
   */
  public Duration expectedDuration() {
    return expectedDuration;
  }

  /**
   * Priority; higher is more important. Batch placement places higher priorities first.
   *
   * @return the priority, {@code >= 0}
   */
  public int priority() {
    return priority;
  }

  /**
   * The class used to look up performance history, e.g. {@code web}, {@code batch}, {@code ml-training}.
   *
   * @return the class; never null, {@code general} by default
   */
  public String workloadClass() {
    return workloadClass;
  }

  /**
   * Architectures the workload can run on.
   *
   * @return an immutable set; empty means any
   */
  public Set<Architecture> architectures() {
    return architectures;
  }

  /**
   * Owner labels.
   *
   * @return an immutable map; never null
   */
  public Map<String, String> labels() {
    return labels;
  }

  /**
   * Cost constraints.
   *
   * @return the constraints; never null
   */
  public CostConstraints cost() {
    return cost;
  }

  /**
   * Performance requirements.
   *
   * @return the requirements; never null
   */
  public PerformanceRequirements performance() {
    return performance;
  }

  /**
   * Compliance requirements.
   *
   * @return the requirements; never null
   */
  public ComplianceRequirements compliance() {
    return compliance;
  }

  /**
   * The placement group whose rules (anti-affinity, spread) batch placement applies to this workload.
   *
   * @return the group, empty if the workload is in none
   */
  @JsonIgnore
  public Optional<PlacementGroup> placementGroup() {
    return Optional.ofNullable(placementGroup);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Workload w
        && id.equals(w.id)
        && demand.equals(w.demand)
        && expectedDuration.equals(w.expectedDuration)
        && priority == w.priority
        && workloadClass.equals(w.workloadClass)
        && architectures.equals(w.architectures)
        && labels.equals(w.labels)
        && cost.equals(w.cost)
        && performance.equals(w.performance)
        && compliance.equals(w.compliance)
        && Objects.equals(placementGroup, w.placementGroup);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, demand, expectedDuration, priority, workloadClass, architectures, labels, cost,
        performance, compliance, placementGroup);
  }

  @Override
  public String toString() {
    return "Workload{" + id + ", demand=" + demand + ", priority=" + priority + ", labels=" + labels + "}";
  }

  /** Builder for {@link Workload}; not thread-safe, {@link #build()} may be called more than once. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String id;
    private ResourceDemand demand = ResourceDemand.of(1, 1);
    private Duration expectedDuration = Duration.ZERO;
    private int priority;
    private String workloadClass = "general";
    private Set<Architecture> architectures = EnumSet.noneOf(Architecture.class);
    private Map<String, String> labels = new TreeMap<>();
    private CostConstraints cost = CostConstraints.none();
    private PerformanceRequirements performance = PerformanceRequirements.none();
    private ComplianceRequirements compliance = ComplianceRequirements.none();
    private @Nullable PlacementGroup placementGroup;

    private Builder(String id) {
      Require.nonNull(id, "workload.id");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "workload.id must match [A-Za-z0-9][A-Za-z0-9._:/-]{0,252}, got '" + id + "'");
      }
      this.id = id;
    }

    /**
     * Sets the demand (default 1 vCPU, 1 GiB).
     *
     * @param value the demand; never null
     * @return this builder
     */
    public Builder demand(ResourceDemand value) {
      this.demand = Require.nonNull(value, "workload.demand");
      return this;
    }

    /**
     * Sets the expected duration (default zero: long-running).
     *
     * @param value not negative; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder expectedDuration(Duration value) {
      Require.nonNull(value, "workload.expectedDuration");
      if (value.isNegative()) {
        throw new IllegalArgumentException("workload.expectedDuration must be >= 0, got " + value);
      }
      this.expectedDuration = value;
      return this;
    }

    /**
     * Sets the priority (default 0).
     *
     * @param value {@code >= 0}; higher is more important
     * @return this builder
     * @throws IllegalArgumentException if the value is negative
     */
    public Builder priority(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("workload.priority must be >= 0 (0 is the default, higher is more"
            + " important), got " + value);
      }
      this.priority = value;
      return this;
    }

    /**
     * Sets the workload class (default {@code general}).
     *
     * @param value not blank
     * @return this builder
     */
    public Builder workloadClass(String value) {
      this.workloadClass = Require.nonBlank(value, "workload.workloadClass");
      return this;
    }

    /**
     * Sets the architectures the workload supports (default: any).
     *
     * @param values the architectures; never null
     * @return this builder
     */
    public Builder architectures(Collection<Architecture> values) {
      Require.noNullElements(values, "workload.architectures");
      this.architectures = values.isEmpty() ? EnumSet.noneOf(Architecture.class) : EnumSet.copyOf(values);
      return this;
    }

    /**
     * Replaces the labels.
     *
     * @param values label keys and values, none blank; never null
     * @return this builder
     */
    public Builder labels(Map<String, String> values) {
      Require.noNullEntries(values, "workload.labels");
      TreeMap<String, String> copy = new TreeMap<>();
      values.forEach((k, v) -> copy.put(Require.nonBlank(k, "workload.labels key"), v));
      this.labels = copy;
      return this;
    }

    /**
     * Adds one label.
     *
     * @param key not blank
     * @param value never null
     * @return this builder
     */
    public Builder label(String key, String value) {
      labels.put(Require.nonBlank(key, "workload.labels key"), Require.nonNull(value, "workload.labels value"));
      return this;
    }

    /**
     * Sets the cost constraints.
     *
     * @param value never null
     * @return this builder
     */
    public Builder cost(CostConstraints value) {
      this.cost = Require.nonNull(value, "workload.cost");
      return this;
    }

    /**
     * Sets the performance requirements.
     *
     * @param value never null
     * @return this builder
     */
    public Builder performance(PerformanceRequirements value) {
      this.performance = Require.nonNull(value, "workload.performance");
      return this;
    }

    /**
     * Sets the compliance requirements.
     *
     * @param value never null
     * @return this builder
     */
    public Builder compliance(ComplianceRequirements value) {
      this.compliance = Require.nonNull(value, "workload.compliance");
      return this;
    }

    /**
     * Puts the workload in a placement group (default: none). Every member of a batch must carry an equal group.
     *
     * @param value the group; never null
     * @return this builder
     */
    public Builder placementGroup(PlacementGroup value) {
      this.placementGroup = Require.nonNull(value, "workload.placementGroup");
      return this;
    }

    /**
     * Builds the workload.
     *
     * @return the workload; never null
     * @throws IllegalArgumentException if the demand is zero in every dimension
     */
    public Workload build() {
      if (demand.vcpus() == 0 && demand.memoryGib() == 0 && demand.gpus() == 0) {
        throw new IllegalArgumentException(
            "workload.demand must ask for some vCPU, memory or GPU, got " + demand + " for '" + id + "'");
      }
      return new Workload(this);
    }
  }
}
