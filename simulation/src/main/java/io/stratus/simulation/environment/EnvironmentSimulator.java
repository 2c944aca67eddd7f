package io.stratus.simulation.environment;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.model.VirtualMachine;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import io.stratus.spi.PricingProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A simulated multi-cloud (AWS, GCP, Azure) on a {@link SimulationEngine}: regions and zones with their
 * jurisdictions and the instance catalog and prices of a {@link PricingProvider} (normally the bundled catalog),
 * per-region vCPU quotas, provisioning latency, API throttling (a token bucket per provider), inter-region latency
 * from great-circle distance, failures (random instance failures; zone, region and provider-wide outages; network
 * partitions and latency spikes between regions, zones and the internet; scheduled or drawn from rates), commitment
 * discounts ({@link #purchase reserved instances and savings plans}), a spot price process per instance type and zone
 * ({@link SpotPriceModel}) with spot interruptions announced a provider-specific notice period ahead, and
 * per-provider billing rules ({@link BillingRule}).
 *
 * <p>It implements the provider SPIs over its state: {@link #pricingProvider()} (catalog offers of its regions, spot
 * offers at the current simulated spot price, no offers of a region or provider while it is in an outage), {@link
 * #inventoryProvider()} (running machines), {@link #performanceHistoryProvider()} (per instance type, region and
 * workload class, the latter read from the machine label {@code workloadClass}: a CPU score of vCPUs times a
 * per-machine speed factor drawn in [0.9, 1.1), and the share of machines that failed; latency to the configured user
 * locations from great-circle distance). These providers are {@linkplain PricingProvider#isSimulated() simulated}.
 *
 * <p>This class is a facade over four package-private parts: the fleet (launches, machine life, inventory and
 * performance history), billing (catalog offers, spot price process, billing rules, usage), faults (outages,
 * partitions, latency spikes, latencies) and commitments (reserved instances, savings plans and their charges).
 *
 * <p>Thread-safe, with one lock: the simulator's private lock guards the state of all four parts. Every public
 * method and every call on an SPI view takes it, and so does every engine event the simulator handles (the parts
 * register their events through one helper that wraps the handler in the lock), so the parts themselves never lock
 * and are only touched while it is held. SPI views can therefore be read from other threads while the engine runs;
 * the engine itself is driven by one thread. Listeners are called on the engine thread while the lock is held: they
 * may call back into the simulator (the lock is reentrant) but must not wait for another thread that needs it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EnvironmentSimulator {
  /** The network endpoint that stands for the internet and the users, for partitions and latency spikes. */
  public static final String INTERNET = "internet";

  /** Machine label naming the workload class for performance history. */
  public static final String WORKLOAD_CLASS_LABEL = "workloadClass";

  /** Receives environment events on the engine thread. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  @FunctionalInterface
  public interface Listener {
    /**
     * Called when something happens; exceptions are not caught.
     *
     * @param event the event; never null
     */
    void onEvent(EnvironmentEvent event);
  }

  /** The one lock: guards every part's state (see the class comment). */
  private final Object lock = new Object();
  private final SimContext ctx;
  private final List<UserLocation> userLocations;
  private final Billing billing;
  private final Faults faults;
  private final Fleet fleet;
  private final Commitments commitments;

  private EnvironmentSimulator(Builder b) {
    this.ctx = new SimContext(b.engine, lock, b.listeners);
    this.userLocations = List.copyOf(b.userLocations);
    this.billing = new Billing(ctx, b);
    this.faults = new Faults(ctx, b, billing.regions(), this::failDown);
    this.fleet = new Fleet(ctx, b, billing, faults);
    this.commitments = new Commitments(ctx, billing, fleet);
  }

  /** Fails the machines an outage that just started takes down (called by the faults, under the lock). */
  private void failDown(String outageKey) {
    fleet.failDown(outageKey);
  }

  /**
   * A builder.
   *
   * @param catalog the price catalog (regions, instance types, offers); never null
   * @param engine the engine whose clock and events the simulator uses; never null
   * @param streams the run's random streams; never null
   * @return a new builder with defaults for AWS, GCP and Azure; never null
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(PricingProvider catalog, SimulationEngine engine, RandomStreams streams) {
    return new Builder(catalog, engine, streams);
  }

  // ---------------------------------------------------------------- fleet

  /**
   * Requests a machine. Accepted launches run after the provider's provisioning latency.
   *
   * @param instanceTypeId the instance type id, e.g. {@code aws:m5.large}; never null
   * @param regionId the region id, e.g. {@code aws:us-east-1}; never null
   * @param zone the zone, or null for the region's first zone
   * @param option the purchase option; never null
   * @param labels labels for the machine (team, workloadClass...); never null
   * @return accepted with the machine id, or rejected with the reason; never null
   * @throws NullPointerException if a required argument is null
   */
  public LaunchResult launch(
      String instanceTypeId, String regionId, String zone, PurchaseOption option, Map<String, String> labels) {
    synchronized (lock) {
      return fleet.launch(instanceTypeId, regionId, zone, option, labels);
    }
  }

  /**
   * Adds a machine that already runs, e.g. a machine of the host's current fleet in a what-if run: no API throttling,
   * no quota check and no provisioning latency; it turns running when the engine processes the current instant.
   *
   * @param instanceTypeId the instance type id; never null
   * @param regionId the region id; never null
   * @param zone the zone, or null for the region's first zone
   * @param option the purchase option; never null
   * @param labels labels for the machine; never null
   * @return accepted with the machine id, or rejected (unknown offer or zone) with the reason; never null
   * @throws NullPointerException if a required argument is null
   */
  public LaunchResult launchRunning(
      String instanceTypeId, String regionId, String zone, PurchaseOption option, Map<String, String> labels) {
    synchronized (lock) {
      return fleet.launchRunning(instanceTypeId, regionId, zone, option, labels);
    }
  }

  /**
   * Whether the environment sells an offer.
   *
   * @param instanceTypeId the instance type id; never null
   * @param regionId the region id; never null
   * @param option the purchase option; never null
   * @return true if the catalog lists the offer in one of this environment's regions
   */
  public boolean hasOffer(String instanceTypeId, String regionId, PurchaseOption option) {
    return billing.offer(instanceTypeId, regionId, option) != null;
  }

  /**
   * Terminates a machine (billing stops now).
   *
   * @param vmId the machine id; never null
   * @return true if the machine was provisioning or running and is now terminated
   * @throws NullPointerException if vmId is null
   */
  public boolean terminate(String vmId) {
    synchronized (lock) {
      return fleet.terminate(vmId);
    }
  }

  /**
   * Whether a machine can be reached from the internet now: false while its region or zone is partitioned from
   * {@link #INTERNET}.
   *
   * @param vmId the machine id; never null
   * @return true if the machine exists and is not cut off (a machine that has ended is not reachable)
   * @throws NullPointerException if vmId is null
   */
  public boolean isReachable(String vmId) {
    synchronized (lock) {
      return fleet.isReachable(vmId);
    }
  }

  /**
   * Counts of machines by state: {@code provisioning}, {@code running}, {@code terminated}, {@code failed},
   * {@code interrupted}, {@code cancelled} (ended before running).
   *
   * @return counts by state, every key present; never null
   */
  public Map<String, Integer> vmCounts() {
    synchronized (lock) {
      return fleet.vmCounts();
    }
  }

  // ---------------------------------------------------------------- faults

  /**
   * Schedules an outage.
   *
   * @param scope what goes down; never null
   * @param target the zone name, region id or provider id; never null
   * @param start when it begins, not before the current time; never null
   * @param length how long it lasts; never null, positive
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the start is in the past, the length not positive or the target unknown
   */
  public void scheduleOutage(OutageScope scope, String target, Instant start, Duration length) {
    synchronized (lock) {
      faults.scheduleOutage(scope, target, start, length);
    }
  }

  /**
   * Draws random outages over the next {@code horizon} from the configured rates (per zone, region and provider),
   * and random network partitions and latency spikes from the network fault rates, and schedules them.
   *
   * @param horizon how far ahead; never null, not negative
   * @return the number of outages scheduled
   * @throws NullPointerException if horizon is null
   */
  public int drawOutages(Duration horizon) {
    synchronized (lock) {
      return faults.drawOutages(horizon);
    }
  }

  /**
   * Schedules a network partition between two endpoints: a region id, a zone, or {@link #INTERNET} (the users). While
   * it lasts, {@link #latencyMillis} between the two regions is infinite, the performance history has no latency
   * observation between a region and the users, and machines in a region or zone cut off from the internet are
   * unreachable ({@link #isReachable}).
   *
   * @param a an endpoint; never null
   * @param b another endpoint; never null
   * @param start when it begins, not before the current time; never null
   * @param length how long it lasts; never null, positive
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an endpoint is unknown, both are the same, the start is in the past or the
   *     length not positive
   */
  public void schedulePartition(String a, String b, Instant start, Duration length) {
    synchronized (lock) {
      faults.scheduleFault(a, b, start, length, 0);
    }
  }

  /**
   * Schedules a latency spike between two endpoints (as for {@link #schedulePartition}): while it lasts, the latency
   * between them ({@link #latencyMillis}, and from a region to the users in the performance history) is higher by
   * {@code extraMillis}. Overlapping spikes add up.
   *
   * @param a an endpoint; never null
   * @param b another endpoint; never null
   * @param start when it begins, not before the current time; never null
   * @param length how long it lasts; never null, positive
   * @param extraMillis the added one-way latency in milliseconds, finite and positive
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an endpoint is unknown, both are the same, the start is in the past, the length
   *     or the extra latency not positive
   */
  public void scheduleLatencySpike(String a, String b, Instant start, Duration length, double extraMillis) {
    synchronized (lock) {
      faults.scheduleLatencySpike(a, b, start, length, extraMillis);
    }
  }

  /**
   * The one-way latency from a region to the users now: great-circle distance as in {@link #latencyMillis}, plus
   * any latency spike between the region (or one of its zones) and {@link #INTERNET}.
   *
   * @param region the region; never null
   * @param location where the users are; never null
   * @return the latency in milliseconds, infinite while the region is partitioned from the internet
   */
  public double userLatencyMillis(Region region, UserLocation location) {
    synchronized (lock) {
      return faults.userLatencyMillis(region, location);
    }
  }

  /**
   * The one-way network latency between two regions now: 2 ms within a region, else 5 ms plus 1 ms per 100 km of
   * great-circle distance (roughly the speed of light in fibre with routing overhead), plus any latency spike between
   * them (or their zones); infinite while they are partitioned from each other.
   *
   * @param a a region; never null
   * @param b another region; never null
   * @return the latency in milliseconds, possibly infinite
   */
  public double latencyMillis(Region a, Region b) {
    synchronized (lock) {
      return faults.latencyMillis(a, b);
    }
  }

  // ---------------------------------------------------------------- commitments

  /**
   * Buys a commitment now; its term starts at the current time. From then on it covers matching on-demand usage
   * (see {@link Commitment}) and {@link #commitmentCharges()} bills it.
   *
   * @param commitment the commitment; never null
   * @throws NullPointerException if commitment is null
   * @throws IllegalArgumentException if its id is taken, its instance type or region is not sold on demand in this
   *     environment, no region of its provider is part of it, or reserved instances without a rate have no reserved
   *     or committed-use price in the catalog
   */
  public void purchase(Commitment commitment) {
    synchronized (lock) {
      commitments.purchase(commitment);
    }
  }

  /**
   * The commitments bought so far.
   *
   * @return the commitments in purchase order; never null
   */
  public List<Commitment> commitments() {
    synchronized (lock) {
      return commitments.bought();
    }
  }

  /**
   * The charges of every commitment up to the current time: fees as billed, and per calendar month (UTC) the covered
   * usage of each machine and the unused commitment. Coverage is decided per clock hour: reserved instances first (in
   * purchase order), then savings plans, each covering on-demand machines in the order they started running. The
   * on-demand cost of {@link #usage()} includes the covered time; {@link SimulatedBillingSource} bills only the rest
   * on demand.
   *
   * @return the charges; never null, empty without commitments
   */
  public List<CommitmentCharge> commitmentCharges() {
    synchronized (lock) {
      return commitments.charges();
    }
  }

  // ---------------------------------------------------------------- billing and queries

  /**
   * The regions of this environment.
   *
   * @return regions by id; never null
   */
  public Map<String, Region> regions() {
    return billing.regions();
  }

  /**
   * The current spot price of an instance type in a zone.
   *
   * @param instanceTypeId the instance type id; never null
   * @param regionId the region id; never null
   * @param zone the zone; never null
   * @return the hourly price in USD, or empty if there is no spot offer for the type in the region
   * @throws NullPointerException if an argument is null
   */
  public Optional<Double> spotPrice(String instanceTypeId, String regionId, String zone) {
    synchronized (lock) {
      return billing.spotPrice(instanceTypeId, regionId, zone);
    }
  }

  /**
   * The billed usage of every machine that has run, in launch order, up to the current time.
   *
   * @return one record per machine that reached the running state; never null
   */
  public List<UsageRecord> usage() {
    synchronized (lock) {
      return billing.usage(fleet.machines());
    }
  }

  // ---------------------------------------------------------------- SPI views

  /**
   * The pricing SPI over this environment (id {@code simulated}).
   *
   * @return the provider; never null, thread-safe
   */
  public PricingProvider pricingProvider() {
    return new PricingView();
  }

  /**
   * The inventory SPI over this environment (id {@code simulated}).
   *
   * @return the provider; never null, thread-safe
   */
  public InventoryProvider inventoryProvider() {
    return new InventoryView();
  }

  /**
   * The performance history SPI over this environment (id {@code simulated}).
   *
   * @return the provider; never null, thread-safe
   */
  public PerformanceHistoryProvider performanceHistoryProvider() {
    return new PerformanceView();
  }

  private final class PricingView implements PricingProvider {
    @Override
    public String id() {
      return "simulated";
    }

    @Override
    public boolean isSimulated() {
      return true;
    }

    @Override
    public String description() {
      return "Simulated multi-cloud prices (catalog prices, simulated spot process)";
    }

    @Override
    public Set<CloudProvider> providers() {
      Set<CloudProvider> s = new LinkedHashSet<>();
      billing.regions().values().forEach(r -> s.add(r.provider()));
      return Set.copyOf(s);
    }

    @Override
    public List<Region> regions() {
      return List.copyOf(billing.regions().values());
    }

    @Override
    public List<InstanceType> instanceTypes() {
      return List.copyOf(billing.types().values());
    }

    /** The simulated hour: offers are recomputed once per hour (spot prices, outages), so it versions them. */
    @Override
    public OptionalLong pricesVersion() {
      return OptionalLong.of(ctx.now() / SimContext.HOUR_NANOS);
    }

    @Override
    public List<Offer> offers(OfferQuery query) {
      Objects.requireNonNull(query, "query");
      List<Offer> all;
      synchronized (lock) {
        all = billing.currentOffers(faults);
      }
      List<Offer> out = new ArrayList<>();
      for (Offer o : all) {
        if (query.matches(o)) {
          out.add(o);
        }
      }
      return List.copyOf(out);
    }
  }

  private final class InventoryView implements InventoryProvider {
    @Override
    public String id() {
      return "simulated";
    }

    @Override
    public boolean isSimulated() {
      return true;
    }

    @Override
    public List<VirtualMachine> runningVms() {
      synchronized (lock) {
        return fleet.runningVms();
      }
    }
  }

  private final class PerformanceView implements PerformanceHistoryProvider {
    @Override
    public String id() {
      return "simulated";
    }

    @Override
    public boolean isSimulated() {
      return true;
    }

    @Override
    public Optional<PerformanceObservation> performance(
        InstanceType instanceType, Region region, String workloadClass) {
      Objects.requireNonNull(instanceType, "instanceType");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(workloadClass, "workloadClass");
      synchronized (lock) {
        return fleet.performance(instanceType, region, workloadClass);
      }
    }

    @Override
    public Optional<LatencyObservation> latency(Region region, UserLocation location) {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(location, "location");
      if (!billing.regions().containsKey(region.id()) || !userLocations.contains(location)) {
        return Optional.empty();
      }
      double ms = userLatencyMillis(region, location);
      if (Double.isInfinite(ms)) {
        return Optional.empty(); // partitioned from the users: nothing observed
      }
      return Optional.of(new LatencyObservation(region.id(), location.name(), ms * 1.5, 1000,
          ctx.engine.clock().instant()));
    }
  }

  /**
   * Builds an {@link EnvironmentSimulator}; setters check eagerly.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    final PricingProvider catalog;
    final SimulationEngine engine;
    final RandomStreams streams;
    Set<CloudProvider> providers = Set.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
    Set<String> regionIds = Set.of();
    final Map<String, Integer> quotas = new HashMap<>();
    int defaultQuota = 5000;
    final Map<CloudProvider, Duration> provisioning = new HashMap<>(Map.of(
        CloudProvider.AWS, Duration.ofSeconds(40), CloudProvider.GCP, Duration.ofSeconds(30),
        CloudProvider.AZURE, Duration.ofSeconds(90)));
    final Map<CloudProvider, Duration> notices = new HashMap<>(Map.of(
        CloudProvider.AWS, Duration.ofMinutes(2), CloudProvider.GCP, Duration.ofSeconds(30),
        CloudProvider.AZURE, Duration.ofSeconds(30)));
    final Map<CloudProvider, BillingRule> billing = new HashMap<>();
    double throttlePerSecond = 20;
    int throttleBurst = 100;
    double instanceFailuresPerHour;
    double spotInterruptionMultiplier = 1;
    SpotPriceModel spotModel = SpotPriceModel.DEFAULT;
    List<UserLocation> userLocations = List.of();
    final List<Listener> listeners = new ArrayList<>();
    OutageRates outageRates = new OutageRates(0, 0, 0, Duration.ofHours(1));
    NetworkRates networkRates = new NetworkRates(0, 0, 0, 0, Duration.ofMinutes(30));

    private Builder(PricingProvider catalog, SimulationEngine engine, RandomStreams streams) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      this.engine = Objects.requireNonNull(engine, "engine");
      this.streams = Objects.requireNonNull(streams, "streams");
    }

    /**
     * Restricts the clouds.
     *
     * @param values the providers; never null or empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     */
    public Builder providers(Set<CloudProvider> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("providers must not be empty");
      }
      this.providers = Set.copyOf(values);
      return this;
    }

    /**
     * Restricts the regions (empty = every region of the chosen providers).
     *
     * @param ids region ids; never null
     * @return this builder
     */
    public Builder regionIds(Set<String> ids) {
      this.regionIds = Set.copyOf(ids);
      return this;
    }

    /**
     * Sets the vCPU quota of every region without an explicit quota.
     *
     * @param vcpus the quota, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder defaultVcpuQuota(int vcpus) {
      if (vcpus < 0) {
        throw new IllegalArgumentException("defaultVcpuQuota must be >= 0, was " + vcpus);
      }
      this.defaultQuota = vcpus;
      return this;
    }

    /**
     * Sets one region's vCPU quota.
     *
     * @param regionId the region id; never null
     * @param vcpus the quota, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder vcpuQuota(String regionId, int vcpus) {
      if (vcpus < 0) {
        throw new IllegalArgumentException("vcpuQuota of " + regionId + " must be >= 0, was " + vcpus);
      }
      quotas.put(Objects.requireNonNull(regionId, "regionId"), vcpus);
      return this;
    }

    /**
     * Sets a provider's provisioning latency.
     *
     * @param provider the provider; never null
     * @param latency the latency; never null, not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder provisioningLatency(CloudProvider provider, Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("provisioningLatency must not be negative, was " + latency);
      }
      provisioning.put(Objects.requireNonNull(provider, "provider"), latency);
      return this;
    }

    /**
     * Sets a provider's billing rule.
     *
     * @param provider the provider; never null
     * @param rule the rule; never null
     * @return this builder
     */
    public Builder billingRule(CloudProvider provider, BillingRule rule) {
      billing.put(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Sets the API rate limit (token bucket per provider); a rate of 0 disables throttling.
     *
     * @param perSecond launches per second, {@code >= 0}
     * @param burst bucket size, {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder apiRateLimit(double perSecond, int burst) {
      if (!(perSecond >= 0) || burst < 1) {
        throw new IllegalArgumentException("apiRateLimit needs perSecond >= 0 and burst >= 1, was " + perSecond
            + ", " + burst);
      }
      this.throttlePerSecond = perSecond;
      this.throttleBurst = burst;
      return this;
    }

    /**
     * Sets the random instance failure rate.
     *
     * @param perHour failures per machine-hour, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder instanceFailuresPerHour(double perHour) {
      if (!(perHour >= 0)) {
        throw new IllegalArgumentException("instanceFailuresPerHour must be >= 0, was " + perHour);
      }
      this.instanceFailuresPerHour = perHour;
      return this;
    }

    /**
     * Scales the catalog's monthly spot interruption rates (1 = as published).
     *
     * @param multiplier the factor, {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder spotInterruptionMultiplier(double multiplier) {
      if (!(multiplier >= 0)) {
        throw new IllegalArgumentException("spotInterruptionMultiplier must be >= 0, was " + multiplier);
      }
      this.spotInterruptionMultiplier = multiplier;
      return this;
    }

    /**
     * Sets the spot price process.
     *
     * @param model the model; never null
     * @return this builder
     */
    public Builder spotPriceModel(SpotPriceModel model) {
      this.spotModel = Objects.requireNonNull(model, "spotPriceModel");
      return this;
    }

    /**
     * Sets the rates of random outages drawn by {@link EnvironmentSimulator#drawOutages}.
     *
     * @param zonePerDay outages per zone per day, {@code >= 0}
     * @param regionPerDay outages per region per day, {@code >= 0}
     * @param providerPerDay incidents per provider per day, {@code >= 0}
     * @param meanDuration mean outage length; never null, positive
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder outageRates(double zonePerDay, double regionPerDay, double providerPerDay, Duration meanDuration) {
      if (!(zonePerDay >= 0 && regionPerDay >= 0 && providerPerDay >= 0)) {
        throw new IllegalArgumentException("outage rates must be >= 0, were " + zonePerDay + ", " + regionPerDay
            + ", " + providerPerDay);
      }
      if (meanDuration.isNegative() || meanDuration.isZero()) {
        throw new IllegalArgumentException("meanDuration must be positive, was " + meanDuration);
      }
      this.outageRates = new OutageRates(zonePerDay, regionPerDay, providerPerDay, meanDuration);
      return this;
    }

    /**
     * Sets the user locations the performance history reports latency for.
     *
     * @param locations the locations; never null
     * @return this builder
     */
    public Builder userLocations(List<UserLocation> locations) {
      this.userLocations = List.copyOf(locations);
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener; never null
     * @return this builder
     */
    public Builder listener(Listener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the simulator and registers its event kinds on the engine.
     *
     * @return the simulator; never null
     * @throws io.stratus.InvalidConfigurationException if no region of the catalog matches
     */
    public EnvironmentSimulator build() {
      return new EnvironmentSimulator(this);
    }

    /**
     * Sets the rates of random network faults drawn by {@link EnvironmentSimulator#drawOutages}: partitions between
     * each region and the internet, between each pair of regions, and latency spikes between each region and the
     * internet.
     *
     * @param partitionsPerRegionPerDay region-internet partitions per region per day, {@code >= 0}
     * @param interRegionPartitionsPerDay partitions per pair of regions per day, {@code >= 0}
     * @param spikesPerRegionPerDay region-internet latency spikes per region per day, {@code >= 0}
     * @param spikeExtraMillis the extra latency of a spike in ms, {@code >= 0} (must be positive if spikes are drawn)
     * @param meanDuration mean length of a fault; never null, positive
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder networkFaultRates(double partitionsPerRegionPerDay, double interRegionPartitionsPerDay,
        double spikesPerRegionPerDay, double spikeExtraMillis, Duration meanDuration) {
      if (!(partitionsPerRegionPerDay >= 0 && interRegionPartitionsPerDay >= 0 && spikesPerRegionPerDay >= 0
          && spikeExtraMillis >= 0) || Double.isInfinite(spikeExtraMillis)) {
        throw new IllegalArgumentException("network fault rates must be >= 0, were " + partitionsPerRegionPerDay
            + ", " + interRegionPartitionsPerDay + ", " + spikesPerRegionPerDay + ", " + spikeExtraMillis);
      }
      if (spikesPerRegionPerDay > 0 && spikeExtraMillis <= 0) {
        throw new IllegalArgumentException("spikeExtraMillis must be positive when spikes are drawn, was "
            + spikeExtraMillis);
      }
      Objects.requireNonNull(meanDuration, "meanDuration");
      if (meanDuration.isNegative() || meanDuration.isZero()) {
        throw new IllegalArgumentException("meanDuration must be positive, was " + meanDuration);
      }
      this.networkRates = new NetworkRates(partitionsPerRegionPerDay, interRegionPartitionsPerDay,
          spikesPerRegionPerDay, spikeExtraMillis, meanDuration);
      return this;
    }

    record OutageRates(double zonePerDay, double regionPerDay, double providerPerDay, Duration meanDuration) {}

    record NetworkRates(double partitionsPerRegionPerDay, double interRegionPartitionsPerDay,
        double spikesPerRegionPerDay, double spikeExtraMillis, Duration meanDuration) {}
  }
}
