package io.stratus.finops.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.Jurisdiction;
import io.stratus.model.PerformanceRequirements;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.UserLocation;
import io.stratus.model.Workload;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostOptimizerTest {
  static final Instant AS_OF = Instant.parse("2025-03-01T00:00:00Z");
  final CostStore store = CostStore.inMemory();
  final CostOptimizer optimizer =
      CostOptimizer.create(store, new TestCatalog(), InstantSource.fixed(AS_OF), OptimizerOptions.defaults());

  static Workload.Builder workload(String id) {
    return Workload.builder(id).demand(ResourceDemand.of(1, 2)).cost(CostConstraints.builder()
        .commitmentsAllowed(false).build());
  }

  static ManagedResource resource(String id, String type, String region, Workload w, Utilization u) {
    return new ManagedResource(id, type, region, PurchaseOption.ON_DEMAND, w, u);
  }

  @Test
  void recommend_idleResource_savesItsWholeMonthlyCost() {
    CostFixtures.daily(store, "i-idle", AS_OF, 30, "2.304");
    RecommendationReport report = optimizer.recommend(List.of(resource("i-idle", "aws:m5.large", "aws:us-east-1",
        workload("w").build(), new Utilization(0.02, 0.1, 20, 1))));
    assertThat(report.recommendations()).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(RecommendationKind.IDLE);
      // 69.12 over 30 days -> 70.128 per 30.4375-day month
      assertThat(r.monthlySavings().amount()).isEqualByComparingTo("70.13");
      assertThat(r.oneOffCost().amount()).isEqualByComparingTo("100");
      assertThat(r.roi()).isCloseTo((70.13 * 12 - 100) / 100, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(r.payback()).isBetween(Duration.ofDays(43), Duration.ofDays(44));
      assertThat(r.evidence()).anySatisfy(e -> assertThat(e.name()).isEqualTo("p95 CPU"));
    });
  }

  @Test
  void recommend_idleButTooFewDays_isNotIdle() {
    CostFixtures.daily(store, "i-new", AS_OF, 30, "2.304");
    RecommendationReport report = optimizer.recommend(List.of(resource("i-new", "aws:m5.large", "aws:us-east-1",
        workload("w").build(), new Utilization(0.02, 0.1, 13, 1))));
    assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.IDLE);
  }

  @Test
  void recommend_oversizedX86_rightsizesWithinArchitecture() {
    CostFixtures.daily(store, "i-big", AS_OF, 30, "9.216");
    Workload w = workload("w").architectures(Set.of(Architecture.X86_64)).build();
    RecommendationReport report = optimizer.recommend(List.of(resource("i-big", "aws:m5.2xlarge", "aws:us-east-1",
        w, new Utilization(0.15, 0.15, 30, 1))));
    Recommendation r = report.recommendations().stream()
        .filter(x -> x.kind() == RecommendationKind.RIGHTSIZE).findFirst().orElseThrow();
    assertThat(r.targetInstanceTypeId()).isEqualTo("aws:m5.large");
    // 276.48 / 30 * 30.4375 = 280.512; price ratio 0.25 -> saves 75%
    assertThat(r.monthlySavings().amount()).isEqualByComparingTo("210.38");
  }

  @Test
  void recommend_anyArchitecture_rightsizesToCheapestFittingType() {
    CostFixtures.daily(store, "i-big", AS_OF, 30, "9.216");
    RecommendationReport report = optimizer.recommend(List.of(resource("i-big", "aws:m5.2xlarge", "aws:us-east-1",
        workload("w").build(), new Utilization(0.15, 0.15, 30, 1))));
    assertThat(report.recommendations()).anySatisfy(r -> {
      assertThat(r.kind()).isEqualTo(RecommendationKind.RIGHTSIZE);
      assertThat(r.targetInstanceTypeId()).isEqualTo("aws:m6g.large");
    });
  }

  @Test
  void recommend_minCpuScore_keepsTheFamily() {
    CostFixtures.daily(store, "i-big", AS_OF, 30, "9.216");
    Workload w = workload("w").performance(PerformanceRequirements.builder().minCpuScore(1.0).build()).build();
    RecommendationReport report = optimizer.recommend(List.of(resource("i-big", "aws:m5.2xlarge", "aws:us-east-1",
        w, new Utilization(0.15, 0.15, 30, 1))));
    assertThat(report.recommendations()).filteredOn(r -> r.kind() == RecommendationKind.RIGHTSIZE)
        .singleElement().satisfies(r -> assertThat(r.targetInstanceTypeId()).isEqualTo("aws:m5.large"));
    assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.CLOUD);
  }

  @Test
  void recommend_highMemoryUse_doesNotShrinkBelowP95() {
    CostFixtures.daily(store, "i-mem", AS_OF, 30, "9.216");
    RecommendationReport report = optimizer.recommend(List.of(resource("i-mem", "aws:m5.2xlarge", "aws:us-east-1",
        workload("w").build(), new Utilization(0.10, 0.45, 30, 1))));
    // 32 GiB * 0.45 / 0.8 = 18 GiB: only m5.2xlarge (32 GiB) holds it, so no rightsizing
    assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.RIGHTSIZE);
  }

  @Test
  void recommend_steadyLongRunning_buysCommitmentAboveBreakEven() {
    CostFixtures.daily(store, "i-steady", AS_OF, 30, "2.304");
    Workload w = Workload.builder("w").build();
    RecommendationReport report = optimizer.recommend(List.of(resource("i-steady", "aws:m5.large", "aws:us-east-1",
        w, new Utilization(0.7, 0.7, 60, 1))));
    Recommendation r = report.recommendations().stream()
        .filter(x -> x.kind() == RecommendationKind.COMMITMENT).findFirst().orElseThrow();
    // break-even 0.6: saves 40% of 70.128
    assertThat(r.monthlySavings().amount()).isEqualByComparingTo("28.05");
    assertThat(r.evidence()).anySatisfy(e -> {
      assertThat(e.name()).isEqualTo("break-even utilization");
      assertThat(e.value()).isEqualTo("60.0%");
    });
  }

  @Test
  void recommend_uptimeBelowBreakEvenPlusMargin_buysNoCommitment() {
    CostFixtures.daily(store, "i-part", AS_OF, 30, "1.5");
    RecommendationReport report = optimizer.recommend(List.of(resource("i-part", "aws:m5.large", "aws:us-east-1",
        Workload.builder("w").build(), new Utilization(0.7, 0.7, 60, 0.65))));
    assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.COMMITMENT);
  }

  @Test
  void recommend_commitmentsForbidden_buysNoCommitment() {
    CostFixtures.daily(store, "i-steady", AS_OF, 30, "2.304");
    RecommendationReport report = optimizer.recommend(List.of(resource("i-steady", "aws:m5.large",
        "aws:us-east-1", workload("w").build(), new Utilization(0.7, 0.7, 60, 1))));
    assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.COMMITMENT);
  }

  @Test
  void recommend_spotOnlyWithinTheWorkloadsInterruptionCeiling() {
    CostFixtures.daily(store, "i-batch", AS_OF, 30, "23.04");
    Workload tolerant = workload("w").cost(CostConstraints.builder().commitmentsAllowed(false).spotAllowed(true)
        .maxInterruptionProbability(0.1).build()).build();
    Workload strict = tolerant.toBuilder().cost(tolerant.cost().toBuilder().maxInterruptionProbability(0.05)
        .build()).build();
    Utilization busy = new Utilization(0.7, 0.7, 30, 1);
    assertThat(optimizer.recommend(List.of(resource("i-batch", "aws:m5.large", "aws:us-east-1", tolerant, busy)))
        .recommendations()).anySatisfy(r -> {
          assertThat(r.kind()).isEqualTo(RecommendationKind.SPOT);
          assertThat(r.interruptionRisk()).isEqualTo(Risk.MEDIUM);
          assertThat(r.monthlySavings().amount()).isEqualByComparingTo("455.83");
        });
    assertThat(optimizer.recommend(List.of(resource("i-batch", "aws:m5.large", "aws:us-east-1", strict, busy)))
        .recommendations()).noneMatch(r -> r.kind() == RecommendationKind.SPOT);
  }

  @Test
  void recommend_euOnlyWorkload_neverMovesOutOfTheEu() {
    CostFixtures.daily(store, "i-eu", AS_OF, 30, "55.296");
    Workload eu = workload("w").compliance(ComplianceRequirements.builder()
        .allowedJurisdictions(List.of(Jurisdiction.EU)).build()).build();
    RecommendationReport report = optimizer.recommend(List.of(resource("i-eu", "aws:m5.xlarge",
        "aws:eu-central-1", eu, new Utilization(0.7, 0.7, 30, 1))));
    assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.REGION);
    assertThat(report.recommendations()).filteredOn(r -> r.kind() == RecommendationKind.CLOUD).singleElement()
        .satisfies(r -> assertThat(r.targetRegionId()).isEqualTo("gcp:europe-west1"));

    Workload anywhere = workload("w").build();
    assertThat(optimizer.recommend(List.of(resource("i-eu", "aws:m5.xlarge", "aws:eu-central-1", anywhere,
        new Utilization(0.7, 0.7, 30, 1)))).recommendations())
        .anySatisfy(r -> assertThat(r.targetRegionId()).isEqualTo("aws:us-east-1"));

    Workload noGcp = workload("w").compliance(eu.compliance().toBuilder()
        .deniedProviders(List.of(CloudProvider.GCP)).build()).build();
    assertThat(optimizer.recommend(List.of(resource("i-eu", "aws:m5.xlarge", "aws:eu-central-1", noGcp,
        new Utilization(0.7, 0.7, 30, 1)))).recommendations())
        .noneMatch(r -> r.kind() == RecommendationKind.CLOUD || r.kind() == RecommendationKind.REGION);
  }

  @Test
  void recommend_latencyBoundWorkload_isNotMovedAndSaysWhy() {
    CostFixtures.daily(store, "i-eu", AS_OF, 30, "55.296");
    Workload w = workload("w").performance(PerformanceRequirements.builder()
        .maxP95Latency(Duration.ofMillis(30))
        .userLocations(List.of(new UserLocation("fra", new io.stratus.model.GeoPoint(50.1, 8.7))))
        .build()).build();
    RecommendationReport report = optimizer.recommend(List.of(resource("i-eu", "aws:m5.xlarge",
        "aws:eu-central-1", w, new Utilization(0.7, 0.7, 30, 1))));
    assertThat(report.recommendations()).noneMatch(r -> r.kind() == RecommendationKind.REGION
        || r.kind() == RecommendationKind.CLOUD);
    assertThat(report.skipped()).anySatisfy(s -> assertThat(s).contains("i-eu").contains("latency"));
  }

  @Test
  void recommend_rankedByRoi() {
    CostFixtures.daily(store, "i-idle", AS_OF, 30, "2.304");
    CostFixtures.daily(store, "i-big", AS_OF, 30, "9.216");
    RecommendationReport report = optimizer.recommend(List.of(
        resource("i-idle", "aws:m5.large", "aws:us-east-1", workload("a").build(), new Utilization(0.01, 0.1, 30, 1)),
        resource("i-big", "aws:m5.2xlarge", "aws:us-east-1", workload("b").build(),
            new Utilization(0.15, 0.15, 30, 1))));
    assertThat(report.recommendations()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(report.recommendations()).isSortedAccordingTo(
        (a, b) -> Double.compare(b.roi(), a.roi()));
    assertThat(report.bestPerResource()).extracting(Recommendation::resourceId)
        .containsExactlyInAnyOrder("i-idle", "i-big");
  }

  @Test
  void recommend_unknownTypeOrNoCost_isSkippedWithReason() {
    CostFixtures.daily(store, "i-odd", AS_OF, 30, "1");
    RecommendationReport report = optimizer.recommend(List.of(
        resource("i-odd", "aws:x9.huge", "aws:us-east-1", workload("a").build(), new Utilization(0.01, 0.1, 30, 1)),
        resource("i-free", "aws:m5.large", "aws:us-east-1", workload("a").build(),
            new Utilization(0.01, 0.1, 30, 1))));
    assertThat(report.recommendations()).isEmpty();
    assertThat(report.skipped()).anySatisfy(s -> assertThat(s).contains("i-odd").contains("aws:x9.huge"))
        .anySatisfy(s -> assertThat(s).contains("i-free").contains("no positive EFFECTIVE cost"));
  }

  @Test
  void recommend_duplicateResourceIds_rejected() {
    ManagedResource r = resource("i-1", "aws:m5.large", "aws:us-east-1", workload("a").build(),
        new Utilization(0.5, 0.5, 30, 1));
    assertThatThrownBy(() -> optimizer.recommend(List.of(r, r)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i-1");
  }

  @Test
  void recommend_storage_findsOldSnapshotsAndUnattachedVolumes() {
    try (CostStore.Appender a = store.appender("test")) {
      for (int d = 120; d >= 1; d--) {
        Instant day = AS_OF.minusSeconds(86400L * d);
        a.accept(storage("arn:aws:ec2:us-east-1:1:snapshot/snap-old", null,
            "$0.05 per GB-Month of snapshot data stored", day, "0.10"));
        a.accept(storage("vol-attached", "volume", "$0.08 per GB-month of gp3 provisioned storage", day, "0.20"));
        a.accept(storage("vol-loose", "volume", "$0.08 per GB-month of gp3 provisioned storage", day, "0.30"));
        if (d <= 20) {
          a.accept(storage("arn:aws:ec2:us-east-1:1:snapshot/snap-new", null,
              "$0.05 per GB-Month of snapshot data stored", day, "0.10"));
        }
      }
    }
    RecommendationReport withInventory = optimizer.recommend(List.of(), Set.of("vol-attached"));
    assertThat(withInventory.recommendations()).extracting(Recommendation::kind, Recommendation::resourceId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(RecommendationKind.OLD_SNAPSHOT,
                "arn:aws:ec2:us-east-1:1:snapshot/snap-old"),
            org.assertj.core.groups.Tuple.tuple(RecommendationKind.ORPHANED_VOLUME, "vol-loose"));
    RecommendationReport without = optimizer.recommend(List.of());
    assertThat(without.recommendations()).extracting(Recommendation::kind)
        .containsExactly(RecommendationKind.OLD_SNAPSHOT);
    assertThat(without.skipped()).anySatisfy(s -> assertThat(s).contains("orphaned volumes not checked"));
  }

  static CostRecord storage(String id, String type, String description, Instant day, String cost) {
    return CostFixtures.day(id, day, new BigDecimal(cost)).resourceType(type).chargeDescription(description)
        .serviceName("Amazon Elastic Compute Cloud").build();
  }

  @Test
  void recommend_savingsThatNeverRepayTheEffort_areLeftOutAndCounted() {
    CostFixtures.daily(store, "i-cheap", AS_OF, 30, "0.5");
    Workload tolerant = workload("w").cost(CostConstraints.builder().commitmentsAllowed(false).spotAllowed(true)
        .build()).build();
    RecommendationReport report = optimizer.recommend(List.of(resource("i-cheap", "aws:m5.large",
        "aws:us-east-1", tolerant, new Utilization(0.7, 0.7, 30, 1))));
    assertThat(report.recommendations()).isEmpty();
    assertThat(report.skipped()).anySatisfy(s -> assertThat(s).contains("ROI < 0"));
  }

  @Test
  void options_rejectOutOfRangeValuesNamingThem() {
    assertThatThrownBy(() -> OptimizerOptions.builder().idle(1.5, 14))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleCpuThreshold").hasMessageContaining("1.5");
    assertThatThrownBy(() -> OptimizerOptions.builder().lookbackDays(0))
        .hasMessageContaining("lookbackDays");
    assertThatThrownBy(() -> OptimizerOptions.builder().effortHours(RecommendationKind.IDLE, BigDecimal.ZERO))
        .hasMessageContaining("IDLE");
    assertThatThrownBy(() -> new Utilization(0.5, -0.1, 3, 1)).hasMessageContaining("p95Memory");
  }
}
