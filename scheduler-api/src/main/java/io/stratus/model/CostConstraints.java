package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a workload may cost and how it may be bought: a ceiling on the hourly price, the budget it is charged to, and
 * whether interruptible (spot) capacity is acceptable and at what interruption risk, and whether new reservations and
 * commitments may be bought for it.
 *
 * <p>Commitments (1- and 3-year reservations, savings plans) are safe only for work that lasts their term. By default
 * a new commitment is taken only when the workload's {@link Workload#expectedDuration() expected duration} covers its
 * term, never for an open-ended workload; {@link Builder#commitmentsAllowed(boolean) commitmentsAllowed(true)} allows
 * them (of a term no longer than a known expected duration) and {@code commitmentsAllowed(false)} forbids them.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; {@link #none()} places no limit, allows no spot and
 * leaves commitments to the default rule.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class CostConstraints {
  private static final CostConstraints NONE = builder().build();

  @JsonProperty private final @Nullable Money maxHourlyCost;
  @JsonProperty private final @Nullable String budgetId;
  private final boolean spotAllowed;
  private final double maxInterruptionProbability;
  /** True or false when the host chose; null for the default rule (only when the expected duration covers the term). */
  private final @Nullable Boolean commitmentsAllowed;

  private CostConstraints(Builder b) {
    this.maxHourlyCost = b.maxHourlyCost;
    this.budgetId = b.budgetId;
    this.spotAllowed = b.spotAllowed;
    this.maxInterruptionProbability = b.maxInterruptionProbability;
    this.commitmentsAllowed = b.commitmentsAllowed;
  }

  @JsonCreator
  static CostConstraints fromJson(
      @JsonProperty("maxHourlyCost") Money maxHourlyCost,
      @JsonProperty("budgetId") String budgetId,
      @JsonProperty("spotAllowed") boolean spotAllowed,
      @JsonProperty("maxInterruptionProbability") Double maxInterruptionProbability,
      @JsonProperty("commitmentsAllowed") @Nullable Boolean commitmentsAllowed) {
    Builder b = builder().spotAllowed(spotAllowed);
    if (maxHourlyCost != null) {
      b.maxHourlyCost(maxHourlyCost);
    }
    if (budgetId != null) {
      b.budgetId(budgetId);
    }
    if (maxInterruptionProbability != null) {
      b.maxInterruptionProbability(maxInterruptionProbability);
    }
    b.commitmentsAllowed = commitmentsAllowed;
    return b.build();
  }

  /**
   * No cost ceiling, no budget, no spot, commitments only when the expected duration covers their term.
   *
   * @return the shared instance; never null
   */
  public static CostConstraints none() {
    return NONE;
  }

  /**
   * A new builder with the defaults of {@link #none()}.
   *
   * @return a builder; never null
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this value.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxHourlyCost = maxHourlyCost;
    b.budgetId = budgetId;
    b.spotAllowed = spotAllowed;
    b.maxInterruptionProbability = maxInterruptionProbability;
    b.commitmentsAllowed = commitmentsAllowed;
    return b;
  }

  /**
   * The most the workload may cost per hour in total.
   *
   * @return the ceiling, empty when unlimited
   */
  @JsonIgnore
  public Optional<Money> maxHourlyCost() {
    return Optional.ofNullable(maxHourlyCost);
  }

  /**
   * The budget the workload's cost is charged to.
   *
   * @return the budget id, empty when none
   */
  @JsonIgnore
  public Optional<String> budgetId() {
    return Optional.ofNullable(budgetId);
  }

  /**
   * Whether the workload tolerates interruptible capacity.
   *
   * @return true if spot offers may be chosen
   */
  @JsonProperty
  public boolean spotAllowed() {
    return spotAllowed;
  }

  /**
   * The highest monthly interruption probability the workload accepts on spot capacity.
   *
   * @return a probability in [0, 1]
   */
  @JsonProperty
  public double maxInterruptionProbability() {
    return maxInterruptionProbability;
  }

  /**
   * Whether the host explicitly allowed new reservations and commitments, also for an open-ended workload. Capacity
   * already paid for (a running reserved machine) is always usable.
   *
   * @return true only after {@code commitmentsAllowed(true)}; false by default
   */
  @JsonIgnore
  public boolean commitmentsAllowed() {
    return Boolean.TRUE.equals(commitmentsAllowed);
  }

  /**
   * Whether the host explicitly forbade new reservations and commitments, whatever the expected duration.
   *
   * @return true only after {@code commitmentsAllowed(false)}; false by default
   */
  @JsonIgnore
  public boolean commitmentsForbidden() {
    return Boolean.FALSE.equals(commitmentsAllowed);
  }

  /** The host's choice for JSON: absent when the default rule applies. */
  @JsonProperty("commitmentsAllowed")
  @Nullable Boolean commitmentsChoice() {
    return commitmentsAllowed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CostConstraints c
        && Objects.equals(maxHourlyCost, c.maxHourlyCost)
        && Objects.equals(budgetId, c.budgetId)
        && spotAllowed == c.spotAllowed
        && Double.compare(maxInterruptionProbability, c.maxInterruptionProbability) == 0
        && Objects.equals(commitmentsAllowed, c.commitmentsAllowed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxHourlyCost, budgetId, spotAllowed, maxInterruptionProbability, commitmentsAllowed);
  }

  @Override
  public String toString() {
    return "CostConstraints{maxHourlyCost=" + maxHourlyCost + ", budgetId=" + budgetId + ", spotAllowed="
        + spotAllowed + ", maxInterruptionProbability=" + maxInterruptionProbability + ", commitmentsAllowed="
        + commitmentsAllowed + "}";
  }

  /** Builder for {@link CostConstraints}; not thread-safe, {@link #build()} may be called more than once. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private @Nullable Money maxHourlyCost;
    private @Nullable String budgetId;
    private boolean spotAllowed;
    private double maxInterruptionProbability = 1.0;
    private @Nullable Boolean commitmentsAllowed;

    private Builder() {}

    /**
     * Sets the hourly ceiling.
     *
     * @param value a non-negative amount; never null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxHourlyCost(Money value) {
      Require.nonNull(value, "costConstraints.maxHourlyCost");
      if (value.isNegative()) {
        throw new IllegalArgumentException("costConstraints.maxHourlyCost must be >= 0, got " + value);
      }
      this.maxHourlyCost = value;
      return this;
    }

    /**
     * Sets the budget id.
     *
     * @param value not blank
     * @return this builder
     */
    public Builder budgetId(String value) {
      this.budgetId = Require.nonBlank(value, "costConstraints.budgetId");
      return this;
    }

    /**
     * Allows or forbids spot capacity.
     *
     * @param value true to allow
     * @return this builder
     */
    public Builder spotAllowed(boolean value) {
      this.spotAllowed = value;
      return this;
    }

    /**
     * Sets the highest acceptable monthly interruption probability on spot (default 1: any).
     *
     * @param value a probability in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1] or NaN
     */
    public Builder maxInterruptionProbability(double value) {
      this.maxInterruptionProbability = Require.probability(value, "costConstraints.maxInterruptionProbability");
      return this;
    }

    /**
     * Allows or forbids new reservations and commitments. Default (not called): a commitment only when the workload's
     * expected duration covers its term, none for an open-ended workload. {@code true} also allows them for an
     * open-ended workload (a known expected duration still caps the term); {@code false} forbids them.
     *
     * @param value true to allow, false to forbid
     * @return this builder
     */
    public Builder commitmentsAllowed(boolean value) {
      this.commitmentsAllowed = value;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the constraints; never null
     */
    public CostConstraints build() {
      return new CostConstraints(this);
    }
  }
}
