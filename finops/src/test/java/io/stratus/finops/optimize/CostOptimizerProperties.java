package io.stratus.finops.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.spi.CostStore;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CostOptimizerProperties {
  static final Instant AS_OF = Instant.parse("2025-03-01T00:00:00Z");
  static final TestCatalog CATALOG = new TestCatalog();
  static final List<String> TYPES = List.of("aws:m5.large", "aws:m5.xlarge", "aws:m5.2xlarge", "aws:m6g.large");

  /** A resource and its daily cost. */
  record Case(ManagedResource resource, String dailyCost) {}

  @Provide
  Arbitrary<List<Case>> cases() {
    Arbitrary<String> type = Arbitraries.of(TYPES);
    Arbitrary<String> region = Arbitraries.of("aws:us-east-1", "aws:eu-central-1");
    Arbitrary<Utilization> util = Combinators.combine(Arbitraries.doubles().between(0, 1),
        Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 90),
        Arbitraries.doubles().between(0, 1)).as(Utilization::new);
    Arbitrary<ComplianceRequirements> compliance = Arbitraries.of(ComplianceRequirements.none(),
        ComplianceRequirements.builder().allowedJurisdictions(List.of(Jurisdiction.EU)).build(),
        ComplianceRequirements.builder().allowedJurisdictions(List.of(Jurisdiction.US)).build(),
        ComplianceRequirements.builder().deniedProviders(List.of(CloudProvider.GCP)).build(),
        ComplianceRequirements.builder().allowedProviders(List.of(CloudProvider.AWS))
            .allowedCountries(List.of("DE")).build());
    Arbitrary<Workload> workload = Combinators.combine(Arbitraries.of(Set.<Architecture>of(),
            Set.of(Architecture.X86_64), Set.of(Architecture.ARM64)), compliance, Arbitraries.of(true, false),
        Arbitraries.doubles().between(0, 0.2), Arbitraries.of(0, 1, 2), Arbitraries.of(0.0, 1.0),
        Arbitraries.doubles().between(0.25, 4))
        .as((arch, c, spot, maxInt, commit, cpuScore, vcpu) -> Workload.builder("w")
            .architectures(arch).compliance(c).demand(ResourceDemand.of(vcpu, vcpu * 2))
            .performance(PerformanceRequirements.builder().minCpuScore(cpuScore).build())
            .expectedDuration(commit == 2 ? Duration.ofDays(30) : Duration.ZERO)
            .cost(commit == 1 ? CostConstraints.builder().spotAllowed(spot).maxInterruptionProbability(maxInt)
                .commitmentsAllowed(false).build()
                : CostConstraints.builder().spotAllowed(spot).maxInterruptionProbability(maxInt).build())
            .build());
    return Combinators.combine(type, region, util, workload, Arbitraries.integers().between(1, 100000))
        .as((t, r, u, w, cents) -> new Case(new ManagedResource("r", t, r, PurchaseOption.ON_DEMAND, w, u),
            java.math.BigDecimal.valueOf(cents, 2).toPlainString())).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 60)
  void recommendations_positiveRankedAndWithinRequirements(@ForAll("cases") List<Case> cases) {
    CostStore store = CostStore.inMemory();
    List<ManagedResource> resources = new ArrayList<>();
    Map<String, ManagedResource> byId = new HashMap<>();
    for (int i = 0; i < cases.size(); i++) {
      ManagedResource m = cases.get(i).resource();
      ManagedResource r = new ManagedResource("r-" + i, m.instanceTypeId(), m.regionId(), m.purchaseOption(),
          m.workload(), m.utilization());
      resources.add(r);
      byId.put(r.resourceId(), r);
      CostFixtures.daily(store, r.resourceId(), AS_OF, 30, cases.get(i).dailyCost());
    }
    RecommendationReport report = CostOptimizer.create(store, CATALOG, InstantSource.fixed(AS_OF),
        OptimizerOptions.defaults()).recommend(resources);
    List<Recommendation> recs = report.recommendations();
    for (int i = 1; i < recs.size(); i++) {
      assertThat(recs.get(i).roi()).isLessThanOrEqualTo(recs.get(i - 1).roi());
    }
    Map<String, InstanceType> types = new HashMap<>();
    CATALOG.instanceTypes().forEach(t -> types.put(t.id(), t));
    Map<String, Region> regions = new HashMap<>();
    CATALOG.regions().forEach(r -> regions.put(r.id(), r));
    for (Recommendation rec : recs) {
      assertThat(rec.monthlySavings().amount().signum()).isPositive();
      assertThat(rec.oneOffCost().amount().signum()).isPositive();
      assertThat(rec.roi()).isGreaterThanOrEqualTo(0);
      ManagedResource r = byId.get(rec.resourceId());
      Workload w = r.workload();
      InstanceType from = types.get(r.instanceTypeId());
      if (rec.targetRegionId() != null) {
        if (!rec.targetRegionId().equals(r.regionId())) {
          assertThat(w.compliance().permits(regions.get(rec.targetRegionId()))).as(rec.toString()).isTrue();
        }
        InstanceType to = types.get(rec.targetInstanceTypeId());
        if (to.equals(from)) {
          continue; // spot, commitment and region moves keep the type the workload already runs on
        }
        assertThat(w.demand().fitsIn(to.capacity())).as(rec.toString()).isTrue();
        if (!w.architectures().isEmpty()) {
          assertThat(w.architectures()).as(rec.toString()).contains(to.architecture());
        }
        if (w.performance().minCpuScore() > 0) {
          assertThat(to.family()).as(rec.toString()).isEqualTo(from.family());
        }
        if (rec.kind() == RecommendationKind.RIGHTSIZE) {
          double target = OptimizerOptions.defaults().targetUtilization();
          assertThat(to.vcpus()).isGreaterThanOrEqualTo(from.vcpus() * r.utilization().p95Cpu() / target);
          assertThat(to.memoryGib()).isGreaterThanOrEqualTo(from.memoryGib() * r.utilization().p95Memory() / target);
        }
      }
      if (rec.kind() == RecommendationKind.SPOT) {
        assertThat(w.cost().spotAllowed()).isTrue();
      }
      if (rec.kind() == RecommendationKind.COMMITMENT) {
        assertThat(w.cost().commitmentsForbidden()).isFalse();
        assertThat(w.expectedDuration()).isIn(Duration.ZERO);
      }
    }
  }
}
