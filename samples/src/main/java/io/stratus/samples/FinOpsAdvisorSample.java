package io.stratus.samples;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.forecast.CostForecast;
import io.stratus.finops.forecast.CostPredictor;
import io.stratus.finops.forecast.CostScope;
import io.stratus.finops.forecast.ForecastOptions;
import io.stratus.finops.forecast.PeriodForecast;
import io.stratus.finops.optimize.CostOptimizer;
import io.stratus.finops.optimize.ManagedResource;
import io.stratus.finops.optimize.OptimizerOptions;
import io.stratus.finops.optimize.Recommendation;
import io.stratus.finops.optimize.RecommendationReport;
import io.stratus.finops.optimize.Utilization;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.Jurisdiction;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Workload;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.spi.PricingProvider;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * FinOps advice from the {@code stratus-finops} entry points {@link CostOptimizer} and {@link CostPredictor}: the top
 * recommendations with their ROI, and the cost forecast to the end of the quarter with its 80%/95% intervals.
 *
 * <p>{@link #main} builds a small seeded account (five instances of the bundled catalog with 120 days of daily cost,
 * an old snapshot), so every run prints the same report. Run it with {@code ./mvnw -B -q -pl samples -am compile
 * exec:java -Dexec.mainClass=io.stratus.samples.FinOpsAdvisorSample}. Not thread-safe (a program, not a library
 * type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FinOpsAdvisorSample {
  /** The day the advice is given for. */
  static final Instant NOW = Instant.parse("2026-05-20T00:00:00Z");
  private static final Currency USD = Currency.getInstance("USD");

  private FinOpsAdvisorSample() {}

  /**
   * What the advice found.
   *
   * @param report the ranked recommendations; never null
   * @param forecast the total cost forecast; never null
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Advice(RecommendationReport report, CostForecast forecast) {}

  /**
   * Runs the sample on its seeded account and prints the advice to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Builds the seeded account and prints the advice.
   *
   * @param out where to print; never null
   * @return what was printed; never null
   */
  public static Advice run(PrintStream out) {
    CostStore store = CostStore.inMemory();
    List<ManagedResource> resources = demoAccount(store);
    return printAdvice(store, BundledCatalog.load(), resources, InstantSource.fixed(NOW), 5, out);
  }

  /**
   * Prints the top recommendations with ROI and the total cost forecast to the end of the quarter. This is the method
   * a host's demo calls with its own store, catalog and resources.
   *
   * @param store the cost records; never null
   * @param pricing the price catalog; never null
   * @param resources the compute resources to advise on; never null
   * @param clock the day of the advice; never null
   * @param top how many recommendations to print, {@code >= 1}
   * @param out where to print; never null
   * @return the recommendations and the forecast; never null
   */
  public static Advice printAdvice(CostStore store, PricingProvider pricing, Collection<ManagedResource> resources,
      InstantSource clock, int top, PrintStream out) {
    RecommendationReport report = CostOptimizer.create(store, pricing, clock, OptimizerOptions.defaults())
        .recommend(resources);
    out.println("Top recommendations (ranked by ROI over 12 months):");
    report.recommendations().stream().limit(top).forEach(r -> out.println(line(r)));
    out.println("  total (best per resource): " + report.totalMonthlySavings().values() + " per month");
    CostForecast f = CostPredictor.create(store, pricing, clock, ForecastOptions.defaults())
        .forecast(CostScope.total(), USD, 3);
    PeriodForecast q = f.endOfQuarter();
    out.printf(Locale.ROOT, "Cost forecast to the end of %s: %s (80%%: %s .. %s, 95%%: %s .. %s), %s billed so far%n",
        q.label(), q.expected(), q.lower80(), q.upper80(), q.lower95(), q.upper95(), q.actualToDate());
    out.printf(Locale.ROOT, "  model %s; backtest over %d origins x %d days: MAPE of totals %.1f%%, 80%% interval "
        + "coverage %.0f%%%n", f.model(), f.accuracy().origins(), f.accuracy().horizonDays(),
        100 * f.accuracy().totalMape(), 100 * f.accuracy().coverage80());
    return new Advice(report, f);
  }

  private static String line(Recommendation r) {
    return String.format(Locale.ROOT, "  %-10s %-40s saves %s/month, one-off %s, ROI %.1fx, payback %d days",
        r.kind(), r.action(), r.monthlySavings(), r.oneOffCost(), r.roi(), r.payback().toDays());
  }

  /** Five instances and a snapshot with 120 days of seeded daily cost. */
  static List<ManagedResource> demoAccount(CostStore store) {
    Workload web = Workload.builder("web").build();
    Workload batch = Workload.builder("batch")
        .cost(CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(0.2).build()).build();
    Workload euData = Workload.builder("eu-data").compliance(ComplianceRequirements.builder()
        .allowedJurisdictions(List.of(Jurisdiction.EU)).build()).build();
    List<ManagedResource> resources = List.of(
        new ManagedResource("i-web-1", "aws:m5.4xlarge", "aws:us-east-1", PurchaseOption.ON_DEMAND, web,
            new Utilization(0.12, 0.18, 60, 1)),
        new ManagedResource("i-web-2", "aws:m5.2xlarge", "aws:us-east-1", PurchaseOption.ON_DEMAND, web,
            new Utilization(0.55, 0.6, 60, 1)),
        new ManagedResource("i-batch", "aws:c5.4xlarge", "aws:us-east-1", PurchaseOption.ON_DEMAND, batch,
            new Utilization(0.7, 0.4, 60, 0.9)),
        new ManagedResource("i-old-test", "aws:m5.xlarge", "aws:us-east-1", PurchaseOption.ON_DEMAND, web,
            new Utilization(0.01, 0.05, 45, 1)),
        new ManagedResource("i-eu-db", "aws:r5.2xlarge", "aws:eu-central-1", PurchaseOption.ON_DEMAND, euData,
            new Utilization(0.6, 0.7, 60, 1)));
    double[] hourly = {0.768, 0.384, 0.68, 0.192, 0.604};
    SplittableRandom rnd = new SplittableRandom(13);
    LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    try (CostStore.Appender a = store.appender("demo")) {
      for (int d = 120; d >= 1; d--) {
        LocalDate day = today.minusDays(d);
        boolean weekend = day.getDayOfWeek().getValue() >= 6;
        for (int i = 0; i < resources.size(); i++) {
          double v = hourly[i] * 24 * (1 + 0.004 * (120 - d)) * (weekend && i == 2 ? 0.5 : 1)
              * (0.95 + 0.1 * rnd.nextDouble());
          a.accept(record(resources.get(i).resourceId(), null, null, day, v));
        }
        a.accept(record("arn:aws:ec2:us-east-1:1:snapshot/snap-0demo", null,
            "$0.05 per GB-Month of snapshot data stored", day, 1.6));
      }
    }
    return resources;
  }

  private static CostRecord record(String id, String type, String description, LocalDate day, double cost) {
    Instant s = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    return CostRecord.builder().allCosts(BigDecimal.valueOf(cost).setScale(4, RoundingMode.HALF_EVEN))
        .billingCurrency(USD).chargeCategory(ChargeCategory.USAGE).chargeFrequency(ChargeFrequency.USAGE_BASED)
        .chargePeriod(s, s.plusSeconds(86400)).billingPeriod(BillingPeriod.of(YearMonth.from(day)))
        .providerName("AWS").billingAccountId("demo").subAccountId("demo").serviceName("Amazon EC2")
        .serviceCategory("Compute").resourceId(id).resourceType(type).chargeDescription(description)
        .tags(java.util.Map.of("team", "platform")).build();
  }
}
