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
import io.stratus.spi.PriceUnavailableException;
import io.stratus.spi.PricingProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
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
  /**
   * The running machines the inventory could not price: not candidates, but counted in every decision's explanation
   * as considered and rejected for an unknown price.
   */
  final UnpricedMachines unpriced;

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

  /**
   * What a snapshot was read from, so that the next refresh can tell whether only prices changed: the offers in
   * provider order (null when providers priced an offer twice; such snapshots are always rebuilt in full), the
   * running machines in inventory order, and where each of them sits in the layout.
   */
  private final Offer[] sourceOffers;
  /**
   * The providers' {@link PricingProvider#pricesVersion()} read before the offers, or null when one had none; set once
   * by {@link #build} before the snapshot is published.
   */
  private long[] versions;
  private final VirtualMachine[] sourceVms;
  private final int[] sourcePos;
  /** Each candidate's (instance type, region) pair, numbered, and the first candidate of each pair. */
  private final int[] typeRegionOf;
  private final int[] typeRegionFirst;

  /** A full build: lays out sorted candidates. */
  private Snapshot(
      Instant builtAt,
      Candidate[] sorted,
      PerformanceHistoryProvider history,
      Offer[] sourceOffers,
      VirtualMachine[] sourceVms,
      int[] sourcePos,
      UnpricedMachines unpriced) {
    this.builtAt = builtAt;
    this.history = history;
    this.unpriced = unpriced;
    this.sourceOffers = sourceOffers;
    this.sourceVms = sourceVms;
    this.sourcePos = sourcePos;
    this.n = sorted.length;
    this.candidates = sorted;
    this.currency = chooseCurrency(sorted);
    Map<String, Integer> regionIndex = new HashMap<>();
    List<Region> regionList = new ArrayList<>();
    Map<TypeRegion, Integer> pairs = new HashMap<>();
    List<Integer> pairFirst = new ArrayList<>();
    regionOf = new int[n];
    typeRegionOf = new int[n];
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
    String lastRegionId = null;
    int lastRegion = -1;
    for (int i = 0; i < n; i++) {
      Candidate c = candidates[i];
      String regionId = c.region().id();
      if (!regionId.equals(lastRegionId)) {
        Integer r = regionIndex.get(regionId);
        if (r == null) {
          r = regionList.size();
          regionIndex.put(regionId, r);
          regionList.add(c.region());
        }
        lastRegionId = regionId;
        lastRegion = r;
      }
      regionOf[i] = lastRegion;
      Integer pair = pairs.putIfAbsent(new TypeRegion(c.instanceType(), c.region()), pairFirst.size());
      if (pair == null) {
        pair = pairFirst.size();
        pairFirst.add(i);
      }
      typeRegionOf[i] = pair;
      kind[i] = c.isRunning() ? KIND_RUNNING : KIND_NEW;
      arch[i] = (byte) c.instanceType().architecture().ordinal();
      purchase[i] = (byte) c.purchaseOption().ordinal();
      gpus[i] = c.capacity().gpus();
      vcpus[i] = c.capacity().vcpus();
      memory[i] = c.capacity().memoryGib();
      network[i] = c.capacity().networkGbps();
      setPrice(i, c);
      preference[i] =
          c.isRunning() ? (c.purchaseOption().isCommitment() ? (byte) 0 : (byte) 1) : (byte) 2;
    }
    typeRegionFirst = pairFirst.stream().mapToInt(Integer::intValue).toArray();
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
    anyOtherCurrency = any(otherCurrency);
  }

  /**
   * An incremental build: the same offers and machines as {@code previous}, in the same order, with some prices or
   * interruption rates changed. Shares every array that depends only on the layout (never modified after
   * construction) and the compliance verdicts (which depend only on the regions); copies the price columns and
   * replaces the changed candidates. The unpriced machines are those of the new read.
   */
  private Snapshot(
      Snapshot previous,
      Instant builtAt,
      Candidate[] candidates,
      PerformanceHistoryProvider history,
      Offer[] sourceOffers,
      VirtualMachine[] sourceVms,
      UnpricedMachines unpriced) {
    this.builtAt = builtAt;
    this.history = history;
    this.unpriced = unpriced;
    this.sourceOffers = sourceOffers;
    this.sourceVms = sourceVms;
    this.sourcePos = previous.sourcePos;
    this.n = previous.n;
    this.candidates = candidates;
    this.currency = previous.currency;
    this.regions = previous.regions;
    this.regionStart = previous.regionStart;
    this.regionGroupStart = previous.regionGroupStart;
    this.groupStart = previous.groupStart;
    this.regionOf = previous.regionOf;
    this.typeRegionOf = previous.typeRegionOf;
    this.typeRegionFirst = previous.typeRegionFirst;
    this.kind = previous.kind;
    this.arch = previous.arch;
    this.purchase = previous.purchase;
    this.gpus = previous.gpus;
    this.vcpus = previous.vcpus;
    this.memory = previous.memory;
    this.network = previous.network;
    this.preference = previous.preference;
    this.price = previous.price.clone();
    this.interruption = previous.interruption.clone();
    this.expectedCost = previous.expectedCost.clone();
    this.otherCurrency = previous.otherCurrency.clone();
    for (int i = 0; i < n; i++) {
      if (candidates[i] != previous.candidates[i]) {
        setPrice(i, candidates[i]);
      }
    }
    this.anyOtherCurrency = any(otherCurrency);
    this.byCompliance.putAll(previous.byCompliance);
  }

  private void setPrice(int i, Candidate c) {
    price[i] = c.marginalHourlyCost().toDouble();
    interruption[i] = c.interruptionRate();
    expectedCost[i] = Estimates.expectedHourlyCost(price[i], interruption[i]);
    otherCurrency[i] = !c.marginalHourlyCost().currency().equals(currency);
  }

  private static boolean any(boolean[] values) {
    for (boolean b : values) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  /** An (instance type, region) pair: candidates that share one get the same performance history. */
  private record TypeRegion(io.stratus.model.InstanceType type, Region region) {}

  private static Currency chooseCurrency(Candidate[] candidates) {
    Map<Currency, Integer> counts = new HashMap<>();
    for (Candidate c : candidates) {
      Currency cur = c.marginalHourlyCost().currency();
      if (cur.equals(Money.USD)) {
        return Money.USD;
      }
      counts.merge(cur, 1, Integer::sum);
    }
    if (counts.isEmpty()) {
      return Money.USD;
    }
    return counts.entrySet().stream()
        .max(Map.Entry.<Currency, Integer>comparingByValue()
            .thenComparing(e -> e.getKey().getCurrencyCode(), Comparator.reverseOrder()))
        .orElseThrow()
        .getKey();
  }

  /**
   * Reads prices and running machines and lays them out; running machines without a price are left out and reported
   * (see {@link #build(Snapshot, Instant, List, io.stratus.spi.OfferQuery, InventoryProvider,
   * PerformanceHistoryProvider, boolean)}).
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
    return build(null, builtAt, pricing, query, inventory, history, false);
  }

  /**
   * Reads prices and running machines and lays them out, incrementally where possible; running machines without a
   * price are left out and reported.
   *
   * @param previous the last snapshot built from the same sources, or null
   * @param builtAt the snapshot's time
   * @param pricing the price sources
   * @param query which offers to read
   * @param inventory the running machines' source, or null
   * @param history the performance history, or null
   * @return the snapshot
   */
  static Snapshot build(
      Snapshot previous,
      Instant builtAt,
      List<PricingProvider> pricing,
      io.stratus.spi.OfferQuery query,
      InventoryProvider inventory,
      PerformanceHistoryProvider history) {
    return build(previous, builtAt, pricing, query, inventory, history, false);
  }

  /**
   * Reads prices and running machines and lays them out. When the providers return the same offers (same instance
   * types, regions and purchase options, in the same order, none priced twice) and the same running machines as
   * when {@code previous} was built, only the changed prices are copied into a snapshot that shares the previous
   * layout; the result equals a full build. When every provider reports a {@link PricingProvider#pricesVersion()}
   * and the versions equal those read for {@code previous}, the offers are not read again.
   *
   * <p>When the inventory throws {@link PriceUnavailableException} (it read the fleet but could not price some
   * machines), the snapshot is built on its {@link PriceUnavailableException#pricedVms() priced machines}, and the
   * unpriced ones are kept, with the provider's reasons, in {@link #unpriced} so that every decision reports them;
   * unless {@code failOnUnpriced}, in which case the exception is thrown on.
   *
   * @param previous the last snapshot built from the same sources, or null
   * @param builtAt the snapshot's time
   * @param pricing the price sources
   * @param query which offers to read
   * @param inventory the running machines' source, or null
   * @param history the performance history, or null
   * @param failOnUnpriced whether a running machine without a price fails the build
   * @return the snapshot
   * @throws PriceUnavailableException if {@code failOnUnpriced} and the inventory could not price some machines
   * @throws ProviderException if a provider failed, returned null, or contradicted itself
   */
  static Snapshot build(
      Snapshot previous,
      Instant builtAt,
      List<PricingProvider> pricing,
      io.stratus.spi.OfferQuery query,
      InventoryProvider inventory,
      PerformanceHistoryProvider history,
      boolean failOnUnpriced) {
    long[] versions = versions(pricing);
    List<Offer> read;
    if (previous != null && versions != null && previous.sourceOffers != null
        && java.util.Arrays.equals(versions, previous.versions)) {
      read = java.util.Arrays.asList(previous.sourceOffers);
    } else {
      read = new ArrayList<>();
      for (PricingProvider p : pricing) {
        read.addAll(read(p.id(), () -> p.offers(query)));
      }
    }
    List<VirtualMachine> vms = List.of();
    UnpricedMachines unpriced = UnpricedMachines.NONE;
    if (inventory != null) {
      try {
        vms = read(inventory.id(), inventory::runningVms);
      } catch (PriceUnavailableException e) {
        if (failOnUnpriced) {
          throw e;
        }
        vms = e.pricedVms();
        unpriced = UnpricedMachines.of(inventory.id(), e);
        logUnpriced(previous, unpriced, vms.size());
      }
    }
    Snapshot s = null;
    if (previous != null && previous.sourceOffers != null && sameStructure(previous, read, vms)) {
      s = incremental(previous, builtAt, read, vms, history, unpriced);
    }
    if (s == null) {
      s = full(builtAt, read, vms, inventory, history, unpriced);
    }
    s.versions = versions;
    return s;
  }

  /** Warns when the set of unpriced machines (or a reason) changed since the previous snapshot; else logs at debug. */
  private static void logUnpriced(Snapshot previous, UnpricedMachines unpriced, int priced) {
    boolean changed = previous == null || !previous.unpriced.reasons.equals(unpriced.reasons);
    LOG.atLevel(changed ? org.slf4j.event.Level.WARN : org.slf4j.event.Level.DEBUG)
        .setMessage("inventory '{}': {} running machine(s) without a price are left out of scheduling (never chosen,"
            + " reported in every decision as \"unknown price\"); the {} priced ones are used: {}")
        .addArgument(unpriced.inventoryId)
        .addArgument(unpriced.count)
        .addArgument(priced)
        .addArgument(unpriced.reasons)
        .log();
  }

  private static long[] versions(List<PricingProvider> pricing) {
    long[] out = new long[pricing.size()];
    for (int i = 0; i < out.length; i++) {
      PricingProvider p = pricing.get(i);
      java.util.OptionalLong v = p.pricesVersion();
      if (v == null || v.isEmpty()) {
        return null;
      }
      out[i] = v.getAsLong();
    }
    return out;
  }

  private static boolean sameStructure(Snapshot previous, List<Offer> offers, List<VirtualMachine> vms) {
    Offer[] before = previous.sourceOffers;
    VirtualMachine[] machines = previous.sourceVms;
    if (before.length != offers.size() || machines.length != vms.size()) {
      return false;
    }
    for (int i = 0; i < before.length; i++) {
      Offer a = before[i];
      Offer b = offers.get(i);
      if (a != b
          && (a.purchaseOption() != b.purchaseOption()
              || !a.instanceType().equals(b.instanceType())
              || !a.region().equals(b.region()))) {
        return false;
      }
    }
    for (int i = 0; i < machines.length; i++) {
      if (!machines[i].equals(vms.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Copies the changed prices into the previous layout; null when a currency changed (then a full build runs). */
  private static Snapshot incremental(
      Snapshot previous,
      Instant builtAt,
      List<Offer> offers,
      List<VirtualMachine> vms,
      PerformanceHistoryProvider history,
      UnpricedMachines unpriced) {
    Candidate[] candidates = previous.candidates.clone();
    Offer[] source = offers.toArray(new Offer[0]);
    for (int i = 0; i < source.length; i++) {
      Offer before = previous.sourceOffers[i];
      Offer now = source[i];
      if (now != before && !now.equals(before)) {
        if (!now.hourlyPrice().currency().equals(before.hourlyPrice().currency())) {
          return null;
        }
        candidates[previous.sourcePos[i]] = Candidate.newInstance(now);
      }
    }
    if (!vms.isEmpty()) {
      Map<String, Double> spotRates = spotRates(source);
      for (int i = 0; i < vms.size(); i++) {
        int pos = previous.sourcePos[source.length + i];
        double rate = vmInterruptionRate(vms.get(i), spotRates);
        if (rate != candidates[pos].interruptionRate()) {
          candidates[pos] = Candidate.onRunningVm(vms.get(i), rate);
        }
      }
    }
    return new Snapshot(previous, builtAt, candidates, history, source, previous.sourceVms, unpriced);
  }

  private static Snapshot full(
      Instant builtAt,
      List<Offer> read,
      List<VirtualMachine> vms,
      InventoryProvider inventory,
      PerformanceHistoryProvider history,
      UnpricedMachines unpriced) {
    Map<String, Integer> byId = new HashMap<>();
    List<Offer> merged = new ArrayList<>(read.size());
    int duplicates = 0;
    for (Offer o : read) {
      Integer at = byId.putIfAbsent(o.id(), merged.size());
      if (at == null) {
        merged.add(o);
      } else {
        duplicates++;
        if (o.observedAt().isAfter(merged.get(at).observedAt())) {
          merged.set(at, o);
        }
      }
    }
    if (duplicates > 0) {
      LOG.info("{} offers were priced by more than one provider; the most recently observed price is used", duplicates);
    }
    Offer[] source = merged.toArray(new Offer[0]);
    List<Candidate> all = new ArrayList<>(source.length + vms.size());
    for (Offer o : source) {
      all.add(Candidate.newInstance(o));
    }
    if (!vms.isEmpty()) {
      Map<String, Double> spotRates = spotRates(source);
      Map<String, VirtualMachine> seen = new HashMap<>();
      for (VirtualMachine vm : vms) {
        if (seen.putIfAbsent(vm.id(), vm) != null) {
          throw new ProviderException(inventory.id(), "returned machine id '" + vm.id() + "' twice", null);
        }
        all.add(Candidate.onRunningVm(vm, vmInterruptionRate(vm, spotRates)));
      }
    }
    int[] order = layoutOrder(all);
    Candidate[] sorted = new Candidate[order.length];
    int[] pos = new int[order.length];
    for (int p = 0; p < order.length; p++) {
      sorted[p] = all.get(order[p]);
      pos[order[p]] = p;
    }
    return new Snapshot(builtAt, sorted, history, duplicates == 0 ? source : null,
        vms.toArray(new VirtualMachine[0]), pos, unpriced);
  }

  private static Map<String, Double> spotRates(Offer[] offers) {
    Map<String, Double> spotRates = new HashMap<>();
    for (Offer o : offers) {
      if (o.purchaseOption() == PurchaseOption.SPOT) {
        spotRates.put(o.region().id() + "|" + o.instanceType().id(), o.interruptionRate());
      }
    }
    return spotRates;
  }

  private static double vmInterruptionRate(VirtualMachine vm, Map<String, Double> spotRates) {
    if (!vm.purchaseOption().isInterruptible()) {
      return 0;
    }
    return spotRates.getOrDefault(vm.region().id() + "|" + vm.instanceType().id(), Estimates.SPOT_INTERRUPTION_RATE);
  }

  /**
   * The permutation that sorts candidates by {@link #LAYOUT}, computed on precomputed keys (the region and candidate
   * ids are built once per candidate instead of once per comparison).
   */
  static int[] layoutOrder(List<Candidate> candidates) {
    int n = candidates.size();
    String[] region = new String[n];
    String[] id = new String[n];
    int[] group = new int[n];
    int[] gpu = new int[n];
    double[] cpu = new double[n];
    double[] mem = new double[n];
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      Candidate c = candidates.get(i);
      region[i] = c.region().id();
      id[i] = c.id();
      group[i] = ((c.isRunning() ? 0 : 1) << 16) | (c.purchaseOption().ordinal() << 8)
          | c.instanceType().architecture().ordinal();
      gpu[i] = c.capacity().gpus();
      cpu[i] = c.capacity().vcpus();
      mem[i] = c.capacity().memoryGib();
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> {
      int d = region[a].compareTo(region[b]);
      if (d != 0) {
        return d;
      }
      d = Integer.compare(group[a], group[b]);
      if (d != 0) {
        return d;
      }
      d = Integer.compare(gpu[a], gpu[b]);
      if (d != 0) {
        return d;
      }
      d = Double.compare(cpu[a], cpu[b]);
      if (d != 0) {
        return d;
      }
      d = Double.compare(mem[a], mem[b]);
      return d != 0 ? d : id[a].compareTo(id[b]);
    });
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = idx[i];
    }
    return out;
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
    int[] order = layoutOrder(all);
    Candidate[] sorted = new Candidate[order.length];
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int p = 0; p < order.length; p++) {
      Candidate c = all.get(order[p]);
      if (!ids.add(c.kind() + "|" + c.id())) {
        throw new IllegalArgumentException("candidate id '" + c.id() + "' appears twice");
      }
      sorted[p] = c;
    }
    return new Snapshot(builtAt, sorted, history, null, new VirtualMachine[0], null, UnpricedMachines.NONE);
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
    List<Optional<PerformanceObservation>> observed = new ArrayList<>(typeRegionFirst.length);
    if (history != null) {
      for (int first : typeRegionFirst) {
        Candidate c = candidates[first];
        observed.add(history.performance(c.instanceType(), c.region(), workloadClass));
      }
    }
    for (int i = 0; i < n; i++) {
      Candidate c = candidates[i];
      Optional<PerformanceObservation> o = history == null ? Optional.empty() : observed.get(typeRegionOf[i]);
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
