package io.stratus.simulation.environment;

import static io.stratus.simulation.environment.SimContext.HOUR_NANOS;

import io.stratus.InvalidConfigurationException;
import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The simulator's prices and bills: the catalog offers of its regions, the spot price process per instance type and
 * zone (every past hour kept, for billing), the providers' billing rules, and the usage records they produce.
 *
 * <p>Not thread-safe: used only under the {@link EnvironmentSimulator}'s lock.
 */
final class Billing {
  private final SimContext ctx;
  private final RandomStreams streams;
  private final Map<String, Region> regions;
  private final Map<String, InstanceType> types;
  private final Map<String, Offer> offers;
  private final Map<CloudProvider, BillingRule> rules;
  private final SpotPriceModel spotModel;
  private final Map<String, double[]> spotState = new HashMap<>();
  /** Per spot key, the price process state of every hour before the current one (index = hour). */
  private final Map<String, double[]> spotHistory = new HashMap<>();
  private List<Offer> offerSnapshot;
  private long offerSnapshotHour = -1;
  private long offerSnapshotOutages = -1;

  Billing(SimContext ctx, EnvironmentSimulator.Builder b) {
    this.ctx = ctx;
    this.streams = b.streams;
    Map<String, Region> rs = new TreeMap<>();
    for (Region r : b.catalog.regions()) {
      if (b.providers.contains(r.provider()) && (b.regionIds.isEmpty() || b.regionIds.contains(r.id()))) {
        rs.put(r.id(), r);
      }
    }
    if (rs.isEmpty()) {
      throw new InvalidConfigurationException("the catalog '" + b.catalog.id()
          + "' has no region for providers " + b.providers + " and region ids " + b.regionIds
          + "; choose providers or region ids the catalog lists");
    }
    this.regions = Collections.unmodifiableMap(rs);
    Map<String, Offer> os = new LinkedHashMap<>();
    Map<String, InstanceType> ts = new TreeMap<>();
    PricingProvider catalog = b.catalog;
    for (Offer o : catalog.offers(OfferQuery.all().withRegionIds(rs.keySet()))) {
      os.put(offerKey(o.instanceType().id(), o.region().id(), o.purchaseOption()), o);
      ts.put(o.instanceType().id(), o.instanceType());
    }
    this.offers = Collections.unmodifiableMap(os);
    this.types = Collections.unmodifiableMap(ts);
    this.rules = Map.copyOf(b.billing);
    this.spotModel = b.spotModel;
  }

  /** Regions by id; immutable. */
  Map<String, Region> regions() {
    return regions;
  }

  /** Instance types by id; immutable. */
  Map<String, InstanceType> types() {
    return types;
  }

  /** The catalog offer, or null when the environment does not sell it. */
  Offer offer(String typeId, String regionId, PurchaseOption option) {
    return offers.get(offerKey(typeId, regionId, option));
  }

  /** The current spot price of a type in a zone; empty without on-demand and spot offers in the region. */
  Optional<Double> spotPrice(String typeId, String regionId, String zone) {
    Offer od = offer(typeId, regionId, PurchaseOption.ON_DEMAND);
    if (od == null || offer(typeId, regionId, PurchaseOption.SPOT) == null) {
      return Optional.empty();
    }
    return Optional.of(spotPriceAtHour(typeId, zone, od, ctx.now() / HOUR_NANOS));
  }

  /** A running machine's hourly price in the given hour: its offer's, or the spot price for spot machines. */
  double hourlyPrice(SimVm vm, long hour) {
    double price = vm.offer.hourlyPrice().amount().doubleValue();
    if (vm.offer.purchaseOption() == PurchaseOption.SPOT) {
      Offer od = offer(vm.offer.instanceType().id(), vm.offer.region().id(), PurchaseOption.ON_DEMAND);
      if (od != null) {
        price = spotPriceAtHour(vm.offer.instanceType().id(), vm.zone, od, hour);
      }
    }
    return price;
  }

  /** The billed usage of every machine that reached the running state, in launch order, up to now. */
  List<UsageRecord> usage(List<SimVm> machines) {
    List<UsageRecord> out = new ArrayList<>();
    long now = ctx.now();
    for (SimVm vm : machines) {
      if (vm.runningNanos < 0) {
        continue;
      }
      long end = vm.endNanos >= 0 ? vm.endNanos : now;
      long running = Math.max(0, end - vm.runningNanos);
      BillingRule rule = rules.getOrDefault(vm.offer.region().provider(),
          BillingRule.defaultFor(vm.offer.region().provider()));
      long billed = rule.billedNanos(running);
      double cost = cost(vm, vm.runningNanos, end, billed - running);
      out.add(new UsageRecord(vm.id, vm.offer.region().provider(), vm.offer.region().id(), vm.zone,
          vm.offer.instanceType().id(), vm.offer.purchaseOption(), vm.labels, ctx.at(vm.runningNanos), ctx.at(end),
          vm.endNanos < 0, billed / 1e9, BigDecimal.valueOf(cost).setScale(10, RoundingMode.HALF_EVEN),
          vm.endNanos < 0 ? "running" : vm.endReason));
    }
    return List.copyOf(out);
  }

  /**
   * Catalog offers with spot prices of the current hour, without the regions an outage has taken down; rebuilt once
   * per simulated hour and whenever an outage starts or ends.
   */
  List<Offer> currentOffers(Faults faults) {
    long hour = ctx.now() / HOUR_NANOS;
    if (offerSnapshot != null && offerSnapshotHour == hour && offerSnapshotOutages == faults.outageChanges()) {
      return offerSnapshot;
    }
    List<Offer> out = new ArrayList<>(offers.size());
    for (Offer o : offers.values()) {
      if (faults.isRegionDown(o.region())) {
        continue; // a region that is down sells nothing
      }
      if (o.purchaseOption() == PurchaseOption.SPOT) {
        Offer od = offer(o.instanceType().id(), o.region().id(), PurchaseOption.ON_DEMAND);
        if (od != null) {
          String zone = o.region().zones().isEmpty() ? o.region().code() : o.region().zones().get(0);
          double p = spotPriceAtHour(o.instanceType().id(), zone, od, hour);
          o = new Offer(o.instanceType(), o.region(), o.purchaseOption(),
              new Money(BigDecimal.valueOf(p).setScale(6, RoundingMode.HALF_EVEN), Money.USD),
              o.interruptionRate(), ctx.at(hour * HOUR_NANOS));
        }
      }
      out.add(o);
    }
    offerSnapshot = List.copyOf(out);
    offerSnapshotHour = hour;
    offerSnapshotOutages = faults.outageChanges();
    return offerSnapshot;
  }

  private double cost(SimVm vm, long from, long to, long extraNanos) {
    double price = vm.offer.hourlyPrice().amount().doubleValue();
    if (vm.offer.purchaseOption() != PurchaseOption.SPOT) {
      return price * ((to - from) + extraNanos) / HOUR_NANOS;
    }
    Offer od = offer(vm.offer.instanceType().id(), vm.offer.region().id(), PurchaseOption.ON_DEMAND);
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
        past = Arrays.copyOf(past, (int) Math.max(hour, 2L * past.length));
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

  private static String offerKey(String typeId, String regionId, PurchaseOption option) {
    return typeId + "|" + regionId + "|" + option;
  }
}
