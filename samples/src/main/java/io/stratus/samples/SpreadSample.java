package io.stratus.samples;

import io.stratus.model.ComplianceRequirements;
import io.stratus.model.Jurisdiction;
import io.stratus.model.PlacementGroup;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Replicas kept apart, as a Kubernetes user writes it with {@code podAntiAffinity} and {@code
 * topologySpreadConstraints}: four replicas of an EU web service in a {@link PlacementGroup} with anti-affinity (never
 * two on one machine) and a hard spread over regions with {@code maxSkew} 1, placed by {@code placeAll} over the
 * bundled catalog next to two small workloads that may pack together.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl samples -am compile exec:java
 * -Dexec.mainClass=io.stratus.samples.SpreadSample}. Not thread-safe (a program, not a library type).
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class SpreadSample {
  private SpreadSample() {}

  /**
   * Runs the sample and prints the plan to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the sample.
   *
   * @param out where the plan goes; never null
   * @return the plan; never null
   */
  public static PlacementPlan run(PrintStream out) {
    CostAwareScheduler scheduler = CostAwareScheduler.builder().pricing(BundledCatalog.load()).seed(1).build();
    PlacementGroup replicas = PlacementGroup.builder("checkout")
        .antiAffinity()
        .spread(PlacementGroup.Topology.REGION, 1, PlacementGroup.WhenUnsatisfiable.DO_NOT_SCHEDULE)
        .build();
    ComplianceRequirements eu = ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build();
    List<Workload> batch = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      batch.add(Workload.builder("checkout-" + k).demand(ResourceDemand.of(1, 2)).compliance(eu)
          .placementGroup(replicas).build());
    }
    batch.add(Workload.builder("cron-a").demand(ResourceDemand.of(1, 2)).compliance(eu).build());
    batch.add(Workload.builder("cron-b").demand(ResourceDemand.of(1, 2)).compliance(eu).build());

    PlacementPlan plan = scheduler.placeAll(batch);
    for (PlacementPlan.Assignment a : plan.assignments()) {
      out.println(a.workloadId() + " -> " + a.targetId() + " " + a.candidate().instanceType().id() + " in "
          + a.candidate().region().id());
    }
    out.println("total " + plan.totalHourlyCost() + "/h; " + plan.method());
    return plan;
  }
}
