package io.stratus.simulation.environment;

import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * What goes wrong in the simulator's network and data centres: zone, region and provider outages, network partitions
 * and latency spikes between regions, zones and {@link EnvironmentSimulator#INTERNET}, scheduled or drawn from
 * rates; and the latencies they change.
 *
 * <p>Not thread-safe: used only under the {@link EnvironmentSimulator}'s lock (its engine events are registered
 * through {@link SimContext#kind}).
 */
final class Faults {
  private final SimContext ctx;
  private final Map<String, Region> regions;
  private final EnvironmentSimulator.Builder.OutageRates outageRates;
  private final EnvironmentSimulator.Builder.NetworkRates networkRates;
  private final SplittableRandom outageRandom;
  private final SplittableRandom networkRandom;
  /** Told the key of each outage that starts, after its event, to fail the machines it takes down. */
  private final Consumer<String> outageStarted;
  private final Map<String, Integer> activeOutages = new HashMap<>();
  private final List<Outage> outages = new ArrayList<>();
  private final List<NetworkFault> faults = new ArrayList<>();
  private final Map<String, Integer> activePartitions = new HashMap<>();
  private final Map<String, Double> activeSpikes = new HashMap<>();
  private long outageChanges;
  private final int kindOutageStart;
  private final int kindOutageEnd;
  private final int kindFaultStart;
  private final int kindFaultEnd;

  Faults(SimContext ctx, EnvironmentSimulator.Builder b, Map<String, Region> regions,
      Consumer<String> outageStarted) {
    this.ctx = ctx;
    this.regions = regions;
    this.outageRates = b.outageRates;
    this.networkRates = b.networkRates;
    this.outageRandom = b.streams.stream("environment/outages");
    this.networkRandom = b.streams.stream("environment/network");
    this.outageStarted = outageStarted;
    this.kindOutageStart = ctx.kind(this::onOutageStart);
    this.kindOutageEnd = ctx.kind(this::onOutageEnd);
    this.kindFaultStart = ctx.kind(f -> onFault(f, true));
    this.kindFaultEnd = ctx.kind(f -> onFault(f, false));
  }

  // ---------------------------------------------------------------- outages

  void scheduleOutage(OutageScope scope, String target, Instant start, Duration length) {
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
          Locale.ROOT) + " of this environment");
    }
    long at = startNanos(start);
    Outage o = new Outage(outages.size(), scope, target, at, at + length.toNanos());
    outages.add(o);
    ctx.engine.schedule(o.startNanos, kindOutageStart, o.index, 0);
  }

  int drawOutages(Duration horizon) {
    Objects.requireNonNull(horizon, "horizon");
    double days = horizon.toNanos() / 86_400e9;
    int count = 0;
    Set<String> providersSeen = new LinkedHashSet<>();
    for (Region r : regions.values()) {
      providersSeen.add(r.provider().id());
      for (String z : r.zones()) {
        count += drawOutages(OutageScope.ZONE, z, outageRates.zonePerDay(), days);
      }
      count += drawOutages(OutageScope.REGION, r.id(), outageRates.regionPerDay(), days);
    }
    for (String p : providersSeen) {
      count += drawOutages(OutageScope.PROVIDER, p, outageRates.providerPerDay(), days);
    }
    return count + drawNetworkFaults(days);
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
      double len = -Math.log(1 - outageRandom.nextDouble()) * outageRates.meanDuration().toNanos();
      Instant start = ctx.engine.clock().instant().plusNanos((long) (t * 86_400e9));
      scheduleOutage(scope, target, start, Duration.ofNanos(Math.max(1_000_000_000L, (long) len)));
      n++;
    }
  }

  /** Whether a zone of a region is down: the zone, its region or its provider is in an outage. */
  boolean isDown(Region region, String zone) {
    return activeOutages.containsKey("ZONE/" + zone) || isRegionDown(region);
  }

  /** Whether a whole region is down (its own or its provider's outage); it sells nothing then. */
  boolean isRegionDown(Region region) {
    return activeOutages.containsKey("REGION/" + region.id())
        || activeOutages.containsKey("PROVIDER/" + region.provider().id());
  }

  /** How many times an outage started or ended: a version of {@link #isDown} for caches. */
  long outageChanges() {
    return outageChanges;
  }

  private void onOutageStart(int index) {
    Outage o = outages.get(index);
    String key = o.scope + "/" + o.target;
    activeOutages.merge(key, 1, Integer::sum);
    outageChanges++;
    ctx.emit(EnvironmentEvent.Type.OUTAGE_STARTED, "", key);
    outageStarted.accept(key);
    ctx.engine.schedule(Math.max(o.endNanos, ctx.now()), kindOutageEnd, index, 0);
  }

  private void onOutageEnd(int index) {
    Outage o = outages.get(index);
    String key = o.scope + "/" + o.target;
    activeOutages.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1);
    outageChanges++;
    ctx.emit(EnvironmentEvent.Type.OUTAGE_ENDED, "", key);
  }

  // ---------------------------------------------------------------- network

  private int drawNetworkFaults(double days) {
    int n = 0;
    List<String> ids = new ArrayList<>(regions.keySet());
    for (int i = 0; i < ids.size(); i++) {
      n += drawFaults(ids.get(i), EnvironmentSimulator.INTERNET, networkRates.partitionsPerRegionPerDay(), 0, days);
      n += drawFaults(ids.get(i), EnvironmentSimulator.INTERNET, networkRates.spikesPerRegionPerDay(),
          networkRates.spikeExtraMillis(), days);
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
      Instant start = ctx.engine.clock().instant().plusNanos((long) (t * 86_400e9));
      Duration length = Duration.ofNanos(Math.max(1_000_000_000L, (long) len));
      if (extraMillis > 0) {
        scheduleLatencySpike(a, b, start, length, extraMillis);
      } else {
        scheduleFault(a, b, start, length, 0);
      }
      n++;
    }
  }

  void scheduleLatencySpike(String a, String b, Instant start, Duration length, double extraMillis) {
    if (!(extraMillis > 0) || Double.isInfinite(extraMillis)) {
      throw new IllegalArgumentException("extraMillis must be finite and positive, was " + extraMillis);
    }
    scheduleFault(a, b, start, length, extraMillis);
  }

  /** A partition (extraMillis 0) or a latency spike. */
  void scheduleFault(String a, String b, Instant start, Duration length, double extraMillis) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    for (String x : List.of(a, b)) {
      if (!x.equals(EnvironmentSimulator.INTERNET) && !regions.containsKey(x)
          && regions.values().stream().noneMatch(r -> r.zones().contains(x))) {
        throw new IllegalArgumentException("endpoint '" + x + "' is not a region id, zone or '"
            + EnvironmentSimulator.INTERNET + "' of this environment");
      }
    }
    if (a.equals(b)) {
      throw new IllegalArgumentException("endpoints must differ, both were '" + a + "'");
    }
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("length must be positive, was " + length);
    }
    long at = startNanos(start);
    NetworkFault f = new NetworkFault(faults.size(), a, b, extraMillis, at, at + length.toNanos());
    faults.add(f);
    ctx.engine.schedule(at, kindFaultStart, f.index, 0);
  }

  private long startNanos(Instant start) {
    long at = Duration.between(ctx.engine.origin(), start).toNanos();
    if (at < ctx.now()) {
      throw new IllegalArgumentException("start must not be before the current time " + ctx.engine.clock().instant()
          + ", was " + start);
    }
    return at;
  }

  private void onFault(int index, boolean start) {
    NetworkFault f = faults.get(index);
    String key = pairKey(f.a, f.b);
    if (f.extraMillis > 0) {
      if (start) {
        activeSpikes.merge(key, f.extraMillis, Double::sum);
      } else {
        activeSpikes.computeIfPresent(key, (k, v) -> Math.abs(v - f.extraMillis) < 1e-9 ? null : v - f.extraMillis);
      }
      ctx.emit(start ? EnvironmentEvent.Type.LATENCY_SPIKE_STARTED : EnvironmentEvent.Type.LATENCY_SPIKE_ENDED, "",
          key + "|" + f.extraMillis);
    } else {
      if (start) {
        activePartitions.merge(key, 1, Integer::sum);
      } else {
        activePartitions.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1);
      }
      ctx.emit(start ? EnvironmentEvent.Type.PARTITION_STARTED : EnvironmentEvent.Type.PARTITION_ENDED, "", key);
    }
    if (start) {
      ctx.engine.schedule(Math.max(f.endNanos, ctx.now()), kindFaultEnd, index, 0);
    }
  }

  /** Whether a region or zone is cut off from the internet now. */
  boolean isCutOff(String regionId, String zone) {
    return partitioned(List.of(regionId, zone), List.of(EnvironmentSimulator.INTERNET));
  }

  double userLatencyMillis(Region region, UserLocation location) {
    List<String> e = endpoints(region);
    List<String> internet = List.of(EnvironmentSimulator.INTERNET);
    if (partitioned(e, internet)) {
      return Double.POSITIVE_INFINITY;
    }
    return 5 + region.location().distanceKm(location.location()) / 100 + extraMillis(e, internet);
  }

  double latencyMillis(Region a, Region b) {
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

  private static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }

  /** Whether a partition applies between two endpoint sets. */
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

  /** The summed latency spikes between two endpoint sets. */
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

  private record Outage(int index, OutageScope scope, String target, long startNanos, long endNanos) {}

  /** A partition (extraMillis 0) or latency spike between two endpoints. */
  private record NetworkFault(int index, String a, String b, double extraMillis, long startNanos, long endNanos) {}
}
