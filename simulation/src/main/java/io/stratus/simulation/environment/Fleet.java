package io.stratus.simulation.environment;

import static io.stratus.simulation.environment.SimContext.HOUR_NANOS;

import io.stratus.model.CloudProvider;
import io.stratus.model.InstanceType;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.VirtualMachine;
import io.stratus.spi.PerformanceObservation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The simulator's machines: launches (API throttling, quotas, provisioning latency), their life (random failures,
 * spot interruption notices and reclaims, termination, failure in an outage) and what is observed of them (running
 * inventory, performance history per instance type, region and workload class).
 *
 * <p>Not thread-safe: used only under the {@link EnvironmentSimulator}'s lock (its engine events are registered
 * through {@link SimContext#kind}).
 */
final class Fleet {
  private static final double HOURS_PER_MONTH = 730;

  private final SimContext ctx;
  private final Billing billing;
  private final Faults faults;
  private final Map<String, Integer> quotas;
  private final int defaultQuota;
  private final Map<CloudProvider, Duration> provisioning;
  private final Map<CloudProvider, Duration> notices;
  private final double throttlePerSecond;
  private final int throttleBurst;
  private final double instanceFailuresPerHour;
  private final double spotInterruptionMultiplier;
  private final SplittableRandom failureRandom;
  private final SplittableRandom spotRandom;
  private final SplittableRandom perfRandom;
  private final Map<String, Double> usedVcpus = new HashMap<>();
  private final Map<CloudProvider, double[]> buckets = new HashMap<>();
  private final LinkedHashMap<String, SimVm> vms = new LinkedHashMap<>();
  private final List<SimVm> byIndex = new ArrayList<>();
  private final List<SimVm> machines = Collections.unmodifiableList(byIndex);
  private final Map<String, double[]> perfStats = new TreeMap<>();
  private final int kindRunning;
  private final int kindFail;
  private final int kindNotice;
  private final int kindReclaim;

  Fleet(SimContext ctx, EnvironmentSimulator.Builder b, Billing billing, Faults faults) {
    this.ctx = ctx;
    this.billing = billing;
    this.faults = faults;
    this.quotas = Map.copyOf(b.quotas);
    this.defaultQuota = b.defaultQuota;
    this.provisioning = Map.copyOf(b.provisioning);
    this.notices = Map.copyOf(b.notices);
    this.throttlePerSecond = b.throttlePerSecond;
    this.throttleBurst = b.throttleBurst;
    this.instanceFailuresPerHour = b.instanceFailuresPerHour;
    this.spotInterruptionMultiplier = b.spotInterruptionMultiplier;
    this.failureRandom = b.streams.stream("environment/instance-failure");
    this.spotRandom = b.streams.stream("environment/spot-interruption");
    this.perfRandom = b.streams.stream("environment/performance");
    this.kindRunning = ctx.kind(this::onRunning);
    this.kindFail = ctx.kind(vm -> endVm(byIndex.get(vm), EnvironmentEvent.Type.VM_FAILED, "instance failure"));
    this.kindNotice = ctx.kind(this::onNotice);
    this.kindReclaim = ctx.kind(vm -> endVm(byIndex.get(vm), EnvironmentEvent.Type.SPOT_INTERRUPTED,
        "spot capacity reclaimed"));
  }

  /** Every machine launched, in launch order (index order); a live read-only view. */
  List<SimVm> machines() {
    return machines;
  }

  LaunchResult launch(
      String instanceTypeId, String regionId, String zone, PurchaseOption option, Map<String, String> labels) {
    Offer offer = offerFor(instanceTypeId, regionId, option, labels);
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
    if (faults.isDown(region, z)) {
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

  /** The catalog offer a launch asks for (null when unknown), after the launch arguments' null checks. */
  private Offer offerFor(String instanceTypeId, String regionId, PurchaseOption option, Map<String, String> labels) {
    Objects.requireNonNull(instanceTypeId, "instanceTypeId");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(labels, "labels");
    return billing.offer(instanceTypeId, regionId, option);
  }

  LaunchResult launchRunning(
      String instanceTypeId, String regionId, String zone, PurchaseOption option, Map<String, String> labels) {
    Offer offer = offerFor(instanceTypeId, regionId, option, labels);
    LaunchResult invalid = unknownOfferOrZone(offer, instanceTypeId, regionId, zone, option);
    if (invalid != null) {
      return invalid;
    }
    usedVcpus.merge(regionId, offer.instanceType().vcpus(), Double::sum);
    return start(offer, zoneOrFirst(offer.region(), zone), labels, 0);
  }

  /** Why a launch cannot start: its offer is null (not sold here) or its zone unknown; null when both exist. */
  private static LaunchResult unknownOfferOrZone(
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

  private static LaunchResult reject(LaunchResult.Rejection why, String message) {
    return new LaunchResult("", why, message);
  }

  /** Adds an accepted machine that turns running after {@code delayNanos}. */
  private LaunchResult start(Offer offer, String zone, Map<String, String> labels, long delayNanos) {
    SimVm vm = new SimVm(byIndex.size(), "vm-" + (byIndex.size() + 1), offer, zone, Map.copyOf(labels), ctx.now());
    vm.perfFactor = 0.9 + 0.2 * perfRandom.nextDouble();
    vms.put(vm.id, vm);
    byIndex.add(vm);
    vm.pending = ctx.engine.scheduleAfter(delayNanos, kindRunning, vm.index, 0);
    return new LaunchResult(vm.id, null, "");
  }

  boolean terminate(String vmId) {
    SimVm vm = vms.get(Objects.requireNonNull(vmId, "vmId"));
    if (vm == null || vm.endNanos >= 0) {
      return false;
    }
    endVm(vm, EnvironmentEvent.Type.VM_TERMINATED, "terminated by owner");
    return true;
  }

  /** Fails every live machine that the outages now active take down. */
  void failDown(String outageKey) {
    for (SimVm vm : new ArrayList<>(vms.values())) {
      if (vm.endNanos < 0 && faults.isDown(vm.offer.region(), vm.zone)) {
        endVm(vm, EnvironmentEvent.Type.VM_FAILED, "outage " + outageKey);
      }
    }
  }

  boolean isReachable(String vmId) {
    SimVm vm = vms.get(Objects.requireNonNull(vmId, "vmId"));
    if (vm == null || vm.endNanos >= 0) {
      return false;
    }
    return !faults.isCutOff(vm.offer.region().id(), vm.zone);
  }

  Map<String, Integer> vmCounts() {
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

  List<VirtualMachine> runningVms() {
    List<VirtualMachine> out = new ArrayList<>();
    long hour = ctx.now() / HOUR_NANOS;
    for (SimVm vm : vms.values()) {
      if (vm.endNanos >= 0 || vm.runningNanos < 0) {
        continue;
      }
      double price = billing.hourlyPrice(vm, hour);
      out.add(VirtualMachine.builder(vm.id)
          .instanceType(vm.offer.instanceType())
          .region(vm.offer.region())
          .zone(vm.zone)
          .purchaseOption(vm.offer.purchaseOption())
          .hourlyPrice(new Money(BigDecimal.valueOf(price).setScale(6, RoundingMode.HALF_EVEN), Money.USD))
          .launchedAt(ctx.at(vm.runningNanos))
          .labels(vm.labels)
          .build());
    }
    return List.copyOf(out);
  }

  Optional<PerformanceObservation> performance(InstanceType instanceType, Region region, String workloadClass) {
    double[] s = perfStats.get(perfKey(instanceType.id(), region.id(), workloadClass));
    if (s == null) {
      return Optional.empty();
    }
    return Optional.of(new PerformanceObservation(instanceType.id(), region.id(), workloadClass, s[2] / s[0],
        s[1] / s[0], (long) s[0], ctx.engine.clock().instant()));
  }

  private boolean takeToken(CloudProvider p) {
    if (throttlePerSecond <= 0) {
      return true;
    }
    double[] b = buckets.computeIfAbsent(p, k -> new double[] {throttleBurst, ctx.now()});
    double elapsed = (ctx.now() - b[1]) / 1e9;
    b[0] = Math.min(throttleBurst, b[0] + elapsed * throttlePerSecond);
    b[1] = ctx.now();
    if (b[0] >= 1) {
      b[0] -= 1;
      return true;
    }
    return false;
  }

  private void onRunning(int index) {
    SimVm vm = byIndex.get(index);
    vm.pending = -1;
    vm.runningNanos = ctx.now();
    if (instanceFailuresPerHour > 0) {
      double h = -Math.log(1 - failureRandom.nextDouble()) / instanceFailuresPerHour;
      vm.failHandle = ctx.engine.scheduleAfter((long) Math.min(h * HOUR_NANOS, 1e18), kindFail, index, 0);
    }
    if (vm.offer.purchaseOption() == PurchaseOption.SPOT) {
      double monthly = Math.min(0.999999, vm.offer.interruptionRate() * spotInterruptionMultiplier);
      double perHour = -Math.log(1 - monthly) / HOURS_PER_MONTH;
      if (perHour > 0) {
        double h = -Math.log(1 - spotRandom.nextDouble()) / perHour;
        long at = (long) Math.min(h * HOUR_NANOS, 1e18);
        long notice = notices.getOrDefault(vm.offer.region().provider(), Duration.ofSeconds(30)).toNanos();
        vm.noticeHandle = ctx.engine.scheduleAfter(Math.max(0, at - notice), kindNotice, index, 0);
        vm.reclaimHandle = ctx.engine.scheduleAfter(at, kindReclaim, index, 0);
      }
    }
    String wc = vm.labels.get(EnvironmentSimulator.WORKLOAD_CLASS_LABEL);
    if (wc != null) {
      double[] s = perfStats.computeIfAbsent(perfKey(vm.offer.instanceType().id(), vm.offer.region().id(), wc),
          k -> new double[3]);
      s[0]++;
      s[2] += vm.perfFactor * vm.offer.instanceType().vcpus();
    }
    ctx.emit(EnvironmentEvent.Type.VM_RUNNING, vm.id, vm.zone);
  }

  private void onNotice(int index) {
    SimVm vm = byIndex.get(index);
    vm.noticeHandle = -1;
    ctx.emit(EnvironmentEvent.Type.SPOT_INTERRUPTION_NOTICE, vm.id, vm.zone);
  }

  private void endVm(SimVm vm, EnvironmentEvent.Type type, String reason) {
    if (vm.endNanos >= 0) {
      return;
    }
    vm.endNanos = ctx.now();
    vm.endReason = reason;
    vm.endType = type;
    for (long h : new long[] {vm.pending, vm.failHandle, vm.noticeHandle, vm.reclaimHandle}) {
      if (h >= 0) {
        ctx.engine.cancel(h);
      }
    }
    usedVcpus.merge(vm.offer.region().id(), -vm.offer.instanceType().vcpus(), Double::sum);
    String wc = vm.labels.get(EnvironmentSimulator.WORKLOAD_CLASS_LABEL);
    if (vm.runningNanos >= 0 && wc != null && type == EnvironmentEvent.Type.VM_FAILED) {
      perfStats.get(perfKey(vm.offer.instanceType().id(), vm.offer.region().id(), wc))[1]++;
    }
    ctx.emit(type, vm.id, reason);
  }

  private static String perfKey(String typeId, String regionId, String workloadClass) {
    return typeId + "|" + regionId + "|" + workloadClass;
  }
}
