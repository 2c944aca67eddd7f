package io.stratus.scheduler.core;

import io.stratus.ProviderException;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.UserLocation;
import io.stratus.model.VirtualMachine;
import io.stratus.scheduler.Candidate;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.LatencyObservation;
import io.stratus.spi.PerformanceHistoryProvider;
import io.stratus.spi.PerformanceObservation;
import io.stratus.spi.PricingProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every candidate of one price-and-inventory snapshot, laid out as primitive arrays for the decision loop, grouped by
 * region. Built once per cache refresh; read by many decisions at once.
 *
 * <p>Thread-safe: the arrays never change after construction; the per-class, per-location and per-requirement tables
 * are computed on first use into concurrent maps.
 */
final class Snapshot {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshot.class);
  private static final int MAX_MEMO = 4096;

  /**
   * Candidate order: by region (so compliance and latency are decided once per region block), then by kind, purchase
   * option, architecture and GPUs (a <em>group</em>: purchase, architecture and GPU rules are decided once per group),
   * then by vCPU (so a binary search skips the candidates with too few vCPUs) and memory, then by id for
   * determinism.
   */
  static final Comparator<Candidate> LAYOUT =
      Comparator.comparing((Candidate c) -> c.region().id())
          .thenComparing(c -> c.isRunning() ? 0 : 1)
          .thenComparing(Candidate::purchaseOption)
          .thenComparing(c -> c.instanceType().architecture())
          .thenComparingInt(c -> c.capacity().gpus())
          .thenComparingDouble(c -> c.capacity().vcpus())
          .thenComparingDouble(c -> c.capacity().memoryGib())
          .thenComparing(Candidate::id);

  static final byte KIND_RUNNING = 0;
  static final byte KIND_NEW = 1;

  final Instant builtAt;
  final int n;
  final Candidate[] candidates;
  final Currency currency;
  final Region[] regions;
  /** Candidates of region r are the indices {@code [regionStart[r], regionStart[r + 1])}. */
  final int[] regionStart;
  /** Groups of region r are {@code [regionGroupStart[r], regionGroupStart[r + 1])}. */
  final int[] regionGroupStart;
  /** Candidates of group g are the indices {@code [groupStart[g], groupStart[g + 1])}. */
  final int[] groupStart;
  final boolean anyOtherCurrency;
  final int[] regionOf;
  final byte[] kind;
  final byte[] arch;
  final byte[] purchase;
  final int[] gpus;
  final double[] vcpus;
  final double[] memory;
  final double[] network;
  final double[] price;
  final double[] interruption;
  final double[] expectedCost;
  final boolean[] otherCurrency;
  /** 0 = running machine on a commitment (already-paid reservation), 1 = other running machine, 2 = new instance. */
  final byte[] preference;

  private final PerformanceHistoryProvider history;
  private final Map<String, ClassTable> byClass = new ConcurrentHashMap<>();
  private final Map<UserLocation, LocationTable> byLocation = new ConcurrentHashMap<>();
  private final Map<ComplianceRequirements, String[]> byCompliance = new ConcurrentHashMap<>();

  /** CPU scores and failure rates of every candidate for one workload class. */
  static final class ClassTable {
    final double[] cpuScore;
    final boolean[] cpuObserved;
    final double[] failureRate;
    final boolean[] failureObserved;

    ClassTable(int n) {
      cpuScore = new double[n];
      cpuObserved = new boolean[n];
      failureRate = new double[n];
      failureObserved = new boolean[n];
    }
  }

  /** p95 round-trip time from every region to one user location. */
  static final class LocationTable {
    final double[] p95Millis;
    final boolean[] observed;

    LocationTable(int regions) {
      p95Millis = new double[regions];
      observed = new boolean[regions];
    }
  }

  private Snapshot(Instant builtAt, List<Candidate> sorted, PerformanceHistoryProvider history) {
    this.builtAt = builtAt;
    this.history = history;
    this.n = sorted.size();
    this.candidates = sorted.toArray(new Candidate[0]);
    this.currency = chooseCurrency(sorted);
    Map<String, Integer> regionIndex = new LinkedHashMap<>();
    List<Region> regionList = new ArrayList<>();
    regionOf = new int[n];
    kind = new byte[n];
    arch = new byte[n];
    purchase = new byte[n];
    gpus = new int[n];
    vcpus = new double[n];
    memory = new double[n];
    network = new double[n];
    price = new double[n];
    interruption = new double[n];
    expectedCost = new double[n];
    otherCurrency = new boolean[n];
    preference = new byte[n];
    for (int i = 0; i < n; i++) {
      Candidate c = candidates[i];
      Integer r = regionIndex.get(c.region().id());
      if (r == null) {
        r = regionList.size();
        regionIndex.put(c.region().id(), r);
        regionList.add(c.region());
      }
      regionOf[i] = r;
      kind[i] = c.isRunning() ? KIND_RUNNING : KIND_NEW;
      arch[i] = (byte) c.instanceType().architecture().ordinal();
      purchase[i] = (byte) c.purchaseOption().ordinal();
      gpus[i] = c.capacity().gpus();
      vcpus[i] = c.capacity().vcpus();
      memory[i] = c.capacity().memoryGib();
      network[i] = c.capacity().networkGbps();
      price[i] = c.marginalHourlyCost().toDouble();
      interruption[i] = c.interruptionRate();
      expectedCost[i] = Estimates.expectedHourlyCost(price[i], interruption[i]);
      otherCurrency[i] = !c.marginalHourlyCost().currency().equals(currency);
      preference[i] =
          c.isRunning() ? (c.purchaseOption().isCommitment() ? (byte) 0 : (byte) 1) : (byte) 2;
    }
    regions = regionList.toArray(new Region[0]);
    regionStart = new int[regions.length + 1];
    for (int i = 0, r = 0; r <= regions.length; r++) {
      while (i < n && regionOf[i] < r) {
        i++;
      }
      regionStart[r] = i;
    }
    List<Integer> groups = new ArrayList<>();
    regionGroupStart = new int[regions.length + 1];
    for (int r = 0; r < regions.length; r++) {
      regionGroupStart[r] = groups.size();
      for (int i = regionStart[r]; i < regionStart[r + 1]; i++) {
        if (i == regionStart[r]
            || kind[i] != kind[i - 1]
            || purchase[i] != purchase[i - 1]
            || arch[i] != arch[i - 1]
            || gpus[i] != gpus[i - 1]) {
          groups.add(i);
        }
      }
    }
    regionGroupStart[regions.length] = groups.size();
    groupStart = new int[groups.size() + 1];
    for (int g = 0; g < groups.size(); g++) {
      groupStart[g] = groups.get(g);
    }
    groupStart[groups.size()] = n;
    boolean other = false;
    for (boolean b : otherCurrency) {
      other |= b;
    }
    anyOtherCurrency = other;
  }

  private static Currency chooseCurrency(List<Candidate> candidates) {
    Map<Currency, Integer> counts = new HashMap<>();
    for (Candidate c : candidates) {
      counts.merge(c.marginalHourlyCost().currency(), 1, Integer::sum);
    }
    if (counts.isEmpty() || counts.containsKey(Money.USD)) {
      return Money.USD;
    }
    return counts.entrySet().stream()
        .max(Map.Entry.<Currency, Integer>comparingByValue()
            .thenComparing(e -> e.getKey().getCurrencyCode(), Comparator.reverseOrder()))
        .orElseThrow()
        .getKey();
  }

  /**
   * Reads prices and running machines and lays them out.
   *
   * @param builtAt the snapshot's time
   * @param pricing the price sources
   * @param query which offers to read
   * @param inventory the running machines' source, or null
   * @param history the performance history, or null
   * @return the snapshot
   */
  static Snapshot build(
      Instant builtAt,
      List<PricingProvider> pricing,
      io.stratus.spi.OfferQuery query,
      InventoryProvider inventory,
      PerformanceHistoryProvider history) {
    Map<String, Offer> offers = new LinkedHashMap<>();
    int duplicates = 0;
    for (PricingProvider p : pricing) {
      for (Offer o : read(p.id(), () -> p.offers(query))) {
        Offer previous = offers.putIfAbsent(o.id(), o);
        if (previous != null) {
          duplicates++;
          if (o.observedAt().isAfter(previous.observedAt())) {
            offers.put(o.id(), o);
          }
        }
      }
    }
    if (duplicates > 0) {
      LOG.info("{} offers were priced by more than one provider; the most recently observed price is used", duplicates);
    }
    Map<String, Double> spotRates = new HashMap<>();
    List<Candidate> all = new ArrayList<>(offers.size());
    for (Offer o : offers.values()) {
      all.add(Candidate.newInstance(o));
      if (o.purchaseOption() == PurchaseOption.SPOT) {
        spotRates.put(o.region().id() + "|" + o.instanceType().id(), o.interruptionRate());
      }
    }
    if (inventory != null) {
      Map<String, VirtualMachine> seen = new HashMap<>();
      for (VirtualMachine vm : read(inventory.id(), inventory::runningVms)) {
        if (seen.putIfAbsent(vm.id(), vm) != null) {
          throw new ProviderException(inventory.id(), "returned machine id '" + vm.id() + "' twice", null);
        }
        double rate = 0;
        if (vm.purchaseOption().isInterruptible()) {
          rate = spotRates.getOrDefault(
              vm.region().id() + "|" + vm.instanceType().id(), Estimates.SPOT_INTERRUPTION_RATE);
        }
        all.add(Candidate.onRunningVm(vm, rate));
      }
    }
    all.sort(LAYOUT);
    return new Snapshot(builtAt, all, history);
  }

  private static <T> List<T> read(String providerId, java.util.function.Supplier<List<T>> call) {
    try {
      return java.util.Objects.requireNonNull(call.get(), "provider returned null");
    } catch (ProviderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ProviderException(providerId, "failed: " + e, e);
    }
  }

  /**
   * Builds a snapshot straight from candidates (tests, benchmarks, batch planning over a fixed set).
   *
   * @param builtAt the snapshot's time
   * @param candidates the candidates, ids unique
   * @param history the performance history, or null
   * @return the snapshot
   */
  static Snapshot of(Instant builtAt, List<Candidate> candidates, PerformanceHistoryProvider history) {
    List<Candidate> all = new ArrayList<>(candidates);
    all.sort(LAYOUT);
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Candidate c : all) {
      if (!ids.add(c.kind() + "|" + c.id())) {
        throw new IllegalArgumentException("candidate id '" + c.id() + "' appears twice");
      }
    }
    return new Snapshot(builtAt, all, history);
  }

  /**
   * CPU scores and failure rates for a workload class: observed where the history has them, else estimated.
   *
   * @param workloadClass the class
   * @return the table; shared, never modified
   */
  ClassTable classTable(String workloadClass) {
    ClassTable t = byClass.get(workloadClass);
    if (t != null) {
      return t;
    }
    if (byClass.size() >= MAX_MEMO) {
      byClass.clear();
    }
    return byClass.computeIfAbsent(workloadClass, this::computeClassTable);
  }

  private ClassTable computeClassTable(String workloadClass) {
    ClassTable t = new ClassTable(n);
    for (int i = 0; i < n; i++) {
      Candidate c = candidates[i];
      Optional<PerformanceObservation> o =
          history == null ? Optional.empty() : history.performance(c.instanceType(), c.region(), workloadClass);
      if (o.isPresent()) {
        t.cpuScore[i] = o.get().cpuScore();
        t.cpuObserved[i] = true;
        t.failureRate[i] = Math.max(o.get().failureRate(), c.interruptionRate());
        t.failureObserved[i] = true;
      } else {
        t.cpuScore[i] = Estimates.CPU_SCORE;
        t.failureRate[i] = Math.max(Estimates.FAILURE_RATE, c.interruptionRate());
      }
    }
    return t;
  }

  /**
   * p95 round-trip times from every region to a user location: observed where the history has them, else estimated
   * from the great-circle distance.
   *
   * @param location the user location
   * @return the table; shared, never modified
   */
  LocationTable locationTable(UserLocation location) {
    LocationTable t = byLocation.get(location);
    if (t != null) {
      return t;
    }
    if (byLocation.size() >= MAX_MEMO) {
      byLocation.clear();
    }
    return byLocation.computeIfAbsent(location, this::computeLocationTable);
  }

  private LocationTable computeLocationTable(UserLocation location) {
    LocationTable t = new LocationTable(regions.length);
    for (int r = 0; r < regions.length; r++) {
      Optional<LatencyObservation> o = history == null ? Optional.empty() : history.latency(regions[r], location);
      if (o.isPresent()) {
        t.p95Millis[r] = o.get().p95Millis();
        t.observed[r] = true;
      } else {
        t.p95Millis[r] = Estimates.p95LatencyMillis(regions[r].location(), location.location());
      }
    }
    return t;
  }

  /**
   * The first compliance violation of every region, from {@link ComplianceRequirements#violations(Region)}.
   *
   * @param requirements the requirements
   * @return per region the first violation, or null when the region complies; shared, never modified
   */
  String[] complianceVerdicts(ComplianceRequirements requirements) {
    String[] v = byCompliance.get(requirements);
    if (v != null) {
      return v;
    }
    if (byCompliance.size() >= MAX_MEMO) {
      byCompliance.clear();
    }
    return byCompliance.computeIfAbsent(
        requirements,
        req -> {
          String[] out = new String[regions.length];
          for (int r = 0; r < regions.length; r++) {
            List<String> violations = req.violations(regions[r]);
            out[r] = violations.isEmpty() ? null : violations.get(0);
          }
          return out;
        });
  }
}
