package io.stratus.scheduler.core;

import static io.stratus.scheduler.core.Fixtures.AWS_FRANKFURT;
import static io.stratus.scheduler.core.Fixtures.AWS_VIRGINIA;
import static io.stratus.scheduler.core.Fixtures.AZURE_SINGAPORE;
import static io.stratus.scheduler.core.Fixtures.GCP_BELGIUM;
import static io.stratus.scheduler.core.Fixtures.offer;
import static io.stratus.scheduler.core.Fixtures.type;
import static io.stratus.scheduler.core.Fixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.ProviderException;
import io.stratus.model.CloudProvider;
import io.stratus.model.ComplianceRequirements;
import io.stratus.model.CostConstraints;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.spi.OfferQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostAwareSchedulerTest {
  static final InstanceType AWS_SMALL = type(CloudProvider.AWS, "m5.large", 2, 8);
  static final InstanceType AWS_BIG = type(CloudProvider.AWS, "m5.2xlarge", 8, 32);
  static final InstanceType GCP_SMALL = type(CloudProvider.GCP, "n2-standard-2", 2, 8);
  static final InstanceType AZ_SMALL = type(CloudProvider.AZURE, "D2s_v5", 2, 8);

  static List<Offer> offers() {
    return List.of(
        offer(AWS_SMALL, AWS_FRANKFURT, PurchaseOption.ON_DEMAND, "0.115"),
        offer(AWS_SMALL, AWS_FRANKFURT, PurchaseOption.SPOT, "0.040", 0.08),
        offer(AWS_BIG, AWS_FRANKFURT, PurchaseOption.ON_DEMAND, "0.460"),
        offer(AWS_SMALL, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, "0.096"),
        offer(AWS_SMALL, AWS_VIRGINIA, PurchaseOption.SPOT, "0.030", 0.22),
        offer(GCP_SMALL, GCP_BELGIUM, PurchaseOption.ON_DEMAND, "0.107"),
        offer(AZ_SMALL, AZURE_SINGAPORE, PurchaseOption.ON_DEMAND, "0.090"));
  }

  static CostAwareScheduler scheduler(List<Offer> offers) {
    return CostAwareScheduler.builder().pricing(new Fixtures.StaticPricing(offers)).build();
  }

  static Workload web() {
    return Workload.builder("web-1").demand(ResourceDemand.of(2, 4)).build();
  }

  @Test
  void schedule_noConstraints_choosesCheapestOnDemandOffer() {
    Decision d = scheduler(offers()).schedule(web());

    assertThat(d.isPlaced()).isTrue();
    assertThat(d.candidate().orElseThrow().id()).isEqualTo("azure:southeastasia:D2s_v5:ON_DEMAND");
    assertThat(d.hourlyCost().orElseThrow()).isEqualTo(Money.of("0.090", "USD"));
    assertThat(d.explanation().rejections())
        .containsExactly(new Explanation.Rejection("spot not allowed", 2));
    assertThat(d.explanation().scores()).extracting(Explanation.Score::plugin).containsExactly("cost");
  }

  @Test
  void schedule_euJurisdiction_neverLeavesEuAndCountsRejectionsByReason() {
    Workload w =
        web().toBuilder()
            .compliance(ComplianceRequirements.builder().allowedJurisdictions(Set.of(Jurisdiction.EU)).build())
            .build();

    Decision d = scheduler(offers()).schedule(w);

    assertThat(d.candidate().orElseThrow().region()).isEqualTo(GCP_BELGIUM);
    Explanation e = d.explanation();
    assertThat(e.considered()).isEqualTo(7);
    assertThat(e.feasible()).isEqualTo(3);
    assertThat(e.rejections())
        .contains(new Explanation.Rejection("region not in allowed jurisdiction EU", 3),
            new Explanation.Rejection("spot not allowed", 1));
    assertThat(e.rejectionSummary()).isEqualTo("3 region not in allowed jurisdiction EU; 1 spot not allowed");
  }

  @Test
  void schedule_spotAllowedWithinRisk_choosesSpotAndExplainsSurcharge() {
    Workload w =
        web().toBuilder()
            .cost(CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(0.10).build())
            .build();

    Decision d = scheduler(offers()).schedule(w);

    Candidate c = d.candidate().orElseThrow();
    assertThat(c.purchaseOption()).isEqualTo(PurchaseOption.SPOT);
    assertThat(c.region()).isEqualTo(AWS_FRANKFURT);
    assertThat(d.prediction().orElseThrow().expectedHourlyCost()).isCloseTo(
        0.040 * 1.08, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(d.explanation().rejections()).contains(new Explanation.Rejection("interruption rate above max 10.0%", 1));
    assertThat(d.explanation().notes()).anySatisfy(n -> assertThat(n).startsWith("spot: interruption rate 8.0%"));
  }

  @Test
  void schedule_spotAboveRisk_fallsBackToOnDemand() {
    Workload w =
        web().toBuilder()
            .cost(CostConstraints.builder().spotAllowed(true).maxInterruptionProbability(0.05).build())
            .build();

    Decision d = scheduler(offers()).schedule(w);

    assertThat(d.candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
    assertThat(d.explanation().notes())
        .contains("spot allowed, but no spot offer passed the filters: falls back to ON_DEMAND");
  }

  @Test
  void schedule_runningVmWithFreeCapacity_preferredAndCostsNothing() {
    var running = vm("i-123", AWS_BIG, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, ResourceDemand.of(4, 16));
    var reserved = vm("i-456", AWS_BIG, AWS_VIRGINIA, PurchaseOption.RESERVED_1Y, ResourceDemand.of(4, 16));
    CostAwareScheduler s =
        CostAwareScheduler.builder()
            .pricing(new Fixtures.StaticPricing(offers()))
            .inventory(Fixtures.inventory(List.of(running, reserved)))
            .build();

    Decision d = s.schedule(web());

    assertThat(d.candidate().orElseThrow().kind()).isEqualTo(Candidate.Kind.RUNNING_VM);
    assertThat(d.candidate().orElseThrow().id()).isEqualTo("i-456");
    assertThat(d.hourlyCost().orElseThrow().isSameAs(Money.of("0", "USD"))).isTrue();
    assertThat(d.explanation().notes().get(0)).contains("running machine i-456").contains("already-paid");
  }

  @Test
  void schedule_runningVmTooFull_countedAsInsufficientMemory() {
    var full = vm("i-full", AWS_BIG, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, ResourceDemand.of(2, 30));
    CostAwareScheduler s =
        CostAwareScheduler.builder()
            .pricing(new Fixtures.StaticPricing(offers()))
            .inventory(Fixtures.inventory(List.of(full)))
            .build();

    Decision d = s.schedule(web());

    assertThat(d.candidate().orElseThrow().isRunning()).isFalse();
    assertThat(d.explanation().rejections()).contains(new Explanation.Rejection("insufficient memory", 1));
  }

  @Test
  void schedule_maxHourlyCostBelowEveryPrice_unschedulableWithReasons() {
    Workload w =
        web().toBuilder().cost(CostConstraints.builder().maxHourlyCost(Money.of("0.05", "USD")).build()).build();

    Decision d = scheduler(offers()).schedule(w);

    assertThat(d.isPlaced()).isFalse();
    assertThat(d.candidate()).isEmpty();
    assertThat(d.reasons()).containsExactly("5 hourly cost above max 0.05 USD", "2 spot not allowed");
    assertThat(d.explanation().feasible()).isZero();
  }

  @Test
  void schedule_emptyCandidateSet_unschedulableWithReason() {
    Decision d = scheduler(List.of()).schedule(web());

    assertThat(d.isPlaced()).isFalse();
    assertThat(d.reasons()).singleElement().asString().startsWith("no candidates");
    assertThat(d.explanation().considered()).isZero();
  }

  @Test
  void schedule_tooBigForEveryType_unschedulableCountsCapacityReasons() {
    Workload w = Workload.builder("huge").demand(ResourceDemand.of(64, 512)).build();

    Decision d = scheduler(offers()).schedule(w);

    assertThat(d.isPlaced()).isFalse();
    assertThat(d.explanation().rejections()).containsExactly(
        new Explanation.Rejection("insufficient vCPU", 5), new Explanation.Rejection("spot not allowed", 2));
  }

  @Test
  void schedule_deniedProviderAndCertification_respected() {
    Workload w =
        web().toBuilder()
            .compliance(ComplianceRequirements.builder()
                .deniedProviders(Set.of(CloudProvider.AZURE))
                .requiredCertifications(Set.of("HIPAA"))
                .build())
            .build();

    Decision d = scheduler(offers()).schedule(w);

    assertThat(d.candidate().orElseThrow().region().certifications()).contains("HIPAA");
    assertThat(d.candidate().orElseThrow().region().provider()).isNotEqualTo(CloudProvider.AZURE);
    assertThat(d.explanation().rejections())
        .contains(new Explanation.Rejection("provider azure denied", 1),
            new Explanation.Rejection("region lacks certification HIPAA", 1));
  }

  @Test
  void schedule_commitmentsNotAllowed_skipsReservedOffer() {
    List<Offer> withReserved = new ArrayList<>(offers());
    withReserved.add(offer(AWS_SMALL, AWS_VIRGINIA, PurchaseOption.RESERVED_1Y, "0.060"));
    Workload noCommit =
        web().toBuilder().cost(CostConstraints.builder().commitmentsAllowed(false).build()).build();

    CostAwareScheduler s = scheduler(withReserved);
    Workload allowed =
        web().toBuilder().cost(CostConstraints.builder().commitmentsAllowed(true).build()).build();

    assertThat(s.schedule(allowed).candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.RESERVED_1Y);
    Decision d = s.schedule(noCommit);
    assertThat(d.candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
    assertThat(d.explanation().rejections()).contains(new Explanation.Rejection("commitments not allowed", 1));
  }

  @Test
  void schedule_shortJob_neverBuysACommitmentThatOutlastsIt() {
    List<Offer> withReserved = new ArrayList<>(offers());
    withReserved.add(offer(AWS_SMALL, AWS_VIRGINIA, PurchaseOption.RESERVED_1Y, "0.060"));
    Workload sixHours = web().toBuilder().expectedDuration(Duration.ofHours(6)).build();
    Workload twoYears = web().toBuilder().expectedDuration(Duration.ofDays(730)).build();

    CostAwareScheduler s = scheduler(withReserved);

    Decision d = s.schedule(sixHours);
    assertThat(d.candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
    assertThat(d.explanation().rejections())
        .contains(new Explanation.Rejection("commitment term longer than expected duration PT6H", 1));
    assertThat(s.schedule(twoYears).candidate().orElseThrow().purchaseOption())
        .isEqualTo(PurchaseOption.RESERVED_1Y);
  }

  @Test
  void schedule_hostFilterPlugin_runsAfterBuiltInsAndIsCounted() {
    CostAwareScheduler s =
        CostAwareScheduler.builder()
            .pricing(new Fixtures.StaticPricing(offers()))
            .filter(new io.stratus.scheduler.FilterPlugin() {
              @Override
              public Optional<String> filter(Workload workload, Candidate candidate) {
                return candidate.region().provider().equals(CloudProvider.AZURE)
                    ? Optional.of("no Azure contract") : Optional.empty();
              }

              @Override
              public String name() {
                return "contracts";
              }
            })
            .build();

    Decision d = s.schedule(web());

    assertThat(d.candidate().orElseThrow().id()).isEqualTo("aws:us-east-1:m5.large:ON_DEMAND");
    assertThat(d.explanation().rejections()).contains(new Explanation.Rejection("contracts: no Azure contract", 1));
  }

  @Test
  void schedule_pricesCachedUntilRefresh_thenReloaded() {
    Fixtures.StaticPricing pricing = new Fixtures.StaticPricing(offers());
    io.stratus.testkit.ControllableClock clock = io.stratus.testkit.ControllableClock.at(Fixtures.T0);
    CostAwareScheduler s =
        CostAwareScheduler.builder()
            .pricing(pricing)
            .clock(clock)
            .cacheTtl(Duration.ofMinutes(10))
            .refreshAfter(Duration.ofMinutes(2))
            .build();
    s.schedule(web());
    List<Offer> cheaper = new ArrayList<>(offers());
    cheaper.add(offer(AWS_BIG, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, "0.010"));
    pricing.offers.set(cheaper);

    clock.advance(Duration.ofMinutes(1));
    assertThat(s.schedule(web()).hourlyCost().orElseThrow()).isEqualTo(Money.of("0.090", "USD"));
    assertThat(pricing.reads.get()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(2));
    s.schedule(web());
    assertThat(s.schedule(web()).hourlyCost().orElseThrow()).isEqualTo(Money.of("0.010", "USD"));
    assertThat(pricing.reads.get()).isEqualTo(2);
  }

  @Test
  void schedule_providerFails_throwsProviderExceptionNamingIt() {
    Fixtures.StaticPricing failing = new Fixtures.StaticPricing(offers()) {
      @Override
      public List<Offer> offers(OfferQuery query) {
        throw new IllegalStateException("price API down");
      }
    };
    CostAwareScheduler s = CostAwareScheduler.builder().pricing(failing).build();

    assertThatThrownBy(() -> s.schedule(web()))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("'static'")
        .hasMessageContaining("price API down");
  }

  @Test
  void builder_noPricing_invalidConfigurationSaysHowToFix() {
    assertThatThrownBy(() -> CostAwareScheduler.builder().build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("pricing(");
  }

  @Test
  void builder_refreshNotShorterThanTtl_rejected() {
    assertThatThrownBy(() -> CostAwareScheduler.builder()
            .pricing(new Fixtures.StaticPricing(offers()))
            .cacheTtl(Duration.ofMinutes(1))
            .refreshAfter(Duration.ofMinutes(1))
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refreshAfter");
    assertThatThrownBy(() -> CostAwareScheduler.builder().cacheTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheTtl must be > 0");
  }

  @Test
  void placeAll_duplicateWorkloadIds_rejected() {
    CostAwareScheduler s = scheduler(offers());

    assertThatThrownBy(() -> s.placeAll(List.of(web(), web())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'web-1' appears more than once");
  }

  @Test
  void placeAll_packsSmallWorkloadsOntoSharedInstances_totalIsSumOfNewInstances() {
    List<Workload> ws = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ws.add(Workload.builder("w" + i).demand(ResourceDemand.of(1, 4)).build());
    }
    ws.add(Workload.builder("too-big").demand(ResourceDemand.of(100, 4)).build());

    PlacementPlan plan = scheduler(offers()).placeAll(ws);

    assertThat(plan.placedCount()).isEqualTo(4);
    assertThat(plan.newInstances()).hasSize(2);
    assertThat(plan.totalHourlyCost()).isEqualTo(Money.of("0.180", "USD"));
    assertThat(plan.unschedulable()).singleElement().satisfies(d -> {
      assertThat(d.workloadId()).isEqualTo("too-big");
      assertThat(d.reasons()).containsExactly("5 insufficient vCPU", "2 spot not allowed");
    });
  }

  @Test
  void placeAll_runningCapacityUsedFirst_thenNewInstances() {
    var running = vm("i-1", AWS_BIG, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, ResourceDemand.of(6, 24));
    CostAwareScheduler s =
        CostAwareScheduler.builder()
            .pricing(new Fixtures.StaticPricing(offers()))
            .inventory(Fixtures.inventory(List.of(running)))
            .build();
    List<Workload> ws = List.of(
        Workload.builder("a").demand(ResourceDemand.of(1, 4)).build(),
        Workload.builder("b").demand(ResourceDemand.of(1, 4)).build(),
        Workload.builder("c").demand(ResourceDemand.of(1, 4)).build());

    PlacementPlan plan = s.placeAll(ws);

    assertThat(plan.assignments()).filteredOn(a -> a.targetId().equals("i-1")).hasSize(2);
    assertThat(plan.newInstances()).singleElement().satisfies(n -> assertThat(n.workloadIds()).hasSize(1));
    assertThat(plan.totalHourlyCost()).isEqualTo(Money.of("0.090", "USD"));
  }

  @Test
  void placeAll_explanations_nameRejectionsAndWhyPackedOrAlone() {
    InstanceType tiny = type(CloudProvider.AWS, "t3.micro", 1, 2);
    List<Offer> offers = List.of(
        offer(tiny, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, "0.050"),
        offer(AWS_SMALL, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, "0.100"),
        offer(AWS_BIG, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, "0.150"));
    List<Workload> ws = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ws.add(Workload.builder("w" + i).demand(ResourceDemand.of(2, 8)).build());
    }

    PlacementPlan plan = scheduler(offers).placeAll(ws);

    // four on one m5.2xlarge ($0.15) and one alone on an m5.large ($0.10): cheaper than five m5.large
    assertThat(plan.totalHourlyCost()).isEqualTo(Money.of("0.250", "USD"));
    List<String> packed = new ArrayList<>();
    List<String> alone = new ArrayList<>();
    for (PlacementPlan.Assignment a : plan.assignments()) {
      Decision d = plan.decision(a.workloadId()).orElseThrow();
      Explanation e = plan.explanation(a.workloadId()).orElseThrow();
      assertThat(d.explanation()).isEqualTo(e);
      assertThat(d.candidate()).contains(a.candidate());
      assertThat(e.considered()).isEqualTo(3);
      assertThat(e.feasible()).isEqualTo(2);
      assertThat(e.rejectionSummary()).isEqualTo("1 insufficient vCPU");
      assertThat(e.scores()).singleElement().satisfies(sc -> assertThat(sc.plugin()).isEqualTo("cost"));
      String why = e.notes().get(0);
      if (a.candidate().instanceType().equals(AWS_BIG)) {
        packed.add(a.workloadId());
        assertThat(why).startsWith("batch placement: packed with 3 other workloads on aws:m5.2xlarge in aws:us-east-1 (ON_DEMAND)")
            .contains("0.1500 USD/h expected for the instance, shared (its share of the price 0.037500 USD/h), vs"
                + " 0.1000 USD/h expected alone on its cheapest"
                + " feasible offer aws:m5.large in aws:us-east-1 (ON_DEMAND)");
        assertThat(d.hourlyCost()).contains(Money.of("0.037500", "USD"));
      } else {
        alone.add(a.workloadId());
        assertThat(why).startsWith("batch placement: alone on its cheapest feasible offer aws:m5.large")
            .contains("at 0.1000 USD/h");
        assertThat(d.hourlyCost()).contains(Money.of("0.100000", "USD"));
      }
    }
    assertThat(packed).hasSize(4);
    assertThat(alone).hasSize(1);
    assertThat(plan.explanation("nobody")).isEmpty();
  }

  @Test
  void placeAll_explanations_runningMachineAndUnschedulable() {
    var running = vm("i-1", AWS_BIG, AWS_VIRGINIA, PurchaseOption.ON_DEMAND, ResourceDemand.of(6, 24));
    CostAwareScheduler s =
        CostAwareScheduler.builder()
            .pricing(new Fixtures.StaticPricing(offers()))
            .inventory(Fixtures.inventory(List.of(running)))
            .build();
    List<Workload> ws = List.of(
        Workload.builder("a").demand(ResourceDemand.of(1, 4)).build(),
        Workload.builder("b").demand(ResourceDemand.of(1, 4)).build(),
        Workload.builder("too-big").demand(ResourceDemand.of(100, 4)).build());

    PlacementPlan plan = s.placeAll(ws);

    for (String id : List.of("a", "b")) {
      Decision d = plan.decision(id).orElseThrow();
      assertThat(d.candidate().orElseThrow().id()).isEqualTo("i-1");
      assertThat(d.hourlyCost()).contains(Money.zero(Money.USD));
      assertThat(d.explanation().notes().get(0)).isEqualTo(
          "batch placement: on running machine i-1 with spare capacity, shared with 1 other workload of the plan:"
              + " adds no hourly cost");
    }
    Decision single = s.schedule(ws.get(2));
    assertThat(plan.explanation("too-big")).contains(single.explanation());
  }
}
