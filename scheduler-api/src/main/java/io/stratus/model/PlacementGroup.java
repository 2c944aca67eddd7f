package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * How the members of a group of workloads (every workload of a batch that carries a group of the same
 * {@link #name()}) must be spread: at most {@link #maxPerMachine()} members on one machine (1 is anti-affinity), and
 * per {@link Spread} constraint, members spread over a topology domain (region or provider) with a maximum skew.
 *
 * <p>The Kubernetes equivalents: the group name is the label the pods' {@code labelSelector} matches;
 * {@code maxPerMachine(1)} is a required {@code podAntiAffinity} term with {@code topologyKey:
 * kubernetes.io/hostname} (and Karpenter's one-pod-per-node provisioning); a {@link Spread} is a
 * {@code topologySpreadConstraints} entry with {@code topologyKey: topology.kubernetes.io/region} ({@link
 * Topology#REGION}) or a provider label ({@link Topology#PROVIDER}), the same {@code maxSkew}, and {@code
 * whenUnsatisfiable: DoNotSchedule} ({@link WhenUnsatisfiable#DO_NOT_SCHEDULE}, hard) or {@code ScheduleAnyway}
 * ({@link WhenUnsatisfiable#SCHEDULE_ANYWAY}, best effort). As in Kubernetes, the skew of a domain is its member count
 * minus the smallest member count over the eligible domains (those where some member could run at all), so a
 * domain that no member can use does not count; {@code minDomains}, {@code nodeTaintsPolicy} and zone topology have no
 * equivalent (the offer model has no zones).
 *
 * <p>Groups constrain batch placement ({@code Scheduler.placeAll}); a single decision has no other members to
 * spread against. Immutable and thread-safe. Build with {@link #builder(String)}.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class PlacementGroup {
  /** {@link #maxPerMachine()} of a group without a per-machine cap. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,252}");

  @JsonProperty private final String name;
  @JsonProperty private final int maxPerMachine;
  @JsonProperty private final List<Spread> spread;

  /** The domain a {@link Spread} counts members in. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2")
  public enum Topology {
    /** The offer's region ({@code topology.kubernetes.io/region}). */
    REGION,
    /** The offer's cloud provider. */
    PROVIDER
  }

  /** What batch placement does when a {@link Spread} cannot be met. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2")
  public enum WhenUnsatisfiable {
    /** Hard: a member that would break the skew is left unscheduled, with the reason. */
    DO_NOT_SCHEDULE,
    /** Soft: members are placed anyway; each unit of skew above the maximum is priced into the plan's objective. */
    SCHEDULE_ANYWAY
  }

  /**
   * One spread constraint: over the domains of {@code topology}, the member count of any domain minus the smallest
   * member count of an eligible domain is at most {@code maxSkew}.
   *
   * <p>Immutable and thread-safe.
   *
   * @param topology the domain; never null
   * @param maxSkew the largest allowed skew, {@code >= 1}
   * @param whenUnsatisfiable hard or best effort; never null
   * @since 0.2
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2")
  public record Spread(
      @JsonRequired Topology topology, @JsonRequired int maxSkew, @JsonRequired WhenUnsatisfiable whenUnsatisfiable) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code maxSkew < 1}
     * @throws NullPointerException if a component is null
     */
    public Spread {
      Require.nonNull(topology, "placementGroup.spread.topology");
      Require.nonNull(whenUnsatisfiable, "placementGroup.spread.whenUnsatisfiable");
      if (maxSkew < 1) {
        throw new IllegalArgumentException("placementGroup.spread.maxSkew must be >= 1 (as in Kubernetes"
            + " topologySpreadConstraints), got " + maxSkew);
      }
    }

    /**
     * Whether the constraint is hard ({@link WhenUnsatisfiable#DO_NOT_SCHEDULE}).
     *
     * @return true if hard
     */
    @JsonIgnore
    public boolean isHard() {
      return whenUnsatisfiable == WhenUnsatisfiable.DO_NOT_SCHEDULE;
    }
  }

  private PlacementGroup(Builder b) {
    this.name = b.name;
    this.maxPerMachine = b.maxPerMachine;
    this.spread = List.copyOf(b.spread);
  }

  @JsonCreator
  static PlacementGroup fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("maxPerMachine") Integer maxPerMachine,
      @JsonProperty("spread") List<Spread> spread) {
    Builder b = builder(name);
    if (maxPerMachine != null) {
      b.maxPerMachine(maxPerMachine);
    }
    if (spread != null) {
      b.spread(spread);
    }
    return b.build();
  }

  /**
   * A new builder: no per-machine cap, no spread.
   *
   * @param name the group's name, {@code [A-Za-z0-9][A-Za-z0-9._:/-]{0,252}}; never null
   * @return a builder; never null
   * @throws IllegalArgumentException if the name is malformed
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A group whose members never share a machine (hard anti-affinity).
   *
   * @param name the group's name; never null
   * @return the group; never null
   * @throws IllegalArgumentException if the name is malformed
   */
  public static PlacementGroup antiAffinity(String name) {
    return builder(name).antiAffinity().build();
  }

  /**
   * A builder that starts from this value.
   *
   * @return a builder; never null
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.maxPerMachine = maxPerMachine;
    b.spread = new ArrayList<>(spread);
    return b;
  }

  /**
   * The group's name: workloads of a batch whose groups have this name are its members.
   *
   * @return the name; never null
   */
  public String name() {
    return name;
  }

  /**
   * The most members one machine (a new instance or a running machine) may hold.
   *
   * @return {@code >= 1}; {@link #UNLIMITED} if there is no cap, 1 for anti-affinity
   */
  public int maxPerMachine() {
    return maxPerMachine;
  }

  /**
   * The spread constraints, at most one per topology.
   *
   * @return an immutable list; never null, may be empty
   */
  public List<Spread> spread() {
    return spread;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlacementGroup g
        && name.equals(g.name) && maxPerMachine == g.maxPerMachine && spread.equals(g.spread);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, maxPerMachine, spread);
  }

  @Override
  public String toString() {
    return "PlacementGroup{" + name + (maxPerMachine == UNLIMITED ? "" : ", maxPerMachine=" + maxPerMachine)
        + (spread.isEmpty() ? "" : ", spread=" + spread) + "}";
  }

  /** Builder for {@link PlacementGroup}; not thread-safe, {@link #build()} may be called more than once. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2")
  public static final class Builder {
    private final String name;
    private int maxPerMachine = UNLIMITED;
    private List<Spread> spread = new ArrayList<>();

    private Builder(String name) {
      Require.nonNull(name, "placementGroup.name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "placementGroup.name must match [A-Za-z0-9][A-Za-z0-9._:/-]{0,252}, got '" + name + "'");
      }
      this.name = name;
    }

    /**
     * Caps the members per machine.
     *
     * @param value {@code >= 1}; {@link #UNLIMITED} for no cap
     * @return this builder
     * @throws IllegalArgumentException if the value is below 1
     */
    public Builder maxPerMachine(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("placementGroup.maxPerMachine must be >= 1 (1 is anti-affinity, "
            + UNLIMITED + " no cap), got " + value);
      }
      this.maxPerMachine = value;
      return this;
    }

    /**
     * Hard anti-affinity: no two members on one machine ({@code maxPerMachine(1)}).
     *
     * @return this builder
     */
    public Builder antiAffinity() {
      return maxPerMachine(1);
    }

    /**
     * Adds a spread constraint.
     *
     * @param topology the domain; never null
     * @param maxSkew {@code >= 1}
     * @param whenUnsatisfiable hard or best effort; never null
     * @return this builder
     * @throws IllegalArgumentException if {@code maxSkew < 1} or the topology already has a constraint
     */
    public Builder spread(Topology topology, int maxSkew, WhenUnsatisfiable whenUnsatisfiable) {
      Spread s = new Spread(topology, maxSkew, whenUnsatisfiable);
      checkNew(spread, s);
      spread.add(s);
      return this;
    }

    /**
     * Replaces the spread constraints.
     *
     * @param values at most one per topology; never null
     * @return this builder
     * @throws IllegalArgumentException if two constraints share a topology
     */
    public Builder spread(Collection<Spread> values) {
      Require.noNullElements(values, "placementGroup.spread");
      List<Spread> copy = new ArrayList<>();
      for (Spread s : values) {
        checkNew(copy, s);
        copy.add(s);
      }
      this.spread = copy;
      return this;
    }

    private void checkNew(List<Spread> existing, Spread s) {
      Set<Topology> seen = EnumSet.noneOf(Topology.class);
      existing.forEach(e -> seen.add(e.topology()));
      if (seen.contains(s.topology())) {
        throw new IllegalArgumentException("placementGroup.spread must have at most one constraint per topology:"
            + " group '" + name + "' has two for " + s.topology());
      }
    }

    /**
     * Builds the group.
     *
     * @return the group; never null
     */
    public PlacementGroup build() {
      return new PlacementGroup(this);
    }
  }
}
