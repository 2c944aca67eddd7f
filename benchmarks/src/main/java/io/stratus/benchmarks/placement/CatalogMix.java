package io.stratus.benchmarks.placement;

import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.DataClassification;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.PlacementGroup;
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

  /**
   * Puts a share of the web workloads (EU web and ARM web, those without an impossible requirement) into placement
   * groups of 3 to 6 members, spread over regions: even-numbered groups hard (anti-affinity and a region spread with
   * maxSkew 1, {@code DO_NOT_SCHEDULE}), odd-numbered ones soft (at most 2 per machine and a region spread with maxSkew
   * 1, {@code SCHEDULE_ANYWAY}).
   *
   * @param mix the workloads of {@link #of}
   * @param share the share of eligible web workloads put in groups, in [0, 1]
   * @param seed the seed of the choice and of the group sizes
   * @return the workloads, in the same order, some with a group
   */
  static List<Workload> withGroups(List<Workload> mix, double share, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x6a09e667f3bcc909L);
    List<Workload> out = new ArrayList<>(mix);
    List<Integer> web = new ArrayList<>();
    for (int k = 0; k < mix.size(); k++) {
      Workload w = mix.get(k);
      if (w.workloadClass().equals("web") && k % 10 != 9 && rnd.nextDouble() < share) {
        web.add(k);
      }
    }
    int group = 0;
    int at = 0;
    while (web.size() - at >= 3) {
      int size = Math.min(web.size() - at, 3 + rnd.nextInt(4));
      PlacementGroup.Builder b = PlacementGroup.builder("web-group-" + group);
      if (group % 2 == 0) {
        b.antiAffinity().spread(PlacementGroup.Topology.REGION, 1, PlacementGroup.WhenUnsatisfiable.DO_NOT_SCHEDULE);
      } else {
        b.maxPerMachine(2)
            .spread(PlacementGroup.Topology.REGION, 1, PlacementGroup.WhenUnsatisfiable.SCHEDULE_ANYWAY);
      }
      PlacementGroup g = b.build();
      for (int x = 0; x < size; x++) {
        int k = web.get(at + x);
        out.set(k, mix.get(k).toBuilder().placementGroup(g).build());
      }
      at += size;
      group++;
    }
    return out;
  }
}
