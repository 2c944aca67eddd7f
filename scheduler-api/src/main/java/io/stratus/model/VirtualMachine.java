package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A running machine in a host's fleet: what it is, where, how it was bought and at what price, how much of it is
 * already allocated to workloads, and its performance and cost history (oldest first).
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VirtualMachine {
  @JsonProperty private final String id;
  @JsonProperty private final InstanceType instanceType;
  @JsonProperty private final Region region;
  @JsonProperty private final String zone;
  @JsonProperty private final PurchaseOption purchaseOption;
  @JsonProperty private final Money hourlyPrice;
  @JsonProperty private final Instant launchedAt;
  @JsonProperty private final ResourceDemand allocated;
  @JsonProperty private final Map<String, String> labels;
  @JsonProperty private final List<PerformanceSample> performanceHistory;
  @JsonProperty private final List<CostSample> costHistory;

  private VirtualMachine(Builder b) {
    this.id = b.id;
    this.instanceType = Require.nonNull(b.instanceType, "vm.instanceType");
    this.region = Require.nonNull(b.region, "vm.region");
    this.zone = b.zone;
    this.purchaseOption = b.purchaseOption;
    this.hourlyPrice = Require.nonNull(b.hourlyPrice, "vm.hourlyPrice");
    this.launchedAt = Require.nonNull(b.launchedAt, "vm.launchedAt");
    this.allocated = b.allocated;
    this.labels = Map.copyOf(b.labels);
    this.performanceHistory = List.copyOf(b.performanceHistory);
    this.costHistory = List.copyOf(b.costHistory);
  }

  @JsonCreator
  static VirtualMachine fromJson(
      @JsonProperty("id") String id,
      @JsonProperty("instanceType") InstanceType instanceType,
      @JsonProperty("region") Region region,
      @JsonProperty("zone") String zone,
      @JsonProperty("purchaseOption") PurchaseOption purchaseOption,
      @JsonProperty("hourlyPrice") Money hourlyPrice,
      @JsonProperty("launchedAt") Instant launchedAt,
      @JsonProperty("allocated") ResourceDemand allocated,
      @JsonProperty("labels") Map<String, String> labels,
      @JsonProperty("performanceHistory") List<PerformanceSample> performanceHistory,
      @JsonProperty("costHistory") List<CostSample> costHistory) {
    Builder b =
        builder(id)
            .instanceType(instanceType)
            .region(region)
            .purchaseOption(purchaseOption)
            .hourlyPrice(hourlyPrice)
            .launchedAt(launchedAt);
    if (zone != null) {
      b.zone(zone);
    }
    if (allocated != null) {
      b.allocated(allocated);
    }
    if (labels != null) {
      b.labels(labels);
    }
    if (performanceHistory != null) {
      b.performanceHistory(performanceHistory);
    }
    if (costHistory != null) {
      b.costHistory(costHistory);
    }
    return b.build();
  }

  /**
   * A new builder.
   *
   * @param id the machine's id, not blank
   * @return a builder; never null
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * A builder that starts from this value, e.g. to record a new allocation.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.instanceType = instanceType;
    b.region = region;
    b.zone = zone;
    b.purchaseOption = purchaseOption;
    b.hourlyPrice = hourlyPrice;
    b.launchedAt = launchedAt;
    b.allocated = allocated;
    b.labels = new TreeMap<>(labels);
    b.performanceHistory = performanceHistory;
    b.costHistory = costHistory;
    return b;
  }

  /**
   * The machine's id.
   *
   * @return the id; never null
   */
  public String id() {
    return id;
  }

  /**
   * Its shape.
   *
   * @return the instance type; never null
   */
  public InstanceType instanceType() {
    return instanceType;
  }

  /**
   * Where it runs.
   *
   * @return the region; never null
   */
  public Region region() {
    return region;
  }

  /**
   * Its availability zone.
   *
   * @return the zone code; empty when unknown
   */
  public String zone() {
    return zone;
  }

  /**
   * How it was bought.
   *
   * @return the purchase option; never null
   */
  public PurchaseOption purchaseOption() {
    return purchaseOption;
  }

  /**
   * What it costs per hour (the effective rate for commitments).
   *
   * @return the price; never null
   */
  public Money hourlyPrice() {
    return hourlyPrice;
  }

  /**
   * When it was launched.
   *
   * @return the instant; never null
   */
  public Instant launchedAt() {
    return launchedAt;
  }

  /**
   * Resources already allocated to workloads.
   *
   * @return the allocation; never null, within the capacity
   */
  public ResourceDemand allocated() {
    return allocated;
  }

  /**
   * Resources still free for new workloads.
   *
   * @return capacity minus allocation; never null
   */
  @JsonIgnore
  public ResourceDemand free() {
    return instanceType.capacity().minus(allocated);
  }

  /**
   * Labels.
   *
   * @return an immutable map; never null
   */
  public Map<String, String> labels() {
    return labels;
  }

  /**
   * Performance observations, oldest first.
   *
   * @return an immutable list; never null
   */
  public List<PerformanceSample> performanceHistory() {
    return performanceHistory;
  }

  /**
   * Cost per period, oldest first.
   *
   * @return an immutable list; never null
   */
  public List<CostSample> costHistory() {
    return costHistory;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VirtualMachine v
        && id.equals(v.id)
        && instanceType.equals(v.instanceType)
        && region.equals(v.region)
        && zone.equals(v.zone)
        && purchaseOption == v.purchaseOption
        && hourlyPrice.equals(v.hourlyPrice)
        && launchedAt.equals(v.launchedAt)
        && allocated.equals(v.allocated)
        && labels.equals(v.labels)
        && performanceHistory.equals(v.performanceHistory)
        && costHistory.equals(v.costHistory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, instanceType, region, zone, purchaseOption, hourlyPrice, launchedAt, allocated);
  }

  @Override
  public String toString() {
    return "VirtualMachine{" + id + ", " + instanceType + " in " + region + ", " + purchaseOption + ", allocated="
        + allocated + "}";
  }

  /** Builder for {@link VirtualMachine}; not thread-safe, {@link #build()} may be called more than once. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final String id;
    private @Nullable InstanceType instanceType;
    private @Nullable Region region;
    private String zone = "";
    private PurchaseOption purchaseOption = PurchaseOption.ON_DEMAND;
    private @Nullable Money hourlyPrice;
    private @Nullable Instant launchedAt;
    private ResourceDemand allocated = ResourceDemand.ZERO;
    private Map<String, String> labels = new TreeMap<>();
    private List<PerformanceSample> performanceHistory = List.of();
    private List<CostSample> costHistory = List.of();

    private Builder(String id) {
      this.id = Require.nonBlank(id, "vm.id");
    }

    /**
     * Sets the instance type (required).
     *
     * @param value never null
     * @return this builder
     */
    public Builder instanceType(InstanceType value) {
      this.instanceType = Require.nonNull(value, "vm.instanceType");
      return this;
    }

    /**
     * Sets the region (required).
     *
     * @param value never null
     * @return this builder
     */
    public Builder region(Region value) {
      this.region = Require.nonNull(value, "vm.region");
      return this;
    }

    /**
     * Sets the zone.
     *
     * @param value never null; empty when unknown
     * @return this builder
     */
    public Builder zone(String value) {
      this.zone = Require.nonNull(value, "vm.zone");
      return this;
    }

    /**
     * Sets the purchase option (default on-demand).
     *
     * @param value never null
     * @return this builder
     */
    public Builder purchaseOption(PurchaseOption value) {
      this.purchaseOption = Require.nonNull(value, "vm.purchaseOption");
      return this;
    }

    /**
     * Sets the hourly price (required).
     *
     * @param value not negative; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder hourlyPrice(Money value) {
      Require.nonNull(value, "vm.hourlyPrice");
      if (value.isNegative()) {
        throw new IllegalArgumentException("vm.hourlyPrice must be >= 0, got " + value);
      }
      this.hourlyPrice = value;
      return this;
    }

    /**
     * Sets the launch time (required).
     *
     * @param value never null
     * @return this builder
     */
    public Builder launchedAt(Instant value) {
      this.launchedAt = Require.nonNull(value, "vm.launchedAt");
      return this;
    }

    /**
     * Sets the allocated resources (default none).
     *
     * @param value never null
     * @return this builder
     */
    public Builder allocated(ResourceDemand value) {
      this.allocated = Require.nonNull(value, "vm.allocated");
      return this;
    }

    /**
     * Replaces the labels.
     *
     * @param values never null
     * @return this builder
     */
    public Builder labels(Map<String, String> values) {
      Require.noNullEntries(values, "vm.labels");
      this.labels = new TreeMap<>(values);
      return this;
    }

    /**
     * Replaces the performance history.
     *
     * @param values oldest first; never null
     * @return this builder
     */
    public Builder performanceHistory(Collection<PerformanceSample> values) {
      Require.noNullElements(values, "vm.performanceHistory");
      this.performanceHistory = List.copyOf(values);
      return this;
    }

    /**
     * Replaces the cost history.
     *
     * @param values oldest first; never null
     * @return this builder
     */
    public Builder costHistory(Collection<CostSample> values) {
      Require.noNullElements(values, "vm.costHistory");
      this.costHistory = List.copyOf(values);
      return this;
    }

    /**
     * Builds the machine.
     *
     * @return the machine; never null
     * @throws NullPointerException if a required field is missing
     * @throws IllegalArgumentException if the region's provider differs from the type's, or the allocation exceeds
     *     the capacity
     */
    public VirtualMachine build() {
      InstanceType type = Require.nonNull(instanceType, "vm.instanceType");
      Region where = Require.nonNull(region, "vm.region");
      Require.nonNull(hourlyPrice, "vm.hourlyPrice");
      Require.nonNull(launchedAt, "vm.launchedAt");
      if (!where.provider().equals(type.provider())) {
        throw new IllegalArgumentException(
            "vm.region must belong to provider " + type.provider() + ", got " + where + " for '" + id + "'");
      }
      if (!allocated.fitsIn(type.capacity())) {
        throw new IllegalArgumentException(
            "vm.allocated must fit the capacity " + type.capacity() + ", got " + allocated + " for '" + id
                + "'");
      }
      return new VirtualMachine(this);
    }
  }
}
