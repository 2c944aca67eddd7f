package io.stratus.samples;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.DataClassification;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.UserLocation;
import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.ParetoFront;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.Prediction;
import io.stratus.scheduler.core.EnhancedScheduler;
import io.stratus.spi.InventoryProvider;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Quickstart: loads the bundled price catalog through {@link ProviderRegistry} (no cloud account needed), builds a
 * mixed set of 20 workloads from five teams (EU web shops with latency limits to their users, spot-tolerant batch,
 * GPU training, HIPAA data that must stay in the US, EU-restricted finance data), schedules them with the
 * {@link EnhancedScheduler} under cost, performance and EU-residency constraints, and prints the plan with its
 * explanations and total cost.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java}. Not thread-safe (a program, not a library
 * type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class QuickstartSample {
  /** The fixed "now" of the sample, so that every run prints the same report. */
  static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

  private static final UserLocation PARIS = new UserLocation("Paris", new GeoPoint(48.86, 2.35));
  private static final UserLocation BERLIN = new UserLocation("Berlin", new GeoPoint(52.52, 13.40));
  private static final UserLocation MADRID = new UserLocation("Madrid", new GeoPoint(40.42, -3.70));
  private static final UserLocation AMSTERDAM = new UserLocation("Amsterdam", new GeoPoint(52.37, 4.90));

  private QuickstartSample() {}

  /**
   * Runs the sample and prints the report to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the sample.
   *
   * @param out where the report goes; never null
   */
  public static void run(PrintStream out) {
    // 1. The price catalog: every PricingProvider on the classpath, found through ServiceLoader.
    ProviderRegistry<PricingProvider> pricing = ProviderRegistry.load(PricingProvider.class);
    PricingProvider catalog = pricing.require("catalog");
    int offers = catalog.offers(OfferQuery.all()).size();

    // 2. The host's own fleet: two machines already running (and paid for), served by an in-memory inventory.
    List<VirtualMachine> fleet = fleet(catalog);
    InventoryProvider inventory = new InventoryProvider() {
      @Override
      public String id() {
        return "host-fleet";
      }

      @Override
      public List<VirtualMachine> runningVms() {
        return fleet;
      }
    };

    // 3. The scheduler: cost and performance together (trade-off knob 0.3 leans towards cost).
    EnhancedScheduler scheduler =
        EnhancedScheduler.builder()
            .pricing(catalog)
            .inventory(inventory)
            .tradeOff(0.3)
            .clock(InstantSource.fixed(NOW))
            .cacheTtl(Duration.ofMinutes(15))
            .refreshAfter(Duration.ofMinutes(5))
            .seed(2026)
            .placementSteps(20_000)
            .build();

    List<Workload> workloads = workloads();
    out.printf(Locale.ROOT, "Stratus quickstart - %d workloads, %,d offers from '%s' (%s), %d running machines%n",
        workloads.size(), offers, catalog.id(),
        catalog.providers().stream().map(CloudProvider::id).sorted().collect(Collectors.joining(", ")),
        fleet.size());
    out.println("Scheduler: EnhancedScheduler, trade-off 0.3 (cost 0.70; CPU, latency, reliability 0.10 each)");
    out.println();

    // 4. One decision per workload, with its explanation.
    out.println("== Single decisions ==");
    for (Workload w : workloads) {
      printDecision(out, w, scheduler.schedule(w));
    }

    // 5. All workloads at once: packed onto running machines and as few new instances as possible.
    PlacementPlan plan = scheduler.placeAll(workloads);
    printPlan(out, plan);

    // 6. The menu of trade-offs for one workload.
    Workload api = workloads.stream().filter(w -> w.id().equals("shop-api")).findFirst().orElseThrow();
    printPareto(out, scheduler.paretoFront(api));
  }

  private static List<VirtualMachine> fleet(PricingProvider catalog) {
    Map<String, InstanceType> types = new TreeMap<>();
    catalog.instanceTypes().forEach(t -> types.put(t.id(), t));
    Map<String, Region> regions = new TreeMap<>();
    catalog.regions().forEach(r -> regions.put(r.id(), r));
    return List.of(
        VirtualMachine.builder("vm-fra-reserved-1")
            .instanceType(types.get("aws:m5.2xlarge"))
            .region(regions.get("aws:eu-central-1"))
            .purchaseOption(PurchaseOption.RESERVED_1Y)
            .hourlyPrice(Money.of("0.2688", "USD"))
            .launchedAt(NOW.minus(Duration.ofDays(90)))
            .allocated(ResourceDemand.of(4, 16))
            .labels(Map.of("team", "platform"))
            .build(),
        VirtualMachine.builder("vm-bel-ondemand-1")
            .instanceType(types.get("gcp:n2-standard-8"))
            .region(regions.get("gcp:europe-west1"))
            .purchaseOption(PurchaseOption.ON_DEMAND)
            .hourlyPrice(Money.of("0.4274", "USD"))
            .launchedAt(NOW.minus(Duration.ofDays(3)))
            .allocated(ResourceDemand.of(6, 8))
            .labels(Map.of("team", "data"))
            .build());
  }

  /**
   * The 20 workloads of the sample.
   *
   * @return the workloads; never null
   */
  static List<Workload> workloads() {
    ComplianceRequirements eu =
        ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build();
    ComplianceRequirements euRestricted =
        ComplianceRequirements.builder()
            .allowedJurisdictions(Set.of(Jurisdiction.EU))
            .requiredCertifications(Set.of("C5"))
            .dataClassification(DataClassification.RESTRICTED)
            .build();
    ComplianceRequirements hipaa =
        ComplianceRequirements.builder()
            .allowedCountries(Set.of("US"))
            .requiredCertifications(Set.of("HIPAA"))
            .dataClassification(DataClassification.CONFIDENTIAL)
            .build();
    CostConstraints spot = CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(0.15).build();
    PerformanceRequirements shopUsers =
        PerformanceRequirements.builder()
            .userLocations(List.of(PARIS, BERLIN, MADRID))
            .maxP95Latency(Duration.ofMillis(40))
            .availabilityTarget(0.99)
            .build();

    List<Workload> out = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      out.add(team("shop-web-" + i, "shop", "web", 10, ResourceDemand.of(2, 4))
          .compliance(eu).performance(shopUsers).build());
    }
    out.add(team("shop-api", "shop", "web", 10, ResourceDemand.of(4, 8))
        .compliance(eu)
        .performance(shopUsers.toBuilder().maxP95Latency(Duration.ofMillis(30)).build())
        .build());
    out.add(team("shop-search", "shop", "web", 8, ResourceDemand.of(4, 32))
        .compliance(eu).performance(shopUsers).build());
    for (int i = 1; i <= 4; i++) {
      out.add(team("etl-nightly-" + i, "data", "batch", 2, ResourceDemand.of(8, 32))
          .compliance(eu).cost(spot).expectedDuration(Duration.ofHours(6)).build());
    }
    out.add(team("feature-store", "data", "general", 5, ResourceDemand.of(2, 8)).compliance(eu).build());
    out.add(team("train-recsys", "ml", "ml-training", 4, new ResourceDemand(8, 32, 1, 0))
        .compliance(eu).cost(CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(0.25).build())
        .expectedDuration(Duration.ofHours(12)).build());
    out.add(team("infer-recsys", "ml", "web", 7, new ResourceDemand(4, 16, 1, 0))
        .compliance(eu)
        .performance(PerformanceRequirements.builder().userLocations(List.of(AMSTERDAM))
            .maxP95Latency(Duration.ofMillis(25)).build())
        .build());
    out.add(team("patient-records", "health", "general", 9, ResourceDemand.of(4, 16))
        .compliance(hipaa)
        .performance(PerformanceRequirements.builder().availabilityTarget(0.995).build())
        .build());
    out.add(team("claims-batch", "health", "batch", 3, ResourceDemand.of(16, 64))
        .compliance(hipaa).cost(spot).expectedDuration(Duration.ofHours(4)).build());
    out.add(team("ledger", "finance", "general", 9, ResourceDemand.of(4, 16))
        .compliance(euRestricted)
        .cost(CostConstraints.builder().maxHourlyCost(Money.of("0.50", "USD")).commitmentsAllowed(false).build())
        .build());
    out.add(team("risk-report", "finance", "batch", 6, ResourceDemand.of(64, 512))
        .compliance(euRestricted.toBuilder().allowedCountries(Set.of("DE")).build())
        .cost(CostConstraints.builder().maxHourlyCost(Money.of("1.50", "USD")).build())
        .build());
    out.add(team("api-gateway", "platform", "web", 8, ResourceDemand.of(2, 4))
        .architectures(List.of(Architecture.ARM64)).compliance(eu)
        .performance(PerformanceRequirements.builder().userLocations(List.of(PARIS, BERLIN))
            .maxP95Latency(Duration.ofMillis(35)).build())
        .build());
    out.add(team("session-cache", "platform", "general", 8, ResourceDemand.of(2, 16))
        .compliance(eu.toBuilder().deniedProviders(Set.of(CloudProvider.AZURE)).build()).build());
    out.add(team("ci-runners", "platform", "batch", 1, ResourceDemand.of(4, 8)).cost(spot).build());
    out.add(team("bi-dashboards", "finance", "web", 4, ResourceDemand.of(4, 16))
        .compliance(eu.toBuilder().allowedProviders(Set.of(CloudProvider.GCP)).build())
        .performance(PerformanceRequirements.builder().userLocations(List.of(BERLIN))
            .maxP95Latency(Duration.ofMillis(30)).build())
        .build());
    return List.copyOf(out);
  }

  private static Workload.Builder team(String id, String team, String workloadClass, int priority,
      ResourceDemand demand) {
    return Workload.builder(id)
        .label(Workload.LABEL_TEAM, team)
        .label(Workload.LABEL_COST_CENTRE, "cc-" + team)
        .workloadClass(workloadClass)
        .priority(priority)
        .demand(demand);
  }

  private static void printDecision(PrintStream out, Workload w, Decision d) {
    String team = w.labels().getOrDefault(Workload.LABEL_TEAM, "-");
    if (!d.isPlaced()) {
      out.printf(Locale.ROOT, "%-16s %-9s UNSCHEDULABLE%n", w.id(), team);
      out.printf(Locale.ROOT, "    why: %s%n", String.join("; ", d.reasons()));
      return;
    }
    Candidate c = d.candidate().orElseThrow();
    Prediction p = d.prediction().orElseThrow();
    out.printf(Locale.ROOT, "%-16s %-9s -> %s%n", w.id(), team, describe(c));
    out.printf(Locale.ROOT, "    cost %s/h; cpu %.2f/vCPU, p95 %s, availability %.2f%%%n",
        usd(d.hourlyCost().orElseThrow()), p.cpuScore(),
        w.performance().userLocations().isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.0f ms", p.p95LatencyMillis()),
        p.availability() * 100);
    Explanation e = d.explanation();
    out.printf(Locale.ROOT, "    scores: %s (total %.3f); feasible %,d of %,d%n",
        e.scores().stream()
            .map(s -> String.format(Locale.ROOT, "%s %.2f x %.2f", s.plugin(), s.weight(), s.normalized()))
            .collect(Collectors.joining(", ")),
        e.totalScore(), e.feasible(), e.considered());
    out.printf(Locale.ROOT, "    rejected: %s%n", top(e, 3));
    for (String note : e.notes()) {
      out.printf(Locale.ROOT, "    note: %s%n", note);
    }
  }

  private static String top(Explanation e, int n) {
    List<Explanation.Rejection> r = e.rejections();
    String shown = r.stream().limit(n)
        .map(x -> String.format(Locale.ROOT, "%,d %s", x.count(), x.reason()))
        .collect(Collectors.joining("; "));
    int rest = r.stream().skip(n).mapToInt(Explanation.Rejection::count).sum();
    return rest == 0 ? shown : shown + String.format(Locale.ROOT, "; %,d other", rest);
  }

  private static String describe(Candidate c) {
    return (c.isRunning() ? "running " + c.id() + " (" + c.instanceType().name() + ")" : "new "
        + c.instanceType().name()) + " in " + c.region().id() + " [" + c.region().displayName() + "], "
        + c.purchaseOption();
  }

  private static String usd(Money m) {
    return m.amount().setScale(4, RoundingMode.HALF_EVEN).toPlainString() + " " + m.currency().getCurrencyCode();
  }

  private static void printPlan(PrintStream out, PlacementPlan plan) {
    out.println();
    out.println("== Batch plan (placeAll) ==");
    out.println("method: " + plan.method());
    Map<String, List<String>> onRunning = new TreeMap<>();
    for (PlacementPlan.Assignment a : plan.assignments()) {
      if (a.candidate().isRunning()) {
        onRunning.computeIfAbsent(a.targetId(), k -> new ArrayList<>()).add(a.workloadId());
      }
    }
    out.println("On running machines (already paid, +0 USD/h):");
    onRunning.forEach((vm, ids) -> out.printf(Locale.ROOT, "  %-20s %s%n", vm, String.join(", ", ids)));
    out.println("New instances:");
    for (PlacementPlan.NewInstance n : plan.newInstances()) {
      out.printf(Locale.ROOT, "  %-7s %-44s %12s/h  %s%n", n.key(), describe(n.candidate()), usd(n.hourlyCost()),
          String.join(", ", n.workloadIds()));
    }
    out.println("Unschedulable:");
    if (plan.unschedulable().isEmpty()) {
      out.println("  none");
    }
    for (Decision d : plan.unschedulable()) {
      out.printf(Locale.ROOT, "  %-16s %s%n", d.workloadId(), String.join("; ", d.reasons()));
    }
    BigDecimal monthly = plan.totalHourlyCost().amount().multiply(BigDecimal.valueOf(730));
    out.printf(Locale.ROOT, "Placed %d of %d workloads on %d running machines and %d new instances%n",
        plan.placedCount(), plan.placedCount() + plan.unschedulable().size(), onRunning.size(),
        plan.newInstances().size());
    out.printf(Locale.ROOT, "Total hourly cost: %s (exact %s; about %s USD per 730-hour month)%n",
        usd(plan.totalHourlyCost()), plan.totalHourlyCost(), monthly.setScale(2, RoundingMode.HALF_EVEN)
            .toPlainString());
  }

  private static void printPareto(PrintStream out, ParetoFront front) {
    out.println();
    out.printf(Locale.ROOT, "== Cost/performance trade-offs for %s (Pareto front, %d of %d feasible) ==%n",
        front.workloadId(), front.points().size(), front.explanation().feasible());
    int shown = 0;
    for (ParetoFront.Point p : front.points()) {
      if (shown++ == 8) {
        out.printf(Locale.ROOT, "  ... %d more%n", front.points().size() - 8);
        break;
      }
      Prediction pr = p.prediction();
      out.printf(Locale.ROOT, "  %10.4f USD/h  p95 %3.0f ms  cpu %.2f  fail %.1f%%/month  %s%n",
          pr.expectedHourlyCost(), pr.p95LatencyMillis(), pr.cpuScore(), pr.failureRate() * 100,
          describe(p.candidate()));
    }
    out.println("Generated at " + NOW.atOffset(ZoneOffset.UTC) + " from list prices; latency and CPU figures are"
        + " documented estimates unless a PerformanceHistoryProvider observed them.");
  }
}
