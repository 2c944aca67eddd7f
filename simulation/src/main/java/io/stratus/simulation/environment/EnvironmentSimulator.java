package io.stratus.simulation.environment;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.model.VirtualMachine;
import io.stratus.simulation.engine.CounterRandom;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * A simulated multi-cloud (AWS, GCP, Azure) on a {@link SimulationEngine}: regions and zones with their
 * jurisdictions and the instance catalog and prices of a {@link PricingProvider} (normally the bundled catalog),
 * per-region vCPU quotas, provisioning latency, API throttling (a token bucket per provider), inter-region latency
 * from great-circle distance, failures (random instance failures; zone, region and provider-wide outages; network
 * partitions and latency spikes between regions, zones and the internet; scheduled or drawn from rates), commitment
 * discounts ({@link #purchase reserved instances and savings plans}), a spot price process per instance type and zone ({@link SpotPriceModel}) with spot
 * interruptions announced a provider-specific notice period ahead, and per-provider billing rules ({@link
 * BillingRule}).
 *
 * <p>It implements the provider SPIs over its state: {@link #pricingProvider()} (catalog offers of its regions, spot
 * offers at the current simulated spot price, no offers of a region or provider while it is in an outage), {@link #inventoryProvider()} (running machines), {@link
 * #performanceHistoryProvider()} (per instance type, region and workload class, the latter read from the machine label
 * {@code workloadClass}: a CPU score of vCPUs times a per-machine speed factor drawn in [0.9, 1.1), and the share of
 * machines that failed; latency to the configured user locations from great-circle distance).
 *
 * <p>Thread-safe: state changes and SPI reads synchronize on the simulator, so SPI views can be read from other
 * threads while the engine runs. The engine itself is driven by one thread.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EnvironmentSimulator {
  /** The network endpoint that stands for the internet and the users, for partitions and latency spikes. */
  public static final String INTERNET = "internet";

  /** Machine label naming the workload class for performance history. */
  public static final String WORKLOAD_CLASS_LABEL = "workloadClass";

  private static final long HOUR_NANOS = 3_600_000_000_000L;
  private static final double HOURS_PER_MONTH = 730;

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

  private final SimulationEngine engine;
  private final RandomStreams streams;
  private final Map<String, Region> regions;
  private final Map<String, InstanceType> types;
  private final Map<String, Offer> offers;
  private final Map<String, Integer> quotas;
  private final int defaultQuota;
  private final Map<CloudProvider, Duration> provisioning;
  private final Map<CloudProvider, Duration> notices;
  private final Map<CloudProvider, BillingRule> billing;
  private final double throttlePerSecond;
  private final int throttleBurst;
  private final double instanceFailuresPerHour;
  private final double spotInterruptionMultiplier;
  private final SpotPriceModel spotModel;
  private final List<UserLocation> userLocations;
  private final List<Listener> listeners;
  private final Builder.OutageRates outageRates;
  private final Builder.NetworkRates networkRates;

  private final Map<String, Double> usedVcpus = new HashMap<>();
  private final Map<CloudProvider, double[]> buckets = new HashMap<>();
  private final LinkedHashMap<String, SimVm> vms = new LinkedHashMap<>();
  private final List<SimVm> byIndex = new ArrayList<>();
  private final Map<String, Integer> activeOutages = new HashMap<>();
  private final List<Outage> outages = new ArrayList<>();
  private final Map<String, double[]> spotState = new HashMap<>();
  /** Per spot key, the price process state of every hour before the current one (index = hour). */
  private final Map<String, double[]> spotHistory = new HashMap<>();
  private final Map<String, double[]> perfStats = new TreeMap<>();
  private final List<Bought> commitments = new ArrayList<>();
  private final List<NetworkFault> faults = new ArrayList<>();
  private final Map<String, Integer> activePartitions = new HashMap<>();
  private final Map<String, Double> activeSpikes = new HashMap<>();
  private List<Offer> offerSnapshot;
  private long offerSnapshotHour = -1;
  private final SplittableRandom failureRandom;
  private final SplittableRandom spotRandom;
  private final SplittableRandom perfRandom;
  private final SplittableRandom outageRandom;
  private final SplittableRandom networkRandom;
  private final int kindRunning;
  private final int kindFail;
  private final int kindNotice;
  private final int kindReclaim;
  private final int kindOutageStart;
  private final int kindOutageEnd;
  private final int kindFaultStart;
  private final int kindFaultEnd;

  private EnvironmentSimulator(Builder b) {
    this.engine = b.engine;
    this.streams = b.streams;
    Map<String, Region> rs = new TreeMap<>();
    for (Region r : b.catalog.regions()) {
      if (b.providers.contains(r.provider()) && (b.regionIds.isEmpty() || b.regionIds.contains(r.id()))) {
        rs.put(r.id(), r);
      }
    }
    if (rs.isEmpty()) {
      throw new io.stratus.InvalidConfigurationException("the catalog '" + b.catalog.id()
          + "' has no region for providers " + b.providers + " and region ids " + b.regionIds
          + "; choose providers or region ids the catalog lists");
    }
    this.regions = Collections.unmodifiableMap(rs);
    Map<String, Offer> os = new LinkedHashMap<>();
    Map<String, InstanceType> ts = new TreeMap<>();
    for (Offer o : b.catalog.offers(OfferQuery.all().withRegionIds(rs.keySet()))) {
      os.put(offerKey(o.instanceType().id(), o.region().id(), o.purchaseOption()), o);
      ts.put(o.instanceType().id(), o.instanceType());
    }
    this.offers = Collections.unmodifiableMap(os);
    this.types = Collections.unmodifiableMap(ts);
    this.quotas = Map.copyOf(b.quotas);
    this.defaultQuota = b.defaultQuota;
    this.provisioning = Map.copyOf(b.provisioning);
    this.notices = Map.copyOf(b.notices);
    this.billing = Map.copyOf(b.billing);
    this.throttlePerSecond = b.throttlePerSecond;
    this.throttleBurst = b.throttleBurst;
    this.instanceFailuresPerHour = b.instanceFailuresPerHour;
    this.spotInterruptionMultiplier = b.spotInterruptionMultiplier;
    this.spotModel = b.spotModel;
    this.userLocations = List.copyOf(b.userLocations);
    this.listeners = List.copyOf(b.listeners);
    this.outageRates = b.outageRates;
    this.networkRates = b.networkRates;
    this.failureRandom = streams.stream("environment/instance-failure");
    this.spotRandom = streams.stream("environment/spot-interruption");
    this.perfRandom = streams.stream("environment/performance");
    this.outageRandom = streams.stream("environment/outages");
    this.networkRandom = streams.stream("environment/network");
    this.kindRunning = engine.register((e, vm, a) -> onRunning(vm));
    this.kindFail = engine.register((e, vm, a) -> endVm(byIndex.get(vm), EnvironmentEvent.Type.VM_FAILED,
        "instance failure"));
    this.kindNotice = engine.register((e, vm, a) -> onNotice(vm));
    this.kindReclaim = engine.register((e, vm, a) -> endVm(byIndex.get(vm), EnvironmentEvent.Type.SPOT_INTERRUPTED,
        "spot capacity reclaimed"));
    this.kindOutageStart = engine.register((e, o, a) -> onOutageStart(o));
    this.kindOutageEnd = engine.register((e, o, a) -> onOutageEnd(o));
    this.kindFaultStart = engine.register((e, f, a) -> onFault(f, true));
    this.kindFaultEnd = engine.register((e, f, a) -> onFault(f, false));
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

  // ---------------------------------------------------------------- operations

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
  public synchronized LaunchResult launch(
      String instanceTypeId, String regionId, String zone, PurchaseOption option, Map<String, String> labels) {
    Objects.requireNonNull(instanceTypeId, "instanceTypeId");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(labels, "labels");
    Offer offer = offers.get(offerKey(instanceTypeId, regionId, option));
    LaunchResult invalid = unknownOfferOrZone(offer, instanceTypeId, regionId, zone, option);
    if (invalid != null) {
      return invalid;
    }
    Region region = offer.region();
    String z = zoneOrFirst(region, zone);
    if (!takeToken(region.provider())) {
      return reject(LaunchResult.Rejection.THROTTLED, "API rate limit of " + region.provider() + " ("
          + throttlePerSecond + "/s, burst " + throttleBurst + ") exceeded");
    }
    if (isDown(region, z)) {
      return reject(LaunchResult.Rejection.UNAVAILABLE, "outage affecting " + z + " in " + regionId);
    }
    double vcpus = offer.instanceType().vcpus();
    int quota = quotas.getOrDefault(regionId, defaultQuota);
    double used = usedVcpus.getOrDefault(regionId, 0.0);
    if (used + vcpus > quota) {
      return reject(LaunchResult.Rejection.QUOTA_EXCEEDED, "vCPU quota of " + regionId + " is " + quota + ", "
          + used + " in use, " + vcpus + " requested");
    }
    usedVcpus.put(regionId, used + vcpus);
    Duration latency = provisioning.getOrDefault(region.provider(), Duration.ofSeconds(60));
    return start(offer, z, labels, latency.toNanos());
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
  public synchronized LaunchResult launchRunning(
      String instanceTypeId, String regionId, String zone, PurchaseOption option, Map<String, String> labels) {
    Objects.requireNonNull(instanceTypeId, "instanceTypeId");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(labels, "labels");
    Offer offer = offers.get(offerKey(instanceTypeId, regionId, option));
    LaunchResult invalid = unknownOfferOrZone(offer, instanceTypeId, regionId, zone, option);
    if (invalid != null) {
      return invalid;
    }
    usedVcpus.merge(regionId, offer.instanceType().vcpus(), Double::sum);
    return start(offer, zoneOrFirst(offer.region(), zone), labels, 0);
  }

  /** Why a launch cannot start: its offer is null (not sold here) or its zone unknown; null when both exist. */
  private LaunchResult unknownOfferOrZone(
      Offer offer, String instanceTypeId, String regionId, String zone, PurchaseOption option) {
    if (offer == null) {
      return reject(LaunchResult.Rejection.UNKNOWN_OFFER,
          "no " + option + " offer for " + instanceTypeId + " in " + regionId);
    }
    List<String> zones = offer.region().zones();
    if (zone != null && !zones.isEmpty() && !zones.contains(zone)) {
      return reject(LaunchResult.Rejection.UNKNOWN_OFFER, "zone " + zone + " is not in " + regionId
          + " (zones " + zones + ")");
    }
    return null;
  }

  private static String zoneOrFirst(Region region, String zone) {
    return zone != null ? zone : region.zones().isEmpty() ? region.code() : region.zones().get(0);
  }

  /** Adds an accepted machine that turns running after {@code delayNanos}. */
  private LaunchResult start(Offer offer, String zone, Map<String, String> labels, long delayNanos) {
    SimVm vm = new SimVm(byIndex.size(), "vm-" + (byIndex.size() + 1), offer, zone, Map.copyOf(labels),
        engine.nowNanos());
    vm.perfFactor = 0.9 + 0.2 * perfRandom.nextDouble();
    vms.put(vm.id, vm);
    byIndex.add(vm);
    vm.pending = engine.scheduleAfter(delayNanos, kindRunning, vm.index, 0);
    return new LaunchResult(vm.id, null, "");
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
    return offers.containsKey(offerKey(instanceTypeId, regionId, option));
  }

  /**
   * Terminates a machine (billing stops now).
   *
   * @param vmId the machine id; never null
   * @return true if the machine was provisioning or running and is now terminated
   * @throws NullPointerException if vmId is null
   */
  public synchronized boolean terminate(String vmId) {
    SimVm vm = vms.get(Objects.requireNonNull(vmId, "vmId"));
    if (vm == null || vm.endNanos >= 0) {
      return false;
    }
    endVm(vm, EnvironmentEvent.Type.VM_TERMINATED, "terminated by owner");
    return true;
  }

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
  public synchronized void scheduleOutage(OutageScope scope, String target, Instant start, Duration length) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("length must be positive, was " + length);
    }
    boolean known = regions.values().stream().anyMatch(r -> switch (scope) {
      case ZONE -> r.zones().contains(target);
      case REGION -> r.id().equals(target);
      case PROVIDER -> r.provider().id().equals(target);
    });
    if (!known) {
      throw new IllegalArgumentException("target '" + target + "' is not a known " + scope.name().toLowerCase(
          java.util.Locale.ROOT) + " of this environment");
    }
    long at = Duration.between(engine.origin(), start).toNanos();
    if (at < engine.nowNanos()) {
      throw new IllegalArgumentException("start must not be before the current time " + engine.clock().instant()
          + ", was " + start);
    }
    Outage o = new Outage(outages.size(), scope, target, at, at + length.toNanos());
    outages.add(o);
    engine.schedule(o.startNanos, kindOutageStart, o.index, 0);
  }

  /**
   * Draws random outages over the next {@code horizon} from the configured rates (per zone, region and provider),
   * and random network partitions and latency spikes from the network fault rates, and schedules them.
   *
   * @param horizon how far ahead; never null, not negative
   * @return the number of outages scheduled
   * @throws NullPointerException if horizon is null
   */
  public synchronized int drawOutages(Duration horizon) {
    Objects.requireNonNull(horizon, "horizon");
    double days = horizon.toNanos() / 86_400e9;
    int count = 0;
    Set<String> providersSeen = new LinkedHashSet<>();
    for (Region r : regions.values()) {
      providersSeen.add(r.provider().id());
      for (String z : r.zones()) {
        count += drawOutages(OutageScope.ZONE, z, outageRates.zonePerDay, days);
      }
      count += drawOutages(OutageScope.REGION, r.id(), outageRates.regionPerDay, days);
    }
    for (String p : providersSeen) {
      count += drawOutages(OutageScope.PROVIDER, p, outageRates.providerPerDay, days);
    }
    return count + drawNetworkFaults(days);
  }

  private int drawNetworkFaults(double days) {
    int n = 0;
    List<String> ids = new ArrayList<>(regions.keySet());
    for (int i = 0; i < ids.size(); i++) {
      n += drawFaults(ids.get(i), INTERNET, networkRates.partitionsPerRegionPerDay(), 0, days);
      n += drawFaults(ids.get(i), INTERNET, networkRates.spikesPerRegionPerDay(), networkRates.spikeExtraMillis(),
          days);
      for (int j = i + 1; j < ids.size(); j++) {
        n += drawFaults(ids.get(i), ids.get(j), networkRates.interRegionPartitionsPerDay(), 0, days);
      }
    }
    return n;
  }

  private int drawFaults(String a, String b, double perDay, double extraMillis, double days) {
    if (perDay <= 0) {
      return 0;
    }
    int n = 0;
    double t = 0;
    while (true) {
      t += -Math.log(1 - networkRandom.nextDouble()) / perDay;
      if (t >= days) {
        return n;
      }
      double len = -Math.log(1 - networkRandom.nextDouble()) * networkRates.meanDuration().toNanos();
      Instant start = engine.clock().instant().plusNanos((long) (t * 86_400e9));
      Duration length = Duration.ofNanos(Math.max(1_000_000_000L, (long) len));
      if (extraMillis > 0) {
        scheduleLatencySpike(a, b, start, length, extraMillis);
      } else {
        schedulePartition(a, b, start, length);
      }
      n++;
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
  public synchronized void schedulePartition(String a, String b, Instant start, Duration length) {
    scheduleFault(a, b, start, length, 0);
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
  public synchronized void scheduleLatencySpike(String a, String b, Instant start, Duration length,
      double extraMillis) {
    if (!(extraMillis > 0) || Double.isInfinite(extraMillis)) {
      throw new IllegalArgumentException("extraMillis must be finite and positive, was " + extraMillis);
    }
    scheduleFault(a, b, start, length, extraMillis);
  }

  private void scheduleFault(String a, String b, Instant start, Duration length, double extraMillis) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    for (String x : List.of(a, b)) {
      if (!x.equals(INTERNET) && !regions.containsKey(x)
          && regions.values().stream().noneMatch(r -> r.zones().contains(x))) {
        throw new IllegalArgumentException("endpoint '" + x + "' is not a region id, zone or '" + INTERNET
            + "' of this environment");
      }
    }
    if (a.equals(b)) {
      throw new IllegalArgumentException("endpoints must differ, both were '" + a + "'");
    }
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("length must be positive, was " + length);
    }
    long at = Duration.between(engine.origin(), start).toNanos();
    if (at < engine.nowNanos()) {
      throw new IllegalArgumentException("start must not be before the current time " + engine.clock().instant()
          + ", was " + start);
    }
    NetworkFault f = new NetworkFault(faults.size(), a, b, extraMillis, at, at + length.toNanos());
    faults.add(f);
    engine.schedule(at, kindFaultStart, f.index, 0);
  }

  private synchronized void onFault(int index, boolean start) {
    NetworkFault f = faults.get(index);
    String key = pairKey(f.a, f.b);
    if (f.extraMillis > 0) {
      if (start) {
        activeSpikes.merge(key, f.extraMillis, Double::sum);
      } else {
        activeSpikes.computeIfPresent(key, (k, v) -> Math.abs(v - f.extraMillis) < 1e-9 ? null : v - f.extraMillis);
      }
      emit(start ? EnvironmentEvent.Type.LATENCY_SPIKE_STARTED : EnvironmentEvent.Type.LATENCY_SPIKE_ENDED, "",
          key + "|" + f.extraMillis);
    } else {
      if (start) {
        activePartitions.merge(key, 1, Integer::sum);
      } else {
        activePartitions.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1);
      }
      emit(start ? EnvironmentEvent.Type.PARTITION_STARTED : EnvironmentEvent.Type.PARTITION_ENDED, "", key);
    }
    if (start) {
      engine.schedule(Math.max(f.endNanos, engine.nowNanos()), kindFaultEnd, index, 0);
    }
  }

  private static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }

  /** Whether a partition or (with extra > 0) the summed spikes apply between two endpoint sets. */
  private boolean partitioned(List<String> as, List<String> bs) {
    if (activePartitions.isEmpty()) {
      return false;
    }
    for (String x : as) {
      for (String y : bs) {
        if (activePartitions.containsKey(pairKey(x, y))) {
          return true;
        }
      }
    }
    return false;
  }

  private double extraMillis(List<String> as, List<String> bs) {
    if (activeSpikes.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (String x : as) {
      for (String y : bs) {
        sum += activeSpikes.getOrDefault(pairKey(x, y), 0.0);
      }
    }
    return sum;
  }

  private static List<String> endpoints(Region r) {
    List<String> out = new ArrayList<>(r.zones().size() + 1);
    out.add(r.id());
    out.addAll(r.zones());
    return out;
  }

  /**
   * Whether a machine can be reached from the internet now: false while its region or zone is partitioned from
   * {@link #INTERNET}.
   *
   * @param vmId the machine id; never null
   * @return true if the machine exists and is not cut off (a machine that has ended is not reachable)
   * @throws NullPointerException if vmId is null
   */
  public synchronized boolean isReachable(String vmId) {
    SimVm vm = vms.get(Objects.requireNonNull(vmId, "vmId"));
    if (vm == null || vm.endNanos >= 0) {
      return false;
    }
    return !partitioned(List.of(vm.offer.region().id(), vm.zone), List.of(INTERNET));
  }

  /**
   * The one-way latency from a region to the users now: great-circle distance as in {@link #latencyMillis}, plus
   * any latency spike between the region (or one of its zones) and {@link #INTERNET}.
   *
   * @param region the region; never null
   * @param location where the users are; never null
   * @return the latency in milliseconds, infinite while the region is partitioned from the internet
   */
  public synchronized double userLatencyMillis(Region region, UserLocation location) {
    List<String> e = endpoints(region);
    if (partitioned(e, List.of(INTERNET))) {
      return Double.POSITIVE_INFINITY;
    }
    return 5 + region.location().distanceKm(location.location()) / 100 + extraMillis(e, List.of(INTERNET));
  }

  private int drawOutages(OutageScope scope, String target, double perDay, double days) {
    if (perDay <= 0) {
      return 0;
    }
    int n = 0;
    double t = 0;
    while (true) {
      t += -Math.log(1 - outageRandom.nextDouble()) / perDay;
      if (t >= days) {
        return n;
      }
      double len = -Math.log(1 - outageRandom.nextDouble()) * outageRates.meanDuration.toNanos();
      Instant start = engine.clock().instant().plusNanos((long) (t * 86_400e9));
      scheduleOutage(scope, target, start, Duration.ofNanos(Math.max(1_000_000_000L, (long) len)));
      n++;
    }
  }

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
  public synchronized void purchase(Commitment commitment) {
    Objects.requireNonNull(commitment, "commitment");
    for (Bought b : commitments) {
      if (b.commitment.id().equals(commitment.id())) {
        throw new IllegalArgumentException("commitment id '" + commitment.id() + "' is already taken");
      }
    }
    BigDecimal hourly;
    double rate;
    if (commitment.type() == Commitment.Type.RESERVED_INSTANCES) {
      if (!offers.containsKey(offerKey(commitment.instanceTypeId(), commitment.regionId(), PurchaseOption.ON_DEMAND))) {
        throw new IllegalArgumentException("commitment '" + commitment.id() + "': " + commitment.instanceTypeId()
            + " is not sold on demand in " + commitment.regionId() + " in this environment");
      }
      BigDecimal r = commitment.hourlyRate();
      if (r == null) {
        boolean oneYear = commitment.term() == Commitment.Term.ONE_YEAR;
        Offer o = offers.get(offerKey(commitment.instanceTypeId(), commitment.regionId(),
            oneYear ? PurchaseOption.RESERVED_1Y : PurchaseOption.RESERVED_3Y));
        if (o == null) {
          o = offers.get(offerKey(commitment.instanceTypeId(), commitment.regionId(),
              oneYear ? PurchaseOption.COMMITMENT_1Y : PurchaseOption.COMMITMENT_3Y));
        }
        if (o == null) {
          throw new IllegalArgumentException("commitment '" + commitment.id() + "': the catalog has no reserved or"
              + " committed-use price for " + commitment.instanceTypeId() + " in " + commitment.regionId()
              + " for " + commitment.term().id() + "; give commitment.hourlyRate");
        }
        r = o.hourlyPrice().amount();
      }
      rate = r.doubleValue();
      hourly = r.multiply(BigDecimal.valueOf(commitment.count()));
    } else {
      if (regions.values().stream().noneMatch(x -> x.provider().equals(commitment.provider()))) {
        throw new IllegalArgumentException("commitment '" + commitment.id() + "': no region of "
            + commitment.provider() + " is part of this environment");
      }
      hourly = commitment.hourlyRate();
      rate = hourly.doubleValue();
    }
    long start = engine.nowNanos();
    commitments.add(new Bought(commitment, commitments.size(), start, start + commitment.term().length().toNanos(),
        hourly, rate));
  }

  /**
   * The commitments bought so far.
   *
   * @return the commitments in purchase order; never null
   */
  public synchronized List<Commitment> commitments() {
    List<Commitment> out = new ArrayList<>();
    commitments.forEach(b -> out.add(b.commitment));
    return List.copyOf(out);
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
  public synchronized List<CommitmentCharge> commitmentCharges() {
    if (commitments.isEmpty()) {
      return List.of();
    }
    long now = engine.nowNanos();
    Instant origin = engine.origin();
    long epoch = Math.addExact(Math.multiplyExact(origin.getEpochSecond(), 1_000_000_000L), origin.getNano());
    List<SimVm> eligible = new ArrayList<>();
    for (SimVm vm : byIndex) {
      if (vm.runningNanos >= 0 && vm.runningNanos < now && vm.offer.purchaseOption() == PurchaseOption.ON_DEMAND) {
        eligible.add(vm);
      }
    }
    eligible.sort((a, b) -> a.runningNanos != b.runningNanos ? Long.compare(a.runningNanos, b.runningNanos)
        : Integer.compare(a.index, b.index));
    List<Bought> order = new ArrayList<>(commitments);
    order.sort((a, b) -> a.commitment.type() != b.commitment.type()
        ? a.commitment.type().compareTo(b.commitment.type()) : Integer.compare(a.index, b.index));
    long first = Long.MAX_VALUE;
    for (Bought b : order) {
      first = Math.min(first, b.startNanos);
    }
    Map<String, long[]> activeNanos = new LinkedHashMap<>();
    Map<String, double[]> covered = new LinkedHashMap<>();
    Map<String, long[]> coveredSpan = new HashMap<>();
    if (now > first) {
      long h0 = Math.floorDiv(epoch + first, HOUR_NANOS);
      long h1 = Math.floorDiv(epoch + now - 1, HOUR_NANOS);
      List<SimVm> active = new ArrayList<>();
      int next = 0;
      double[] remaining = new double[0];
      for (long h = h0; h <= h1; h++) {
        long hs = h * HOUR_NANOS - epoch;
        long cut = Math.min(hs + HOUR_NANOS, now);
        while (next < eligible.size() && eligible.get(next).runningNanos < cut) {
          active.add(eligible.get(next++));
        }
        active.removeIf(vm -> vm.endNanos >= 0 && vm.endNanos <= hs);
        if (active.isEmpty() && order.stream().noneMatch(b -> b.startNanos < cut && b.endNanos > hs)) {
          continue;
        }
        if (remaining.length < active.size()) {
          remaining = new double[active.size() * 2];
        }
        for (int i = 0; i < active.size(); i++) {
          SimVm vm = active.get(i);
          long end = vm.endNanos >= 0 ? Math.min(vm.endNanos, cut) : cut;
          remaining[i] = Math.max(0, end - Math.max(vm.runningNanos, hs)) / 1e9;
        }
        String month = java.time.YearMonth.from(Instant.ofEpochSecond(Math.floorDiv(h * HOUR_NANOS, 1_000_000_000L))
            .atZone(java.time.ZoneOffset.UTC)).toString();
        for (Bought b : order) {
          long a0 = Math.max(hs, b.startNanos);
          long a1 = Math.min(cut, b.endNanos);
          if (a1 <= a0) {
            continue;
          }
          activeNanos.computeIfAbsent(b.index + "|" + month, k -> new long[1])[0] += a1 - a0;
          Commitment c = b.commitment;
          boolean ri = c.type() == Commitment.Type.RESERVED_INSTANCES;
          double cap = ri ? c.count() * (a1 - a0) / 1e9 : b.rate * (a1 - a0) / 1e9 / 3600;
          for (int i = 0; i < active.size() && cap > 0; i++) {
            SimVm vm = active.get(i);
            if (remaining[i] <= 0) {
              continue;
            }
            double od = vm.offer.hourlyPrice().amount().doubleValue();
            double secs;
            double effective;
            double quantity;
            if (ri) {
              if (!vm.offer.instanceType().id().equals(c.instanceTypeId())
                  || !vm.offer.region().id().equals(c.regionId())) {
                continue;
              }
              secs = Math.min(remaining[i], cap);
              cap -= secs;
              effective = secs / 3600 * b.rate;
              quantity = secs / 3600;
            } else {
              double p = od * (1 - c.discount());
              if (!vm.offer.region().provider().equals(c.provider()) || p <= 0) {
                continue;
              }
              double take = Math.min(remaining[i] * p / 3600, cap);
              secs = take == cap ? take / p * 3600 : remaining[i];
              cap -= take;
              effective = take;
              quantity = take;
            }
            remaining[i] -= secs;
            String key = b.index + "|" + vm.index + "|" + month;
            double[] acc = covered.computeIfAbsent(key, k -> new double[4]);
            acc[0] += effective;
            acc[1] += secs / 3600 * od;
            acc[2] += quantity;
            acc[3] += secs;
            long from = Math.max(vm.runningNanos, hs);
            long to = vm.endNanos >= 0 ? Math.min(vm.endNanos, cut) : cut;
            long[] span = coveredSpan.computeIfAbsent(key, k -> new long[] {from, to});
            span[0] = Math.min(span[0], from);
            span[1] = Math.max(span[1], to);
          }
        }
      }
    }
    return charges(order, activeNanos, covered, coveredSpan);
  }

  private List<CommitmentCharge> charges(List<Bought> order, Map<String, long[]> activeNanos,
      Map<String, double[]> covered, Map<String, long[]> coveredSpan) {
    Instant origin = engine.origin();
    long now = engine.nowNanos();
    BigDecimal hourNanos = BigDecimal.valueOf(HOUR_NANOS);
    Map<String, List<String>> byCommitmentMonth = new HashMap<>();
    for (String key : covered.keySet()) {
      String commitmentMonth = key.substring(0, key.indexOf('|')) + key.substring(key.lastIndexOf('|'));
      byCommitmentMonth.computeIfAbsent(commitmentMonth, k -> new ArrayList<>()).add(key);
    }
    List<CommitmentCharge> out = new ArrayList<>();
    for (Bought b : order) {
      Commitment c = b.commitment;
      boolean ri = c.type() == Commitment.Type.RESERVED_INSTANCES;
      String unit = ri ? "Hours" : "USD";
      String region = ri ? c.regionId() : "";
      String type = ri ? c.instanceTypeId() : "";
      BigDecimal share = BigDecimal.valueOf(c.payment().upfrontShare());
      BigDecimal termHours = BigDecimal.valueOf(c.term().length().toHours());
      BigDecimal capacityPerHour = ri ? BigDecimal.valueOf(c.count()) : b.hourly;
      Instant start = origin.plusNanos(b.startNanos);
      if (share.signum() > 0) {
        out.add(new CommitmentCharge(CommitmentCharge.Kind.UPFRONT_FEE, c, "", Map.of(), region, "", type,
            BigDecimal.ZERO, start,
            origin.plusNanos(b.endNanos), scale(b.hourly.multiply(termHours).multiply(share)), BigDecimal.ZERO,
            BigDecimal.ZERO, scale(capacityPerHour.multiply(termHours).multiply(share)), unit));
      }
      for (Map.Entry<String, long[]> e : activeNanos.entrySet()) {
        if (!e.getKey().startsWith(b.index + "|")) {
          continue;
        }
        String month = e.getKey().substring(e.getKey().indexOf('|') + 1);
        java.time.YearMonth ym = java.time.YearMonth.parse(month);
        Instant ms = ym.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant me = ym.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant from = start.isAfter(ms) ? start : ms;
        Instant until = min(min(me, origin.plusNanos(now)), origin.plusNanos(b.endNanos));
        BigDecimal hours = BigDecimal.valueOf(e.getValue()[0]).divide(hourNanos, 20, RoundingMode.HALF_EVEN);
        if (share.compareTo(BigDecimal.ONE) < 0) {
          out.add(new CommitmentCharge(CommitmentCharge.Kind.RECURRING_FEE, c, "", Map.of(), region, "", type,
              BigDecimal.ZERO, from, until,
              scale(b.hourly.multiply(BigDecimal.ONE.subtract(share)).multiply(hours)), BigDecimal.ZERO,
              BigDecimal.ZERO, scale(capacityPerHour.multiply(BigDecimal.ONE.subtract(share)).multiply(hours)),
              unit));
        }
        BigDecimal amortized = scale(b.hourly.multiply(hours));
        BigDecimal capacity = scale(capacityPerHour.multiply(hours));
        BigDecimal usedCost = BigDecimal.ZERO;
        BigDecimal usedQuantity = BigDecimal.ZERO;
        int firstUsed = out.size();
        for (String key : byCommitmentMonth.getOrDefault(e.getKey(), List.of())) {
          SimVm vm = byIndex.get(Integer.parseInt(key.substring(key.indexOf('|') + 1, key.lastIndexOf('|'))));
          double[] acc = covered.get(key);
          long[] span = coveredSpan.get(key);
          BigDecimal eff = scale(BigDecimal.valueOf(acc[0]));
          BigDecimal qty = scale(BigDecimal.valueOf(acc[2]));
          usedCost = usedCost.add(eff);
          usedQuantity = usedQuantity.add(qty);
          out.add(new CommitmentCharge(CommitmentCharge.Kind.USED, c, vm.id, vm.labels, vm.offer.region().id(),
              vm.zone, vm.offer.instanceType().id(), scale(BigDecimal.valueOf(acc[3] / 3600)),
              origin.plusNanos(span[0]), origin.plusNanos(span[1]), BigDecimal.ZERO, eff,
              scale(BigDecimal.valueOf(acc[1])), qty, unit));
        }
        BigDecimal unused = amortized.subtract(usedCost);
        if (unused.signum() < 0 && out.size() > firstUsed) {
          // rounding of the per-machine shares: take the excess off the last one so that used + unused = amortized
          CommitmentCharge last = out.remove(out.size() - 1);
          out.add(new CommitmentCharge(last.kind(), c, last.vmId(), last.labels(), last.regionId(), last.zone(),
              last.instanceTypeId(), last.usageHours(), last.start(), last.end(), last.billedCost(),
              last.effectiveCost().add(unused), last.onDemandCost(), last.quantity(), unit));
          unused = BigDecimal.ZERO;
        }
        if (unused.signum() > 0) {
          out.add(new CommitmentCharge(CommitmentCharge.Kind.UNUSED, c, "", Map.of(), region, "", type,
              BigDecimal.ZERO, from, until,
              BigDecimal.ZERO, unused, BigDecimal.ZERO, capacity.subtract(usedQuantity).max(BigDecimal.ZERO),
              unit));
        }
      }
    }
    return List.copyOf(out);
  }

  private static BigDecimal scale(BigDecimal v) {
    return v.setScale(10, RoundingMode.HALF_EVEN);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  // ---------------------------------------------------------------- queries

  /**
   * The regions of this environment.
   *
   * @return regions by id; never null
   */
  public Map<String, Region> regions() {
    return regions;
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
  public synchronized Optional<Double> spotPrice(String instanceTypeId, String regionId, String zone) {
    Offer od = offers.get(offerKey(instanceTypeId, regionId, PurchaseOption.ON_DEMAND));
    if (od == null || !offers.containsKey(offerKey(instanceTypeId, regionId, PurchaseOption.SPOT))) {
      return Optional.empty();
    }
    return Optional.of(spotPriceAtHour(instanceTypeId, zone, od, engine.nowNanos() / HOUR_NANOS));
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
  public synchronized double latencyMillis(Region a, Region b) {
    if (a.id().equals(b.id())) {
      return 2;
    }
    List<String> ea = endpoints(a);
    List<String> eb = endpoints(b);
    if (partitioned(ea, eb)) {
      return Double.POSITIVE_INFINITY;
    }
    return 5 + a.location().distanceKm(b.location()) / 100 + extraMillis(ea, eb);
  }

  /**
   * The billed usage of every machine that has run, in launch order, up to the current time.
   *
   * @return one record per machine that reached the running state; never null
   */
  public synchronized List<UsageRecord> usage() {
    List<UsageRecord> out = new ArrayList<>();
    long now = engine.nowNanos();
    for (SimVm vm : vms.values()) {
      if (vm.runningNanos < 0) {
        continue;
      }
      long end = vm.endNanos >= 0 ? vm.endNanos : now;
      long running = Math.max(0, end - vm.runningNanos);
      BillingRule rule = billing.getOrDefault(vm.offer.region().provider(),
          BillingRule.defaultFor(vm.offer.region().provider()));
      long billed = rule.billedNanos(running);
      double cost = cost(vm, vm.runningNanos, end, billed - running);
      out.add(new UsageRecord(vm.id, vm.offer.region().provider(), vm.offer.region().id(), vm.zone,
          vm.offer.instanceType().id(), vm.offer.purchaseOption(), vm.labels, engine.origin().plusNanos(
          vm.runningNanos), engine.origin().plusNanos(end), vm.endNanos < 0, billed / 1e9,
          BigDecimal.valueOf(cost).setScale(10, RoundingMode.HALF_EVEN), vm.endNanos < 0 ? "running" : vm.endReason));
    }
    return List.copyOf(out);
  }

  /**
   * Counts of machines by state: {@code provisioning}, {@code running}, {@code terminated}, {@code failed},
   * {@code interrupted}, {@code cancelled} (ended before running).
   *
   * @return counts by state, every key present; never null
   */
  public synchronized Map<String, Integer> vmCounts() {
    Map<String, Integer> c = new TreeMap<>();
    for (String k : List.of("provisioning", "running", "terminated", "failed", "interrupted", "cancelled")) {
      c.put(k, 0);
    }
    for (SimVm vm : vms.values()) {
      String k;
      if (vm.endNanos < 0) {
        k = vm.runningNanos < 0 ? "provisioning" : "running";
      } else if (vm.runningNanos < 0) {
        k = "cancelled";
      } else {
        k = switch (vm.endType) {
          case VM_FAILED -> "failed";
          case SPOT_INTERRUPTED -> "interrupted";
          default -> "terminated";
        };
      }
      c.merge(k, 1, Integer::sum);
    }
    return c;
  }

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

  // ---------------------------------------------------------------- internals

  private LaunchResult reject(LaunchResult.Rejection why, String message) {
    return new LaunchResult("", why, message);
  }

  private boolean takeToken(CloudProvider p) {
    if (throttlePerSecond <= 0) {
      return true;
    }
    double[] b = buckets.computeIfAbsent(p, k -> new double[] {throttleBurst, engine.nowNanos()});
    double elapsed = (engine.nowNanos() - b[1]) / 1e9;
    b[0] = Math.min(throttleBurst, b[0] + elapsed * throttlePerSecond);
    b[1] = engine.nowNanos();
    if (b[0] >= 1) {
      b[0] -= 1;
      return true;
    }
    return false;
  }

  private boolean isDown(Region region, String zone) {
    return activeOutages.containsKey("ZONE/" + zone) || activeOutages.containsKey("REGION/" + region.id())
        || activeOutages.containsKey("PROVIDER/" + region.provider().id());
  }

  private synchronized void onRunning(int index) {
    SimVm vm = byIndex.get(index);
    vm.pending = -1;
    vm.runningNanos = engine.nowNanos();
    if (instanceFailuresPerHour > 0) {
      double h = -Math.log(1 - failureRandom.nextDouble()) / instanceFailuresPerHour;
      vm.failHandle = engine.scheduleAfter((long) Math.min(h * HOUR_NANOS, 1e18), kindFail, index, 0);
    }
    if (vm.offer.purchaseOption() == PurchaseOption.SPOT) {
      double monthly = Math.min(0.999999, vm.offer.interruptionRate() * spotInterruptionMultiplier);
      double perHour = -Math.log(1 - monthly) / HOURS_PER_MONTH;
      if (perHour > 0) {
        double h = -Math.log(1 - spotRandom.nextDouble()) / perHour;
        long at = (long) Math.min(h * HOUR_NANOS, 1e18);
        long notice = notices.getOrDefault(vm.offer.region().provider(), Duration.ofSeconds(30)).toNanos();
        vm.noticeHandle = engine.scheduleAfter(Math.max(0, at - notice), kindNotice, index, 0);
        vm.reclaimHandle = engine.scheduleAfter(at, kindReclaim, index, 0);
      }
    }
    String wc = vm.labels.get(WORKLOAD_CLASS_LABEL);
    if (wc != null) {
      double[] s = perfStats.computeIfAbsent(perfKey(vm.offer.instanceType().id(), vm.offer.region().id(), wc),
          k -> new double[3]);
      s[0]++;
      s[2] += vm.perfFactor * vm.offer.instanceType().vcpus();
    }
    emit(EnvironmentEvent.Type.VM_RUNNING, vm.id, vm.zone);
  }

  private synchronized void onNotice(int index) {
    SimVm vm = byIndex.get(index);
    vm.noticeHandle = -1;
    emit(EnvironmentEvent.Type.SPOT_INTERRUPTION_NOTICE, vm.id, vm.zone);
  }

  private synchronized void endVm(SimVm vm, EnvironmentEvent.Type type, String reason) {
    if (vm.endNanos >= 0) {
      return;
    }
    vm.endNanos = engine.nowNanos();
    vm.endReason = reason;
    vm.endType = type;
    for (long h : new long[] {vm.pending, vm.failHandle, vm.noticeHandle, vm.reclaimHandle}) {
      if (h >= 0) {
        engine.cancel(h);
      }
    }
    usedVcpus.merge(vm.offer.region().id(), -vm.offer.instanceType().vcpus(), Double::sum);
    String wc = vm.labels.get(WORKLOAD_CLASS_LABEL);
    if (vm.runningNanos >= 0 && wc != null && type == EnvironmentEvent.Type.VM_FAILED) {
      perfStats.get(perfKey(vm.offer.instanceType().id(), vm.offer.region().id(), wc))[1]++;
    }
    emit(type, vm.id, reason);
  }

  private synchronized void onOutageStart(int index) {
    Outage o = outages.get(index);
    String key = o.scope + "/" + o.target;
    activeOutages.merge(key, 1, Integer::sum);
    offerSnapshot = null;
    emit(EnvironmentEvent.Type.OUTAGE_STARTED, "", key);
    for (SimVm vm : new ArrayList<>(vms.values())) {
      if (vm.endNanos < 0 && isDown(vm.offer.region(), vm.zone)) {
        endVm(vm, EnvironmentEvent.Type.VM_FAILED, "outage " + key);
      }
    }
    engine.schedule(Math.max(o.endNanos, engine.nowNanos()), kindOutageEnd, index, 0);
  }

  private synchronized void onOutageEnd(int index) {
    Outage o = outages.get(index);
    String key = o.scope + "/" + o.target;
    activeOutages.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1);
    offerSnapshot = null;
    emit(EnvironmentEvent.Type.OUTAGE_ENDED, "", key);
  }

  private void emit(EnvironmentEvent.Type type, String vmId, String detail) {
    if (listeners.isEmpty()) {
      return;
    }
    EnvironmentEvent e = new EnvironmentEvent(type, engine.clock().instant(), vmId, detail);
    for (Listener l : listeners) {
      l.onEvent(e);
    }
  }

  private double cost(SimVm vm, long from, long to, long extraNanos) {
    double price = vm.offer.hourlyPrice().amount().doubleValue();
    if (vm.offer.purchaseOption() != PurchaseOption.SPOT) {
      return price * ((to - from) + extraNanos) / HOUR_NANOS;
    }
    Offer od = offers.get(offerKey(vm.offer.instanceType().id(), vm.offer.region().id(), PurchaseOption.ON_DEMAND));
    double base = od == null ? price : od.hourlyPrice().amount().doubleValue();
    double sum = 0;
    long t = from;
    double last = spotPriceAtHour(vm.offer.instanceType().id(), vm.zone, od, from / HOUR_NANOS, base);
    while (t < to) {
      long hour = t / HOUR_NANOS;
      long segEnd = Math.min(to, (hour + 1) * HOUR_NANOS);
      last = spotPriceAtHour(vm.offer.instanceType().id(), vm.zone, od, hour, base);
      sum += last * (segEnd - t) / HOUR_NANOS;
      t = segEnd;
    }
    return sum + last * extraNanos / HOUR_NANOS;
  }

  private double spotPriceAtHour(String typeId, String zone, Offer onDemand, long hour) {
    return spotPriceAtHour(typeId, zone, onDemand, hour, onDemand.hourlyPrice().amount().doubleValue());
  }

  private double spotPriceAtHour(String typeId, String zone, Offer onDemand, long hour, double base) {
    String key = typeId + "|" + zone;
    double[] s = spotState.computeIfAbsent(key, k -> new double[] {spotModel.mu(), 0,
        streams.seedOf("environment/spot-price/" + k)});
    if (hour < s[1]) {
      // an earlier hour (billing of old segments): the state of every past hour is kept
      return SpotPriceModel.price(base, spotHistory.get(key)[(int) hour]);
    }
    if (s[1] < hour) {
      double[] past = spotHistory.computeIfAbsent(key, k -> new double[64]);
      if (past.length < hour) {
        past = java.util.Arrays.copyOf(past, (int) Math.max(hour, 2L * past.length));
        spotHistory.put(key, past);
      }
      while (s[1] < hour) {
        past[(int) s[1]] = s[0];
        s[0] = spotModel.step(s[0], (long) s[2], (long) s[1]);
        s[1]++;
      }
    }
    return SpotPriceModel.price(base, s[0]);
  }

  private synchronized List<VirtualMachine> runningVms() {
    List<VirtualMachine> out = new ArrayList<>();
    long hour = engine.nowNanos() / HOUR_NANOS;
    for (SimVm vm : vms.values()) {
      if (vm.endNanos >= 0 || vm.runningNanos < 0) {
        continue;
      }
      double price = vm.offer.hourlyPrice().amount().doubleValue();
      if (vm.offer.purchaseOption() == PurchaseOption.SPOT) {
        Offer od = offers.get(offerKey(vm.offer.instanceType().id(), vm.offer.region().id(),
            PurchaseOption.ON_DEMAND));
        if (od != null) {
          price = spotPriceAtHour(vm.offer.instanceType().id(), vm.zone, od, hour);
        }
      }
      out.add(VirtualMachine.builder(vm.id)
          .instanceType(vm.offer.instanceType())
          .region(vm.offer.region())
          .zone(vm.zone)
          .purchaseOption(vm.offer.purchaseOption())
          .hourlyPrice(new Money(BigDecimal.valueOf(price).setScale(6, RoundingMode.HALF_EVEN), Money.USD))
          .launchedAt(engine.origin().plusNanos(vm.runningNanos))
          .labels(vm.labels)
          .build());
    }
    return List.copyOf(out);
  }

  private static String offerKey(String typeId, String regionId, PurchaseOption option) {
    return typeId + "|" + regionId + "|" + option;
  }

  private static String perfKey(String typeId, String regionId, String workloadClass) {
    return typeId + "|" + regionId + "|" + workloadClass;
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
      regions.values().forEach(r -> s.add(r.provider()));
      return Set.copyOf(s);
    }

    @Override
    public List<Region> regions() {
      return List.copyOf(regions.values());
    }

    @Override
    public List<InstanceType> instanceTypes() {
      return List.copyOf(types.values());
    }

    /** The simulated hour: offers are recomputed once per hour (spot prices, outages), so it versions them. */
    @Override
    public java.util.OptionalLong pricesVersion() {
      return java.util.OptionalLong.of(engine.nowNanos() / HOUR_NANOS);
    }

    @Override
    public List<Offer> offers(OfferQuery query) {
      Objects.requireNonNull(query, "query");
      List<Offer> all = currentOffers();
      List<Offer> out = new ArrayList<>();
      for (Offer o : all) {
        if (query.matches(o)) {
          out.add(o);
        }
      }
      return List.copyOf(out);
    }
  }

  /** Catalog offers of this environment with spot prices of the current hour; rebuilt once per simulated hour. */
  private synchronized List<Offer> currentOffers() {
    long hour = engine.nowNanos() / HOUR_NANOS;
    if (offerSnapshot != null && offerSnapshotHour == hour) {
      return offerSnapshot;
    }
    List<Offer> out = new ArrayList<>(offers.size());
    for (Offer o : offers.values()) {
      if (activeOutages.containsKey("REGION/" + o.region().id())
          || activeOutages.containsKey("PROVIDER/" + o.region().provider().id())) {
        continue; // a region that is down sells nothing
      }
      if (o.purchaseOption() == PurchaseOption.SPOT) {
        Offer od = offers.get(offerKey(o.instanceType().id(), o.region().id(), PurchaseOption.ON_DEMAND));
        if (od != null) {
          String zone = o.region().zones().isEmpty() ? o.region().code() : o.region().zones().get(0);
          double p = spotPriceAtHour(o.instanceType().id(), zone, od, hour);
          o = new Offer(o.instanceType(), o.region(), o.purchaseOption(),
              new Money(BigDecimal.valueOf(p).setScale(6, RoundingMode.HALF_EVEN), Money.USD),
              o.interruptionRate(), engine.origin().plusNanos(hour * HOUR_NANOS));
        }
      }
      out.add(o);
    }
    offerSnapshot = List.copyOf(out);
    offerSnapshotHour = hour;
    return offerSnapshot;
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
      return EnvironmentSimulator.this.runningVms();
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
      synchronized (EnvironmentSimulator.this) {
        double[] s = perfStats.get(perfKey(instanceType.id(), region.id(), workloadClass));
        if (s == null) {
          return Optional.empty();
        }
        return Optional.of(new PerformanceObservation(instanceType.id(), region.id(), workloadClass, s[2] / s[0],
            s[1] / s[0], (long) s[0], engine.clock().instant()));
      }
    }

    @Override
    public Optional<LatencyObservation> latency(Region region, UserLocation location) {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(location, "location");
      if (!regions.containsKey(region.id()) || !userLocations.contains(location)) {
        return Optional.empty();
      }
      double ms = userLatencyMillis(region, location);
      if (Double.isInfinite(ms)) {
        return Optional.empty(); // partitioned from the users: nothing observed
      }
      return Optional.of(new LatencyObservation(region.id(), location.name(), ms * 1.5, 1000,
          engine.clock().instant()));
    }
  }

  private static final class SimVm {
    final int index;
    final String id;
    final Offer offer;
    final String zone;
    final Map<String, String> labels;
    final long launchNanos;
    long runningNanos = -1;
    long endNanos = -1;
    String endReason = "";
    EnvironmentEvent.Type endType;
    long pending = -1;
    long failHandle = -1;
    long noticeHandle = -1;
    long reclaimHandle = -1;
    double perfFactor;

    SimVm(int index, String id, Offer offer, String zone, Map<String, String> labels, long launchNanos) {
      this.index = index;
      this.id = id;
      this.offer = offer;
      this.zone = zone;
      this.labels = labels;
      this.launchNanos = launchNanos;
    }
  }

  private record Outage(int index, OutageScope scope, String target, long startNanos, long endNanos) {}

  /** A partition (extraMillis 0) or latency spike between two endpoints. */
  private record NetworkFault(int index, String a, String b, double extraMillis, long startNanos, long endNanos) {}

  /** A purchased commitment: hourly cost (rate x count, or the savings plan's commitment), rate as a double. */
  private record Bought(Commitment commitment, int index, long startNanos, long endNanos, BigDecimal hourly,
      double rate) {}

  /**
   * Builds an {@link EnvironmentSimulator}; setters check eagerly.
   *
   * <p>Not thread-safe.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private final PricingProvider catalog;
    private final SimulationEngine engine;
    private final RandomStreams streams;
    private Set<CloudProvider> providers = Set.of(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
    private Set<String> regionIds = Set.of();
    private final Map<String, Integer> quotas = new HashMap<>();
    private int defaultQuota = 5000;
    private final Map<CloudProvider, Duration> provisioning = new HashMap<>(Map.of(
        CloudProvider.AWS, Duration.ofSeconds(40), CloudProvider.GCP, Duration.ofSeconds(30),
        CloudProvider.AZURE, Duration.ofSeconds(90)));
    private final Map<CloudProvider, Duration> notices = new HashMap<>(Map.of(
        CloudProvider.AWS, Duration.ofMinutes(2), CloudProvider.GCP, Duration.ofSeconds(30),
        CloudProvider.AZURE, Duration.ofSeconds(30)));
    private final Map<CloudProvider, BillingRule> billing = new HashMap<>();
    private double throttlePerSecond = 20;
    private int throttleBurst = 100;
    private double instanceFailuresPerHour;
    private double spotInterruptionMultiplier = 1;
    private SpotPriceModel spotModel = SpotPriceModel.DEFAULT;
    private List<UserLocation> userLocations = List.of();
    private final List<Listener> listeners = new ArrayList<>();
    private OutageRates outageRates = new OutageRates(0, 0, 0, Duration.ofHours(1));
    private NetworkRates networkRates = new NetworkRates(0, 0, 0, 0, Duration.ofMinutes(30));

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

    private record OutageRates(double zonePerDay, double regionPerDay, double providerPerDay, Duration meanDuration) {}

    private record NetworkRates(double partitionsPerRegionPerDay, double interRegionPartitionsPerDay,
        double spikesPerRegionPerDay, double spikeExtraMillis, Duration meanDuration) {}
  }
}
