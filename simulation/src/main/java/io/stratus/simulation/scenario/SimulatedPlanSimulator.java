package io.stratus.simulation.scenario;

import io.stratus.model.PurchaseOption;
import io.stratus.model.VirtualMachine;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.validation.ConfidenceInterval;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PlanSimulator;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.WhatIfReport;
import io.stratus.spi.WhatIfRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apiguardian.api.API;

/**
 * The {@code simulated} {@link PlanSimulator}: each placement runs in its own simulated cloud (regions, types and
 * prices of a catalog; the spot price process; spot interruptions at the catalog's rates; random machine failures and
 * zone and region outages at the request's assumptions), its machines relaunched with the same offer after an
 * interruption or failure. Replication {@code r} of every placement draws from {@code
 * RandomStreams.of(seed).forReplication(r)}, so the three placements meet the same prices and failures and their
 * differences are paired.
 *
 * <ul>
 *   <li>proposed: the plan's new instances (provisioning counts as downtime) and the fleet machines its assignments
 *       use (already running);
 *   <li>current: every machine of the current fleet, already running;
 *   <li>baseline: the baseline plan like the proposed one, or, without one, the proposed plan with every new instance
 *       bought on demand.
 * </ul>
 *
 * <p>Immutable and thread-safe. Registered for {@link java.util.ServiceLoader} with the bundled catalog.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SimulatedPlanSimulator implements PlanSimulator {
  /** The provider id, {@value}. */
  public static final String ID = "simulated";

  private final PricingProvider catalog;

  /** A simulator over the bundled catalog (for {@link java.util.ServiceLoader}). */
  public SimulatedPlanSimulator() {
    this(new BundledCatalog());
  }

  private SimulatedPlanSimulator(PricingProvider catalog) {
    this.catalog = catalog;
  }

  /**
   * A simulator whose clouds take regions, types and prices from a catalog.
   *
   * @param catalog the catalog; never null, thread-safe
   * @return the simulator; never null
   * @throws NullPointerException if catalog is null
   */
  public static SimulatedPlanSimulator of(PricingProvider catalog) {
    return new SimulatedPlanSimulator(Objects.requireNonNull(catalog, "catalog"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "What-if of placement plans in a simulated multi-cloud (catalog '" + catalog.id() + "')";
  }

  @Override
  public WhatIfReport simulate(WhatIfRequest request, Executor executor) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(executor, "executor");
    Map<String, VirtualMachine> fleet = new LinkedHashMap<>();
    request.currentFleet().forEach(vm -> fleet.put(vm.id(), vm));
    List<Footprint.Slot> proposed = slots(request.plan(), fleet, false);
    List<Footprint.Slot> current = new ArrayList<>();
    fleet.values().forEach(vm -> current.add(running(vm)));
    List<Footprint.Slot> baseline = request.baseline().isPresent()
        ? slots(request.baseline().get(), fleet, false)
        : slots(request.plan(), fleet, true);
    String baselineMethod = request.baseline().map(PlacementPlan::method).orElse("on-demand copy of the plan");
    requirePriced(List.of(proposed, current, baseline));
    List<List<Footprint.Slot>> placements = List.of(proposed, current, baseline);
    WhatIfRequest.Assumptions a = request.assumptions();
    PlanWhatIf.Risks risks = new PlanWhatIf.Risks(a.instanceFailuresPerHour(), a.spotInterruptionMultiplier(),
        a.zoneOutagesPerDay(), a.regionOutagesPerDay(), a.meanOutage());
    int n = request.replications();
    List<CompletableFuture<Footprint.Measures>> futures = new ArrayList<>();
    for (List<Footprint.Slot> p : placements) {
      for (int r = 0; r < n; r++) {
        int rep = r;
        futures.add(CompletableFuture.supplyAsync(() -> Footprint.replicate(catalog, p, request.start(),
            request.horizon(), risks, RandomStreams.of(request.seed()).forReplication(rep)), executor));
      }
    }
    double[][][] m = new double[3][3][n];
    for (int i = 0; i < futures.size(); i++) {
      Footprint.Measures v;
      try {
        v = futures.get(i).join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
      }
      int p = i / n;
      int r = i % n;
      m[p][0][r] = v.cost();
      m[p][1][r] = v.downFraction();
      m[p][2][r] = v.interruptions() + v.failures();
    }
    double level = request.confidenceLevel();
    return new WhatIfReport(request.plan().totalHourlyCost().currency(), request.horizon(), n, request.seed(),
        level, estimate(m[0], null, level), estimate(m[1], null, level), estimate(m[2], null, level),
        baselineMethod, estimate(m[0], m[1], level), estimate(m[0], m[2], level));
  }

  private static WhatIfReport.Estimate estimate(double[][] a, double[][] minus, double level) {
    WhatIfReport.Interval[] out = new WhatIfReport.Interval[3];
    for (int k = 0; k < 3; k++) {
      double[] x = a[k].clone();
      if (minus != null) {
        for (int r = 0; r < x.length; r++) {
          x[r] -= minus[k][r];
        }
      }
      ConfidenceInterval ci = ConfidenceInterval.ofMean(x, level);
      double mean = ci.mean();
      out[k] = new WhatIfReport.Interval(mean, Math.min(mean, ci.lower()), Math.max(mean, ci.upper()));
    }
    return new WhatIfReport.Estimate(out[0], out[1], out[2]);
  }

  private static List<Footprint.Slot> slots(PlacementPlan plan, Map<String, VirtualMachine> fleet,
      boolean onDemand) {
    List<Footprint.Slot> out = new ArrayList<>();
    for (PlacementPlan.NewInstance ni : plan.newInstances()) {
      Candidate c = ni.candidate();
      out.add(new Footprint.Slot(c.instanceType().id(), c.region().id(), null,
          onDemand ? PurchaseOption.ON_DEMAND : c.purchaseOption(), Map.of("plan-instance", ni.key()), false));
    }
    Set<String> used = new LinkedHashSet<>();
    for (PlacementPlan.Assignment as : plan.assignments()) {
      if (as.candidate().kind() == Candidate.Kind.RUNNING_VM) {
        used.add(as.targetId());
      }
    }
    for (String id : used) {
      out.add(running(fleet.get(id)));
    }
    return out;
  }

  private static Footprint.Slot running(VirtualMachine vm) {
    return new Footprint.Slot(vm.instanceType().id(), vm.region().id(), vm.zone().isEmpty() ? null : vm.zone(),
        vm.purchaseOption(), vm.labels(), true);
  }

  private void requirePriced(List<List<Footprint.Slot>> placements) {
    Set<String> checked = new LinkedHashSet<>();
    for (List<Footprint.Slot> p : placements) {
      for (Footprint.Slot s : p) {
        String key = s.instanceTypeId() + " " + s.option() + " in " + s.regionId();
        if (checked.add(key) && catalog.offers(OfferQuery.all().withInstanceTypeIds(List.of(s.instanceTypeId()))
            .withRegionIds(List.of(s.regionId())).withPurchaseOptions(List.of(s.option()))).isEmpty()) {
          throw new IllegalArgumentException("the catalog '" + catalog.id() + "' has no offer for " + key
              + "; the simulator can only price offers of its catalog");
        }
      }
    }
  }
}
