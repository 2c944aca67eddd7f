package io.stratus.finops.forecast;

import io.stratus.finops.optimize.ManagedResource;
import io.stratus.model.CloudProvider;
import io.stratus.model.Money;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A what-if for {@link CostPredictor#scenario}: no change, usage growth, a set of resources moved to spot, to another
 * region or to another cloud (priced from the catalog), or a one-year commitment bought for a set of resources.
 *
 * <p>Moves and commitments take the resources' share of the scope's cost over the last 30 days and re-price that
 * share with the catalog's price ratio; a move the workload's requirements forbid (spot for a workload that does not
 * allow it, a region its compliance rules out) is refused when the scenario is priced.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Scenario {
  enum Kind {
    NO_CHANGE,
    GROWTH,
    SPOT,
    REGION,
    CLOUD,
    COMMITMENT
  }

  final Kind kind;
  final double growth;
  final List<ManagedResource> resources;
  final String regionId;
  final CloudProvider cloud;
  final Money hourly;
  private final String description;

  private Scenario(Kind kind, double growth, Collection<ManagedResource> resources, String regionId,
      CloudProvider cloud, Money hourly, String description) {
    this.kind = kind;
    this.growth = growth;
    this.resources = List.copyOf(resources);
    this.regionId = regionId;
    this.cloud = cloud;
    this.hourly = hourly;
    this.description = description;
  }

  /**
   * Nothing changes: the forecast equals the baseline exactly.
   *
   * @return the scenario; never null
   */
  public static Scenario noChange() {
    return new Scenario(Kind.NO_CHANGE, 0, List.of(), null, null, null, "no change");
  }

  /**
   * Usage (and so cost) grows by a rate per month on top of the baseline forecast, compounding daily from the
   * forecast day: day {@code t} (0 = the forecast day) is multiplied by {@code (1 + rate)^((t + 1) / 30.4375)}.
   *
   * @param monthlyRate e.g. {@code 0.05} for +5% per month; {@code > -1} and {@code <= 10}
   * @return the scenario; never null
   * @throws IllegalArgumentException if out of range
   */
  public static Scenario usageGrowth(double monthlyRate) {
    if (!(monthlyRate > -1 && monthlyRate <= 10)) {
      throw new IllegalArgumentException("usageGrowth.monthlyRate must be in (-1, 10], got " + monthlyRate);
    }
    return new Scenario(Kind.GROWTH, monthlyRate, List.of(), null, null, null,
        String.format(Locale.ROOT, "usage grows %.1f%% per month", monthlyRate * 100));
  }

  /**
   * The resources move to spot capacity in their region.
   *
   * @param resources the resources; never null or empty
   * @return the scenario; never null
   * @throws IllegalArgumentException if empty
   */
  public static Scenario moveToSpot(Collection<ManagedResource> resources) {
    return new Scenario(Kind.SPOT, 0, nonEmpty(resources), null, null, null,
        "move " + resources.size() + " resources to spot");
  }

  /**
   * The resources move to another region of their cloud, keeping their instance type.
   *
   * @param resources the resources; never null or empty
   * @param regionId the catalog region id, e.g. {@code aws:us-east-2}; never null
   * @return the scenario; never null
   * @throws IllegalArgumentException if empty
   */
  public static Scenario moveToRegion(Collection<ManagedResource> resources, String regionId) {
    Objects.requireNonNull(regionId, "regionId");
    return new Scenario(Kind.REGION, 0, nonEmpty(resources), regionId, null, null,
        "move " + resources.size() + " resources to " + regionId);
  }

  /**
   * The resources move to another cloud: each to the cheapest on-demand type there with at least its vCPUs, memory
   * and GPUs, on an architecture its workload accepts, in a region its compliance rules permit.
   *
   * @param resources the resources; never null or empty
   * @param cloud the target cloud; never null
   * @return the scenario; never null
   * @throws IllegalArgumentException if empty
   */
  public static Scenario moveToCloud(Collection<ManagedResource> resources, CloudProvider cloud) {
    Objects.requireNonNull(cloud, "cloud");
    return new Scenario(Kind.CLOUD, 0, nonEmpty(resources), null, cloud, null,
        "move " + resources.size() + " resources to " + cloud.id());
  }

  /**
   * A one-year spend commitment of a size per hour (savings-plan style) covering the resources: for twelve months
   * the commitment is paid every hour and covers on-demand cost up to {@code size / r}, where {@code r} is the
   * cost-weighted ratio of the catalog's one-year commitment (or reservation) price to the on-demand price.
   *
   * @param resources the resources it covers; never null or empty
   * @param hourlySize the commitment per hour; positive
   * @return the scenario; never null
   * @throws IllegalArgumentException if empty or the size is not positive
   */
  public static Scenario commitment(Collection<ManagedResource> resources, Money hourlySize) {
    Objects.requireNonNull(hourlySize, "hourlySize");
    if (hourlySize.amount().signum() <= 0) {
      throw new IllegalArgumentException("commitment.hourlySize must be > 0, got " + hourlySize);
    }
    return new Scenario(Kind.COMMITMENT, 0, nonEmpty(resources), null, null, hourlySize,
        "buy a 1-year commitment of " + hourlySize + "/h for " + resources.size() + " resources");
  }

  private static Collection<ManagedResource> nonEmpty(Collection<ManagedResource> resources) {
    Objects.requireNonNull(resources, "resources");
    if (resources.isEmpty()) {
      throw new IllegalArgumentException("scenario.resources must not be empty");
    }
    return resources;
  }

  /**
   * What the scenario does, in words.
   *
   * @return the description; never null
   */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
