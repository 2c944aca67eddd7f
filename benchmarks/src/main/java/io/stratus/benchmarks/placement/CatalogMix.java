package io.stratus.benchmarks.placement;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.DataClassification;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded mix of workloads for batch placement over the bundled catalog (issue 12): sizes of 0.25 to 16 vCPU
 * (log-uniform over 0.25, 0.5, 1, 2, 4, 8, 16) with 1 to 8 GiB per vCPU; about 20% EU-only web, 10% US HIPAA
 * confidential data, 20% spot-tolerant batch of 1 to 8 hours, 10% GPU training on spot for 12 hours, 10% GCP in the
 * EU, 10% ARM web, the rest general services (with no network demand: the bundled catalog has no bandwidth figures); 10% of the batch (spread over the kinds) has no
 * feasible offer (an ITAR certification inside the EU, or a maximum hourly cost below every price).
 */
final class CatalogMix {
  private static final double[] SIZES = {0.25, 0.5, 1, 2, 4, 8, 16};

  private CatalogMix() {}

  /**
   * Builds a mix.
   *
   * @param count how many workloads
   * @param seed the seed
   * @return the workloads, ids {@code w-0}, {@code w-1}, ...
   */
  static List<Workload> of(int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ComplianceRequirements eu = ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build();
    ComplianceRequirements hipaa = ComplianceRequirements.builder().allowedCountries(Set.of("US"))
        .requiredCertifications(Set.of("HIPAA")).dataClassification(DataClassification.CONFIDENTIAL).build();
    ComplianceRequirements gcpEu = ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU))
        .allowedProviders(Set.of(CloudProvider.GCP)).build();
    ComplianceRequirements impossible = ComplianceRequirements.builder()
        .allowedJurisdictions(Set.of(Jurisdiction.EU)).requiredCertifications(Set.of("ITAR")).build();
    CostConstraints spot = CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(0.2).build();
    CostConstraints tooCheap = CostConstraints.builder().maxHourlyCost(Money.of("0.0001", "USD")).build();
    List<Workload> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      double vcpus = SIZES[rnd.nextInt(SIZES.length)];
      double memory = vcpus * (1 + rnd.nextInt(8));
      Workload.Builder b = Workload.builder("w-" + k);
      double kind = rnd.nextDouble();
      if (kind < 0.2) {
        b.workloadClass("web").compliance(eu).demand(ResourceDemand.of(vcpus, memory));
      } else if (kind < 0.3) {
        b.workloadClass("phi").compliance(hipaa).demand(ResourceDemand.of(vcpus, memory));
      } else if (kind < 0.5) {
        b.workloadClass("batch").cost(spot).expectedDuration(Duration.ofHours(1 + rnd.nextInt(8)))
            .demand(ResourceDemand.of(vcpus, memory));
      } else if (kind < 0.6) {
        int gpus = 1 << rnd.nextInt(3);
        double v = Math.max(4, vcpus);
        b.workloadClass("ml-training").cost(spot).expectedDuration(Duration.ofHours(12))
            .demand(new ResourceDemand(v, v * (2 + rnd.nextInt(4)), gpus, 0));
      } else if (kind < 0.7) {
        b.workloadClass("gcp-eu").compliance(gcpEu).demand(ResourceDemand.of(vcpus, memory));
      } else if (kind < 0.8) {
        b.workloadClass("web").architectures(List.of(Architecture.ARM64)).demand(ResourceDemand.of(vcpus, memory));
      } else {
        // The bundled catalog carries no network bandwidth (0 = unknown for every type; see its README), and the
        // filters reject any positive network demand on it: a general service states its bandwidth as unknown.
        rnd.nextInt(20); // keep the stream of draws independent of that choice
        b.workloadClass("service").demand(new ResourceDemand(vcpus, memory, 0, 0));
      }
      if (k % 10 == 9) {
        // One workload in ten cannot be placed anywhere, whatever its kind.
        if (rnd.nextBoolean()) {
          b.compliance(impossible);
        } else {
          b.cost(tooCheap);
        }
      }
      out.add(b.build());
    }
    return out;
  }
}
