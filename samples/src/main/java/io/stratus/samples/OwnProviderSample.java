package io.stratus.samples;

import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.Jurisdiction;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.EnhancedScheduler;
import io.stratus.spi.PricingProvider;
import io.stratus.spi.ProviderRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Writes and registers a provider of one's own: {@link OnPremPricingProvider} prices the host's data centre and is
 * listed in {@code META-INF/services/io.stratus.spi.PricingProvider}, so {@link ProviderRegistry#load} finds it
 * beside the bundled catalog. The scheduler then weighs the data centre against AWS, GCP and Azure: an EU service
 * that fits a data-centre machine lands there (cheaper), a GPU job goes to a public cloud (the data centre has no
 * GPUs). Its compatibility test extends the testkit's {@code PricingProviderCompatibilityKit}.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.OwnProviderSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OwnProviderSample {
  private OwnProviderSample() {}

  /**
   * Runs the sample and prints the decisions to standard output.
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
   * @return the decisions, one per workload; never null
   */
  public static List<Decision> run(PrintStream out) {
    // ServiceLoader finds every registered PricingProvider; pick the ones to trust by id.
    ProviderRegistry<PricingProvider> registry = ProviderRegistry.load(PricingProvider.class);
    PricingProvider onPrem = registry.require(OnPremPricingProvider.ID);
    out.printf(Locale.ROOT, "Found %s: %s%n", onPrem.id(), onPrem.description());

    EnhancedScheduler scheduler = EnhancedScheduler.builder()
        .pricing(registry.require(BundledCatalog.ID))
        .pricing(onPrem)
        .build();
    ComplianceRequirements euOnly =
        ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build();
    // Pay as you go: the data centre's rates are monthly chargeback, so compare them with on-demand cloud prices.
    CostConstraints onDemand = CostConstraints.builder().commitmentsAllowed(false).build();
    List<Workload> workloads = List.of(
        Workload.builder("billing-api").label(Workload.LABEL_TEAM, "finance")
            .demand(ResourceDemand.of(4, 16)).compliance(euOnly).cost(onDemand).build(),
        Workload.builder("train-model").label(Workload.LABEL_TEAM, "ml")
            .demand(new ResourceDemand(8, 32, 1, 0)).compliance(euOnly).cost(onDemand).build());

    List<Decision> decisions = new ArrayList<>();
    for (Workload w : workloads) {
      Decision d = scheduler.schedule(w);
      decisions.add(d);
      out.printf(Locale.ROOT, "%-12s -> %s%n", w.id(), d.isPlaced()
          ? d.candidate().orElseThrow() + " at " + d.hourlyCost().orElseThrow() + "/h"
          : "unschedulable: " + String.join("; ", d.reasons()));
    }
    return List.copyOf(decisions);
  }
}
