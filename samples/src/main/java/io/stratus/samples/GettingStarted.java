package io.stratus.samples;

import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.EnhancedScheduler;
import java.io.PrintStream;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The first lines a host writes, as shown in the README's "Use Stratus in your project": the bundled price catalog,
 * a scheduler built on it, and one workload placed under an EU-residency rule, with the decision's explanation.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.GettingStarted}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GettingStarted {
  private GettingStarted() {}

  /**
   * Runs the sample and prints the decision to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the sample.
   *
   * @param out where the decision goes; never null
   * @return the decision; never null
   */
  public static Decision run(PrintStream out) {
    // README:start
    // Real list prices of AWS, GCP and Azure, bundled in stratus-scheduler-core: no cloud account needed.
    BundledCatalog catalog = BundledCatalog.load();
    EnhancedScheduler scheduler = EnhancedScheduler.builder()
        .pricing(catalog)        // add your own PricingProvider(s) here too
        .tradeOff(0.3)           // 0 = cheapest, 1 = fastest
        .build();

    Workload api = Workload.builder("shop-api")
        .label(Workload.LABEL_TEAM, "shop")
        .demand(ResourceDemand.of(4, 16))    // 4 vCPUs, 16 GiB
        .compliance(ComplianceRequirements.builder()
            .allowedJurisdictions(Set.of(Jurisdiction.EU))
            .build())
        .build();

    Decision decision = scheduler.schedule(api);
    out.println(decision.isPlaced()
        ? "shop-api -> " + decision.candidate().orElseThrow() + " at " + decision.hourlyCost().orElseThrow() + "/h"
        : "shop-api unschedulable: " + decision.reasons());
    out.println("why: " + decision.explanation().rejectionSummary());
    // README:end
    return decision;
  }
}
