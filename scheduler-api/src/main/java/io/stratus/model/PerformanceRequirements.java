package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a workload needs from its placement to perform: a minimum CPU performance score (relative to a reference core
 * scoring 1.0), a ceiling on the p95 network latency to each of its users' locations, and an availability target.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; {@link #none()} asks for nothing.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class PerformanceRequirements {
  private static final PerformanceRequirements NONE = builder().build();

  @JsonProperty private final double minCpuScore;
  @JsonProperty private final @Nullable Duration maxP95Latency;
  @JsonProperty private final List<UserLocation> userLocations;
  @JsonProperty private final double availabilityTarget;

  private PerformanceRequirements(Builder b) {
    this.minCpuScore = b.minCpuScore;
    this.maxP95Latency = b.maxP95Latency;
    this.userLocations = List.copyOf(b.userLocations);
    this.availabilityTarget = b.availabilityTarget;
  }

  @JsonCreator
  static PerformanceRequirements fromJson(
      @JsonProperty("minCpuScore") double minCpuScore,
      @JsonProperty("maxP95Latency") Duration maxP95Latency,
      @JsonProperty("userLocations") List<UserLocation> userLocations,
      @JsonProperty("availabilityTarget") double availabilityTarget) {
    Builder b = builder().minCpuScore(minCpuScore).availabilityTarget(availabilityTarget);
    if (maxP95Latency != null) {
      b.maxP95Latency(maxP95Latency);
    }
    if (userLocations != null) {
      b.userLocations(userLocations);
    }
    return b.build();
  }

  /**
   * No requirement at all.
   *
   * @return the shared instance; never null
   */
  public static PerformanceRequirements none() {
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
    b.minCpuScore = minCpuScore;
    b.maxP95Latency = maxP95Latency;
    b.userLocations = userLocations;
    b.availabilityTarget = availabilityTarget;
    return b;
  }

  /**
   * Minimum CPU performance score per vCPU (1.0 = the reference core); 0 means no requirement.
   *
   * @return a finite score {@code >= 0}
   */
  public double minCpuScore() {
    return minCpuScore;
  }

  /**
   * Ceiling on the p95 round-trip latency from the placement to each user location.
   *
   * @return the ceiling, empty when latency does not matter
   */
  @JsonIgnore
  public Optional<Duration> maxP95Latency() {
    return Optional.ofNullable(maxP95Latency);
  }

  /**
   * Where the users are; the latency ceiling applies to each.
   *
   * @return an immutable list; never null, may be empty
   */
  public List<UserLocation> userLocations() {
    return userLocations;
  }

  /**
   * Availability target as a fraction, e.g. 0.999; 0 means no requirement.
   *
   * @return a value in [0, 1)
   */
  public double availabilityTarget() {
    return availabilityTarget;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PerformanceRequirements p
        && Double.compare(minCpuScore, p.minCpuScore) == 0
        && Objects.equals(maxP95Latency, p.maxP95Latency)
        && userLocations.equals(p.userLocations)
        && Double.compare(availabilityTarget, p.availabilityTarget) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(minCpuScore, maxP95Latency, userLocations, availabilityTarget);
  }

  @Override
  public String toString() {
    return "PerformanceRequirements{minCpuScore=" + minCpuScore + ", maxP95Latency=" + maxP95Latency
        + ", userLocations=" + userLocations + ", availabilityTarget=" + availabilityTarget + "}";
  }

  /** Builder for {@link PerformanceRequirements}; not thread-safe, {@link #build()} may be called more than once. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private double minCpuScore;
    private @Nullable Duration maxP95Latency;
    private List<UserLocation> userLocations = List.of();
    private double availabilityTarget;

    private Builder() {}

    /**
     * Sets the minimum CPU score per vCPU.
     *
     * @param value finite, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder minCpuScore(double value) {
      this.minCpuScore = Require.finiteNonNegative(value, "performance.minCpuScore");
      return this;
    }

    /**
     * Sets the p95 latency ceiling; needs at least one user location at {@link #build()}.
     *
     * @param value positive; never null
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder maxP95Latency(Duration value) {
      Require.nonNull(value, "performance.maxP95Latency");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("performance.maxP95Latency must be > 0, got " + value);
      }
      this.maxP95Latency = value;
      return this;
    }

    /**
     * Sets where the users are.
     *
     * @param values the locations, copied; never null
     * @return this builder
     */
    public Builder userLocations(Collection<UserLocation> values) {
      Require.noNullElements(values, "performance.userLocations");
      this.userLocations = List.copyOf(values);
      return this;
    }

    /**
     * Sets the availability target.
     *
     * @param value in [0, 1)
     * @return this builder
     * @throws IllegalArgumentException if outside [0, 1)
     */
    public Builder availabilityTarget(double value) {
      if (!(value >= 0 && value < 1)) {
        throw new IllegalArgumentException("performance.availabilityTarget must be in [0, 1), got " + value);
      }
      this.availabilityTarget = value;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the requirements; never null
     * @throws IllegalArgumentException if a latency ceiling is set without user locations
     */
    public PerformanceRequirements build() {
      if (maxP95Latency != null && userLocations.isEmpty()) {
        throw new IllegalArgumentException(
            "performance.userLocations must not be empty when maxP95Latency is set (" + maxP95Latency + ")");
      }
      return new PerformanceRequirements(this);
    }
  }
}
