package io.stratus.benchmarks.finops.forecast;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.optimize.CostOptimizer;
import io.stratus.finops.optimize.ManagedResource;
import io.stratus.finops.optimize.OptimizerOptions;
import io.stratus.finops.optimize.Recommendation;
import io.stratus.finops.optimize.RecommendationKind;
import io.stratus.finops.optimize.RecommendationReport;
import io.stratus.finops.optimize.Utilization;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.spi.OfferQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Speed of {@link CostOptimizer#recommend} over 10,000 scopes x 400 days of daily cost (4,000,000 cost records in
 * {@code CostStore.inMemory()}): 9,000 compute resources on random on-demand offers of the bundled catalog (AWS, GCP,
 * Azure), with random utilization, spot tolerance, commitment rules and compliance (a third EU-only), plus 500 volumes
 * and 500 snapshots; the inventory marks 80% of the volumes attached. Seed 13. Prints the wall time of each of
 * {@code runs} calls after one warm-up, the median, and the recommendations by kind.
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar
 * io.stratus.benchmarks.finops.forecast.RecommendationSpeed [runs]} (default 3).
 */
public final class RecommendationSpeed {
  private static final Currency USD = Currency.getInstance("USD");
  private static final LocalDate END = LocalDate.of(2025, 3, 1);
  private static final int DAYS = 400;

  private RecommendationSpeed() {}

  /**
   * Runs.
   *
   * @param args runs
   */
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    BundledCatalog catalog = BundledCatalog.load();
    List<Offer> od = catalog.offers(OfferQuery.all().withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)));
    SplittableRandom r = new SplittableRandom(13);
    CostStore store = CostStore.inMemory();
    List<ManagedResource> resources = new ArrayList<>();
    List<String> attached = new ArrayList<>();
    long t0 = System.nanoTime();
    try (CostStore.Appender a = store.appender("gen")) {
      for (int i = 0; i < 10_000; i++) {
        String id;
        String type = null;
        double daily;
        String description = null;
        if (i < 9_000) {
          Offer o = od.get(r.nextInt(od.size()));
          id = "i-" + i;
          double uptime = r.nextDouble() < 0.6 ? 1 : 0.2 + 0.8 * r.nextDouble();
          daily = o.hourlyPrice().toDouble() * 24 * uptime;
          resources.add(new ManagedResource(id, o.instanceType().id(), o.region().id(), PurchaseOption.ON_DEMAND,
              workload(r, o), new Utilization(r.nextDouble() < 0.1 ? 0.02 * r.nextDouble() : r.nextDouble(),
                  r.nextDouble(), 30 + r.nextInt(60), uptime)));
        } else if (i < 9_500) {
          id = "vol-" + i;
          type = "volume";
          description = "$0.08 per GB-month of General Purpose (gp3) provisioned storage";
          daily = 0.1 + 5 * r.nextDouble();
          if (r.nextDouble() < 0.8) {
            attached.add(id);
          }
        } else {
          id = "arn:aws:ec2:us-east-1:1:snapshot/snap-" + i;
          description = "$0.05 per GB-Month of snapshot data stored";
          daily = 0.05 + 2 * r.nextDouble();
        }
        for (int d = DAYS; d >= 1; d--) {
          LocalDate day = END.minusDays(d);
          double v = daily * (0.9 + 0.2 * r.nextDouble());
          a.accept(record(id, type, description, day, v));
        }
      }
    }
    System.out.printf(Locale.ROOT, "generated and loaded %,d records in %.1f s%n", store.size(),
        (System.nanoTime() - t0) / 1e9);
    CostOptimizer optimizer = CostOptimizer.create(store, catalog,
        InstantSource.fixed(END.atStartOfDay().toInstant(ZoneOffset.UTC)), OptimizerOptions.defaults());
    Set<String> inventory = Set.copyOf(attached);
    RecommendationReport report = optimizer.recommend(resources, inventory);
    double[] secs = new double[runs];
    for (int k = 0; k < runs; k++) {
      long s = System.nanoTime();
      report = optimizer.recommend(resources, inventory);
      secs[k] = (System.nanoTime() - s) / 1e9;
      System.out.printf(Locale.ROOT, "run %d: %.2f s%n", k + 1, secs[k]);
    }
    Arrays.sort(secs);
    Map<RecommendationKind, Integer> byKind = new EnumMap<>(RecommendationKind.class);
    for (Recommendation rec : report.recommendations()) {
      byKind.merge(rec.kind(), 1, Integer::sum);
    }
    System.out.printf(Locale.ROOT, "median %.2f s; %d recommendations %s; %d skipped lines; best per resource "
        + "saves %s/month%n", secs[runs / 2], report.recommendations().size(), byKind, report.skipped().size(),
        report.totalMonthlySavings());
    System.out.println("top 3: ");
    report.recommendations().stream().limit(3).forEach(x -> System.out.println("  " + x));
  }

  private static Workload workload(SplittableRandom r, Offer o) {
    Workload.Builder b = Workload.builder("w-" + r.nextInt(1000))
        .demand(ResourceDemand.of(Math.max(0.25, o.instanceType().vcpus() * 0.25),
            Math.max(0.5, o.instanceType().memoryGib() * 0.25)));
    CostConstraints.Builder c = CostConstraints.builder().spotAllowed(r.nextDouble() < 0.3)
        .maxInterruptionProbability(0.2);
    if (r.nextDouble() < 0.2) {
      c.commitmentsAllowed(false);
    }
    b.cost(c.build());
    if (r.nextDouble() < 0.33) {
      b.compliance(ComplianceRequirements.builder().allowedJurisdictions(List.of(Jurisdiction.EU)).build());
    }
    return b.build();
  }

  private static CostRecord record(String id, String type, String description, LocalDate day, double cost) {
    Instant s = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    return CostRecord.builder().allCosts(BigDecimal.valueOf(cost).setScale(6, RoundingMode.HALF_EVEN))
        .billingCurrency(USD).chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargePeriod(s, s.plusSeconds(86400)).billingPeriod(BillingPeriod.of(YearMonth.from(day)))
        .providerName("AWS").billingAccountId("a").subAccountId("s").serviceName("EC2").serviceCategory("Compute")
        .resourceId(id).resourceType(type).chargeDescription(description).build();
  }
}
