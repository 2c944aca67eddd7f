package io.stratus.finops.optimize;

import io.stratus.finops.query.CostMetric;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.query.CostRow;
import io.stratus.finops.query.Dimension;
import io.stratus.finops.query.Granularity;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.InstanceType;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.Workload;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Finds ways to spend less and prices them: idle resources, rightsizing to a smaller catalog type from the observed
 * p95, one-year commitments with their break-even utilization, spot capacity for interruption-tolerant workloads,
 * cheaper regions and clouds, orphaned volumes and old snapshots. Every recommendation carries exact monthly savings
 * (the resource's observed cost times the catalog's price ratio), a one-off cost, risks, ROI, payback and evidence,
 * and the list is ranked by ROI.
 *
 * <p>Requirements are never broken: a rightsized type keeps the workload's architectures, GPUs and network, holds its
 * resource demand and the observed p95 at {@link OptimizerOptions#targetUtilization()}, and stays in the family when
 * the workload sets a minimum CPU score (the catalog has no per-type score); spot only for workloads that allow it,
 * within their interruption ceiling; commitments only where the workload's cost constraints permit them; a region or
 * cloud only when {@link io.stratus.model.ComplianceRequirements#permits} holds, and never for workloads with a latency
 * requirement (the optimizer has no latency model; such resources are listed in the report's skipped checks).
 *
 * <p>Thread-safe: each call reads the store afresh; the indexed catalog is reused while the provider reports the same
 * {@link PricingProvider#pricesVersion()} or, when it reports none, while it returns the same list instances of
 * offers, instance types and regions (immutable by contract, e.g. the bundled catalog's shared lists); hosts reuse
 * one optimizer across calls to benefit.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CostOptimizer {
  private static final MathContext MC = MathContext.DECIMAL64;
  private static final BigDecimal HOURS_PER_MONTH = new BigDecimal("730.5");

  private final CostStore store;
  private final PricingProvider pricing;
  private final InstantSource clock;
  private final OptimizerOptions options;
  private volatile Catalog cached;

  private CostOptimizer(CostStore store, PricingProvider pricing, InstantSource clock, OptimizerOptions options) {
    this.store = Objects.requireNonNull(store, "store");
    this.pricing = Objects.requireNonNull(pricing, "pricing");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * An optimizer over a store and a price catalog.
   *
   * @param store the cost records; never null
   * @param pricing the price catalog (the bundled catalog or a host's); never null
   * @param clock the time the analysis is made at (the cost window ends there); never null
   * @param options thresholds and effort costs; never null
   * @return the optimizer; never null
   */
  public static CostOptimizer create(
      CostStore store, PricingProvider pricing, InstantSource clock, OptimizerOptions options) {
    return new CostOptimizer(store, pricing, clock, options);
  }

  /**
   * Recommends for compute resources and for the snapshots in the records; volumes are not checked for attachment
   * (the report says so), since billing records alone cannot show whether a volume is attached.
   *
   * @param resources the compute resources to analyse; never null
   * @return the ranked recommendations and what was skipped; never null
   * @throws IllegalArgumentException if two resources share a resource id
   */
  public RecommendationReport recommend(Collection<ManagedResource> resources) {
    return run(resources, null);
  }

  /**
   * Recommends for compute resources, snapshots, and volumes that are billed but not among the attached ones.
   *
   * @param resources the compute resources to analyse; never null
   * @param attachedVolumeIds the resource ids of volumes attached to something, from the host's inventory; never null
   * @return the ranked recommendations and what was skipped; never null
   * @throws IllegalArgumentException if two resources share a resource id
   */
  public RecommendationReport recommend(Collection<ManagedResource> resources, Set<String> attachedVolumeIds) {
    return run(resources, Set.copyOf(Objects.requireNonNull(attachedVolumeIds, "attachedVolumeIds")));
  }

  private RecommendationReport run(Collection<ManagedResource> resources, Set<String> attached) {
    Objects.requireNonNull(resources, "resources");
    Instant asOf = clock.instant();
    Instant from = asOf.minus(Duration.ofDays(options.lookbackDays()));
    Map<String, ManagedResource> byId = new HashMap<>();
    for (ManagedResource r : resources) {
      if (byId.put(r.resourceId(), r) != null) {
        throw new IllegalArgumentException("resources: resourceId '" + r.resourceId() + "' occurs twice");
      }
    }
    List<Recommendation> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int[] unprofitable = {0};
    Catalog catalog = catalog();
    Memo memo = new Memo();
    Map<String, Map<String, BigDecimal>> costs = byId.isEmpty() ? Map.of() : costByResource(from, asOf, byId.keySet());
    BigDecimal scale = Recommendation.DAYS_PER_MONTH.divide(BigDecimal.valueOf(options.lookbackDays()), MC);
    String window = options.lookbackDays() + " days to " + asOf;
    for (ManagedResource r : resources) {
      Map<String, BigDecimal> c = costs.getOrDefault(r.resourceId(), Map.of());
      BigDecimal cost = c.get(options.engineerHourlyRate().currency().getCurrencyCode());
      if (c.size() > 1 || c.size() == 1 && cost == null) {
        skipped.add(r.resourceId() + ": cost in " + c.keySet() + ", recommendations are made in "
            + options.engineerHourlyRate().currency());
        continue;
      }
      if (cost == null || cost.signum() <= 0) {
        skipped.add(r.resourceId() + ": no positive " + options.costMetric() + " cost in the window (" + window
            + ")");
        continue;
      }
      InstanceType type = catalog.types.get(r.instanceTypeId());
      Region region = catalog.regions.get(r.regionId());
      if (type == null || region == null) {
        skipped.add(r.resourceId() + ": " + (type == null ? "instance type " + r.instanceTypeId()
            : "region " + r.regionId()) + " is not in the catalog " + pricing.id());
        continue;
      }
      Offer current = catalog.offer(type, region, r.purchaseOption());
      if (current == null || current.hourlyPrice().amount().signum() <= 0) {
        skipped.add(r.resourceId() + ": the catalog has no " + r.purchaseOption() + " price for " + type.id()
            + " in " + region.id());
        continue;
      }
      Money monthly = new Money(cost.multiply(scale, MC), options.engineerHourlyRate().currency());
      new ResourceAnalysis(r, type, region, current, monthly, catalog, out, skipped, unprofitable, memo).run();
    }
    if (attached == null) {
      skipped.add("volumes: attachment state unknown (no inventory given), orphaned volumes not checked");
    }
    storage(asOf, from, scale, attached, out, skipped, unprofitable);
    if (unprofitable[0] > 0) {
      skipped.add(unprofitable[0] + " recommendations left out: their savings do not repay the one-off cost within "
          + options.roiHorizonMonths() + " months (ROI < 0)");
    }
    out.sort(Comparator.comparingDouble(Recommendation::roi).reversed()
        .thenComparing(x -> x.monthlySavings().amount(), Comparator.reverseOrder())
        .thenComparing(Recommendation::resourceId)
        .thenComparing(Recommendation::kind));
    return new RecommendationReport(asOf, out, skipped);
  }

  private Map<String, Map<String, BigDecimal>> costByResource(Instant from, Instant to, Set<String> ids) {
    CostQuery q = CostQuery.builder().between(from, to).where(Dimension.RESOURCE, ids)
        .groupBy(Dimension.RESOURCE).metric(options.costMetric()).granularity(Granularity.TOTAL).build();
    Map<String, Map<String, BigDecimal>> out = new HashMap<>();
    for (CostRow row : store.query(q).rows()) {
      out.computeIfAbsent(row.key().get(0), k -> new HashMap<>())
          .merge(row.currency().getCurrencyCode(), row.amount(), BigDecimal::add);
    }
    return out;
  }

  private Money effort(RecommendationKind kind) {
    return options.engineerHourlyRate().times(options.effortHours(kind));
  }

  private void add(List<Recommendation> out, int[] unprofitable, RecommendationKind kind, String resourceId, String workloadId,
      String action, Offer target, Money savings, Risk perf, Risk interruption, List<Evidence> evidence) {
    Money rounded = savings.rounded();
    if (rounded.amount().signum() <= 0) {
      return;
    }
    Money oneOff = effort(kind);
    evidence = new ArrayList<>(evidence);
    evidence.add(new Evidence("one-off effort", options.effortHours(kind).toPlainString() + " h at "
        + options.engineerHourlyRate(), ""));
    Recommendation rec = Recommendation.of(kind, resourceId, workloadId, action,
        target == null ? null : target.instanceType().id(), target == null ? null : target.region().id(),
        rounded, oneOff, perf, interruption, options.roiHorizonMonths(), evidence);
    if (rec.roi() >= 0) {
      out.add(rec);
    } else {
      unprofitable[0]++;
    }
  }

  private static String pct(double f) {
    return BigDecimal.valueOf(Math.round(f * 1000), 1).toPlainString() + "%";
  }

  /** The recommendations for one compute resource. */
  private final class ResourceAnalysis {
    private final ManagedResource r;
    private final InstanceType type;
    private final Region region;
    private final Offer current;
    private final Money monthly;
    private final Catalog catalog;
    private final List<Recommendation> out;
    private final List<String> skipped;
    private final int[] unprofitable;
    private final Memo memo;
    private final Workload w;
    private final Utilization u;

    ResourceAnalysis(ManagedResource r, InstanceType type, Region region, Offer current, Money monthly,
        Catalog catalog, List<Recommendation> out, List<String> skipped, int[] unprofitable, Memo memo) {
      this.r = r;
      this.type = type;
      this.region = region;
      this.current = current;
      this.monthly = monthly;
      this.catalog = catalog;
      this.out = out;
      this.skipped = skipped;
      this.unprofitable = unprofitable;
      this.memo = memo;
      this.w = r.workload();
      this.u = r.utilization();
    }

    void run() {
      if (idle()) {
        return;
      }
      rightsize();
      commitment();
      spot();
      relocate();
    }

    private Evidence costEvidence() {
      return new Evidence("monthly cost", monthly.rounded() + " (" + options.costMetric() + " cost over "
          + options.lookbackDays() + " days, scaled to 30.4375 days)", "");
    }

    private Evidence price(String what, Offer o) {
      return new Evidence(what, o.hourlyPrice() + "/h " + o.purchaseOption() + " " + o.instanceType().id() + " in "
          + o.region().id() + " (catalog " + pricing.id() + ", observed " + o.observedAt() + ")", "");
    }

    private Money saving(Offer to) {
      BigDecimal ratio = to.hourlyPrice().amount().divide(current.hourlyPrice().amount(), MC);
      return monthly.times(BigDecimal.ONE.subtract(ratio));
    }

    private boolean idle() {
      if (u.observedDays() < options.idleMinDays() || u.p95Cpu() >= options.idleCpuThreshold()) {
        return false;
      }
      Risk perf = w.performance().availabilityTarget() > 0 ? Risk.MEDIUM : Risk.LOW;
      add(out, unprofitable, RecommendationKind.IDLE, r.resourceId(), w.id(), "stop or delete idle " + type.id() + " in "
          + region.id(), null, monthly, perf, Risk.LOW,
          List.of(new Evidence("p95 CPU", pct(u.p95Cpu()) + " over " + u.observedDays() + " days",
              "< " + pct(options.idleCpuThreshold()) + " for >= " + options.idleMinDays() + " days"),
              costEvidence()));
      return true;
    }

    private boolean archOk(InstanceType t) {
      return w.architectures().isEmpty() || w.architectures().contains(t.architecture());
    }

    private boolean gpuOk(InstanceType t) {
      return t.gpus() == type.gpus() && Objects.equals(t.gpuModel(), type.gpuModel());
    }

    private boolean demandOk(InstanceType t) {
      return w.demand().fitsIn(t.capacity());
    }

    private void rightsize() {
      if (u.observedDays() < options.rightsizingMinDays() || r.purchaseOption().isCommitment()) {
        return;
      }
      double target = options.targetUtilization();
      double needCpu = type.vcpus() * u.p95Cpu() / target;
      double needMem = type.memoryGib() * u.p95Memory() / target;
      boolean sameFamily = w.performance().minCpuScore() > 0;
      Offer best = null;
      double now = current.hourlyPrice().toDouble();
      for (Priced p : catalog.inRegion(region.id(), r.purchaseOption())) {
        if (p.price() >= now) {
          break;
        }
        Offer o = p.offer();
        InstanceType t = o.instanceType();
        if (t.provider().equals(type.provider()) && t.vcpus() >= needCpu && t.memoryGib() >= needMem
            && archOk(t) && gpuOk(t)
            && demandOk(t) && (!sameFamily || t.family().equals(type.family()))
            && (t.vcpus() < type.vcpus() || t.memoryGib() < type.memoryGib())) {
          best = o;
          break;
        }
      }
      if (best == null) {
        return;
      }
      InstanceType t = best.instanceType();
      double projCpu = u.p95Cpu() * type.vcpus() / t.vcpus();
      double projMem = u.p95Memory() * type.memoryGib() / t.memoryGib();
      Risk perf = Math.max(projCpu, projMem) > 0.6 ? Risk.MEDIUM : Risk.LOW;
      add(out, unprofitable, RecommendationKind.RIGHTSIZE, r.resourceId(), w.id(), "resize " + type.id() + " -> " + t.id()
          + " in " + region.id(), best, saving(best), perf, Risk.LOW,
          List.of(new Evidence("p95 CPU", pct(u.p95Cpu()) + " of " + type.vcpus() + " vCPU over "
              + u.observedDays() + " days", "projected " + pct(projCpu) + " of " + t.vcpus() + " vCPU <= "
              + pct(options.targetUtilization())),
              new Evidence("p95 memory", pct(u.p95Memory()) + " of " + type.memoryGib() + " GiB",
                  "projected " + pct(projMem) + " of " + t.memoryGib() + " GiB <= "
                      + pct(options.targetUtilization())),
              new Evidence("workload demand", w.demand().toString(), "fits in " + t.capacity()),
              price("current price", current), price("new price", best), costEvidence()));
    }

    private boolean commitmentsPermitted() {
      if (w.cost().commitmentsForbidden()) {
        return false;
      }
      Duration d = w.expectedDuration();
      return w.cost().commitmentsAllowed() || d.isZero() || d.compareTo(Duration.ofDays(365)) >= 0;
    }

    private void commitment() {
      if (r.purchaseOption() != PurchaseOption.ON_DEMAND || u.observedDays() < options.commitmentMinDays()
          || !commitmentsPermitted()) {
        return;
      }
      Offer best = null;
      for (PurchaseOption p : List.of(PurchaseOption.RESERVED_1Y, PurchaseOption.COMMITMENT_1Y)) {
        Offer o = catalog.offer(type, region, p);
        if (o != null && (best == null || o.hourlyPrice().compareTo(best.hourlyPrice()) < 0)) {
          best = o;
        }
      }
      if (best == null) {
        return;
      }
      BigDecimal breakEven = best.hourlyPrice().amount().divide(current.hourlyPrice().amount(), MC);
      double uptime = u.uptimeFraction();
      if (uptime <= 0 || uptime < breakEven.doubleValue() + options.commitmentMargin()) {
        return;
      }
      BigDecimal ratio = breakEven.divide(BigDecimal.valueOf(uptime), MC);
      Money savings = monthly.times(BigDecimal.ONE.subtract(ratio));
      add(out, unprofitable, RecommendationKind.COMMITMENT, r.resourceId(), w.id(), "buy " + best.purchaseOption() + " for "
          + type.id() + " in " + region.id() + " (" + best.hourlyPrice().times(HOURS_PER_MONTH).rounded()
          + "/month for 12 months)", best, savings, Risk.NONE, Risk.NONE,
          List.of(new Evidence("uptime", pct(uptime) + " of hours over " + u.observedDays() + " days",
              ">= break-even " + pct(breakEven.doubleValue()) + " + " + pct(options.commitmentMargin())),
              new Evidence("break-even utilization", pct(breakEven.doubleValue()),
                  "commitment price / on-demand price"),
              price("on-demand price", current), price("commitment price", best), costEvidence()));
    }

    private void spot() {
      if (r.purchaseOption() != PurchaseOption.ON_DEMAND || !w.cost().spotAllowed()) {
        return;
      }
      Offer o = catalog.offer(type, region, PurchaseOption.SPOT);
      if (o == null || o.interruptionRate() > w.cost().maxInterruptionProbability()) {
        return;
      }
      double rate = o.interruptionRate();
      Risk risk = rate < 0.05 ? Risk.LOW : rate < 0.15 ? Risk.MEDIUM : Risk.HIGH;
      add(out, unprofitable, RecommendationKind.SPOT, r.resourceId(), w.id(), "run " + type.id() + " in " + region.id()
          + " on spot", o, saving(o), Risk.NONE, risk,
          List.of(new Evidence("interruption rate", pct(rate) + " per month",
              "<= workload ceiling " + pct(w.cost().maxInterruptionProbability())),
              new Evidence("workload", "spot allowed", "cost constraints allow interruptible capacity"),
              price("on-demand price", current), price("spot price", o), costEvidence()));
    }

    private void relocate() {
      if (r.purchaseOption() != PurchaseOption.ON_DEMAND) {
        return;
      }
      if (w.performance().maxP95Latency().isPresent()) {
        skipped.add(r.resourceId() + ": region and cloud moves not considered, the workload has a latency "
            + "requirement and no latency model is given");
        return;
      }
      BigDecimal ceiling = current.hourlyPrice().amount()
          .multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(options.relocationMinSavings())), MC);
      Offer sameCloud = null;
      for (Priced p : catalog.forType(type.id(), PurchaseOption.ON_DEMAND)) {
        Offer o = p.offer();
        if (o.hourlyPrice().amount().compareTo(ceiling) > 0) {
          break;
        }
        if (!o.region().id().equals(region.id()) && permits(o.region())) {
          sameCloud = o;
          break;
        }
      }
      if (sameCloud != null) {
        add(out, unprofitable, RecommendationKind.REGION, r.resourceId(), w.id(), "move " + type.id() + " from " + region.id()
            + " to " + sameCloud.region().id(), sameCloud, saving(sameCloud), Risk.LOW, Risk.LOW,
            List.of(compliance(sameCloud.region()), price("current price", current),
                price("new price", sameCloud), saving("least saving"), costEvidence()));
      }
      if (w.performance().minCpuScore() > 0) {
        return;
      }
      List<Object> key = List.of(current.id(), w.architectures(), w.compliance(), w.demand());
      Offer o = memo.cloud.computeIfAbsent(key, k -> Optional.ofNullable(cheapestElsewhere(ceiling)))
          .orElse(null);
      if (o != null) {
        InstanceType t = o.instanceType();
        add(out, unprofitable, RecommendationKind.CLOUD, r.resourceId(), w.id(), "move " + type.id() + " in "
            + region.id() + " to " + t.id() + " in " + o.region().id(), o, saving(o), Risk.MEDIUM, Risk.LOW,
            List.of(compliance(o.region()), new Evidence("capacity", t.capacity().toString(),
                ">= current " + type.capacity()), price("current price", current), price("new price", o),
                saving("least saving"), costEvidence()));
      }
    }

    /** The cheapest on-demand offer of another cloud at or under the ceiling that holds the resource. */
    private Offer cheapestElsewhere(BigDecimal ceiling) {
      Offer best = null;
      double limit = ceiling.doubleValue();
      for (List<Priced> offers : catalog.onDemandByCheapestType) {
        if (offers.get(0).price() > limit) {
          break;
        }
        InstanceType t = offers.get(0).offer().instanceType();
        if (t.provider().equals(type.provider()) || t.vcpus() < type.vcpus() || t.memoryGib() < type.memoryGib()
            || t.gpus() != type.gpus() || !archOk(t) || !demandOk(t)) {
          continue;
        }
        for (Priced p : offers) {
          if (p.price() > limit || p.price() == limit && best != null) {
            break;
          }
          if (permits(p.offer().region())) {
            best = p.offer();
            limit = p.price();
            break;
          }
        }
      }
      return best;
    }

    private boolean permits(Region to) {
      return memo.permits.computeIfAbsent(w.compliance(), k -> new HashMap<>())
          .computeIfAbsent(to.id(), k -> w.compliance().permits(to));
    }

    private Evidence compliance(Region to) {
      return new Evidence("compliance", to.id() + " (" + to.country() + ", " + to.jurisdictions() + ", "
          + to.certifications() + ")", "permitted by " + w.compliance());
    }

    private Evidence saving(String name) {
      return new Evidence(name, pct(options.relocationMinSavings()), "price must drop by at least this share");
    }
  }

  private void storage(Instant asOf, Instant from, BigDecimal scale, Set<String> attached,
      List<Recommendation> out, List<String> skipped, int[] unprofitable) {
    CostQuery q = CostQuery.builder().between(null, asOf)
        .groupBy(Dimension.RESOURCE, Dimension.RESOURCE_TYPE, Dimension.CHARGE_DESCRIPTION)
        .metric(options.costMetric()).build();
    Set<String> snapshots = new HashSet<>();
    Set<String> volumes = new HashSet<>();
    for (CostRow row : store.query(q).rows()) {
      String id = row.key().get(0);
      if (id == null) {
        continue;
      }
      StorageKind k = StorageKind.of(id, row.key().get(1), row.key().get(2));
      if (k == StorageKind.SNAPSHOT) {
        snapshots.add(id);
      } else if (k == StorageKind.VOLUME && attached != null && !attached.contains(id)) {
        volumes.add(id);
      }
    }
    if (snapshots.isEmpty() && volumes.isEmpty()) {
      return;
    }
    Set<String> all = new HashSet<>(snapshots);
    all.addAll(volumes);
    Map<String, Instant> firstSeen = new HashMap<>();
    Map<String, Map<String, BigDecimal>> windowCost = new HashMap<>();
    CostQuery daily = CostQuery.builder().between(null, asOf).where(Dimension.RESOURCE, all)
        .groupBy(Dimension.RESOURCE).granularity(Granularity.DAY).metric(options.costMetric()).build();
    for (CostRow row : store.query(daily).rows()) {
      String id = row.key().get(0);
      firstSeen.merge(id, row.bucketStart(), (a, b) -> a.isBefore(b) ? a : b);
      if (!row.bucketStart().isBefore(from)) {
        windowCost.computeIfAbsent(id, k -> new HashMap<>())
            .merge(row.currency().getCurrencyCode(), row.amount(), BigDecimal::add);
      }
    }
    String ccy = options.engineerHourlyRate().currency().getCurrencyCode();
    for (String id : all.stream().sorted().toList()) {
      Map<String, BigDecimal> c = windowCost.getOrDefault(id, Map.of());
      BigDecimal cost = c.get(ccy);
      if (cost == null || cost.signum() <= 0) {
        skipped.add(id + ": no positive " + options.costMetric() + " cost in " + ccy + " in the window");
        continue;
      }
      Money monthly = new Money(cost.multiply(scale, MC), options.engineerHourlyRate().currency());
      Evidence costEv = new Evidence("monthly cost", monthly.rounded() + " (" + options.costMetric() + " cost over "
          + options.lookbackDays() + " days)", "");
      if (snapshots.contains(id)) {
        Duration age = Duration.between(firstSeen.get(id), asOf);
        if (age.compareTo(options.snapshotMaxAge()) >= 0) {
          add(out, unprofitable, RecommendationKind.OLD_SNAPSHOT, id, null, "delete snapshot " + id, null, monthly, Risk.NONE,
              Risk.LOW, List.of(new Evidence("age", age.toDays() + " days (first billed " + firstSeen.get(id)
                  + ")", ">= " + options.snapshotMaxAge().toDays() + " days"), costEv));
        }
      } else {
        add(out, unprofitable, RecommendationKind.ORPHANED_VOLUME, id, null, "delete unattached volume " + id, null, monthly,
            Risk.NONE, Risk.LOW, List.of(new Evidence("attachment", "not attached", "absent from the "
                + attached.size() + " attached volume ids of the inventory"), costEv));
      }
    }
  }

  /** Which storage a record's resource is, from FOCUS ResourceId, ResourceType and ChargeDescription. */
  enum StorageKind {
    SNAPSHOT,
    VOLUME,
    OTHER;

    static StorageKind of(String resourceId, String resourceType, String description) {
      String id = resourceId.toLowerCase(Locale.ROOT);
      String type = resourceType == null ? "" : resourceType.toLowerCase(Locale.ROOT);
      String desc = description == null ? "" : description.toLowerCase(Locale.ROOT);
      if (type.contains("snapshot") || id.contains(":snapshot/") || id.contains("/snapshots/")
          || desc.contains("snapshot")) {
        return SNAPSHOT;
      }
      if (type.equals("volume") || type.equals("disk") || type.equals("bootvolume") || type.contains("block volume")
          || type.contains("managed disk") || id.contains("/disks/") || desc.contains("provisioned storage")) {
        return VOLUME;
      }
      return OTHER;
    }
  }

  /** Answers shared by the resources of one call: compliance by region, cloud moves by resource shape. */
  private static final class Memo {
    final Map<ComplianceRequirements, Map<String, Boolean>> permits = new IdentityHashMap<>();
    final Map<List<Object>, Optional<Offer>> cloud = new HashMap<>();
  }

  /**
   * The indexed catalog, reused while the provider reports the same prices version or, when it reports none, while
   * it returns the same (immutable) offer, type and region lists; rebuilt otherwise.
   */
  private Catalog catalog() {
    OptionalLong version = pricing.pricesVersion();
    Catalog c = cached;
    if (version.isPresent()) {
      if (c != null && c.version.isPresent() && c.version.getAsLong() == version.getAsLong()) {
        return c;
      }
      c = new Catalog(pricing, version, pricing.offers(OfferQuery.all()));
      cached = c;
      return c;
    }
    List<Offer> offers = pricing.offers(OfferQuery.all());
    if (c != null && c.version.isEmpty() && c.sameLists(offers, pricing.instanceTypes(), pricing.regions())) {
      return c;
    }
    c = new Catalog(pricing, version, offers);
    cached = c;
    return c;
  }

  /** An offer with its hourly price as a double, for scans in price order. */
  private record Priced(Offer offer, double price) {}

  /** The price catalog indexed for the analysis; immutable once built. */
  private static final class Catalog {
    final OptionalLong version;
    private final List<Offer> offerList;
    private final List<InstanceType> typeList;
    private final List<Region> regionList;
    final Map<String, InstanceType> types = new HashMap<>();
    final Map<String, Region> regions = new HashMap<>();
    /** On-demand offers per instance type, each list by price, the lists by their cheapest price. */
    final List<List<Priced>> onDemandByCheapestType;
    private final Map<String, Offer> offers = new HashMap<>();
    private final Map<String, List<Priced>> regionOption = new HashMap<>();
    private final Map<String, List<Priced>> typeOption = new HashMap<>();

    Catalog(PricingProvider p, OptionalLong version, List<Offer> offerList) {
      this.version = version;
      this.offerList = offerList;
      this.typeList = p.instanceTypes();
      this.regionList = p.regions();
      typeList.forEach(t -> types.put(t.id(), t));
      regionList.forEach(r -> regions.put(r.id(), r));
      Map<InstanceType, String> typeIds = new IdentityHashMap<>();
      Map<Region, String> regionIds = new IdentityHashMap<>();
      for (Offer o : offerList) {
        String t = typeIds.computeIfAbsent(o.instanceType(), InstanceType::id);
        String r = regionIds.computeIfAbsent(o.region(), Region::id);
        offers.merge(key(t, r, o.purchaseOption()), o,
            (a, b) -> a.hourlyPrice().compareTo(b.hourlyPrice()) <= 0 ? a : b);
      }
      for (Offer o : offers.values()) {
        Priced pr = new Priced(o, o.hourlyPrice().toDouble());
        String t = typeIds.get(o.instanceType());
        String r = regionIds.get(o.region());
        regionOption.computeIfAbsent(r + "|" + o.purchaseOption(), k -> new ArrayList<>()).add(pr);
        typeOption.computeIfAbsent(t + "|" + o.purchaseOption(), k -> new ArrayList<>()).add(pr);
      }
      Comparator<Priced> byPrice = Comparator.comparingDouble(Priced::price)
          .thenComparing(x -> x.offer().hourlyPrice().amount()).thenComparing(x -> x.offer().id());
      regionOption.values().forEach(l -> l.sort(byPrice));
      typeOption.values().forEach(l -> l.sort(byPrice));
      List<List<Priced>> od = new ArrayList<>();
      typeOption.forEach((k, v) -> {
        if (k.endsWith("|" + PurchaseOption.ON_DEMAND)) {
          od.add(v);
        }
      });
      od.sort(Comparator.comparing((List<Priced> l) -> l.get(0), byPrice));
      onDemandByCheapestType = List.copyOf(od);
    }

    /** Whether the provider returned the very lists this index was built from (immutable, so the same content). */
    boolean sameLists(List<Offer> o, List<InstanceType> t, List<Region> r) {
      return o == offerList && t == typeList && r == regionList;
    }

    private static String key(String type, String region, PurchaseOption p) {
      return type + "|" + region + "|" + p;
    }

    Offer offer(InstanceType t, Region r, PurchaseOption p) {
      return offers.get(key(t.id(), r.id(), p));
    }

    List<Priced> inRegion(String regionId, PurchaseOption p) {
      return regionOption.getOrDefault(regionId + "|" + p, List.of());
    }

    List<Priced> forType(String typeId, PurchaseOption p) {
      return typeOption.getOrDefault(typeId + "|" + p, List.of());
    }
  }
}
