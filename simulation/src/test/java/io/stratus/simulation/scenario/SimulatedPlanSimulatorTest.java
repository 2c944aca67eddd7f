package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.stratus.model.CostConstraints;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import io.stratus.model.Workload;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.scheduler.core.CostAwareScheduler;
import io.stratus.spi.OfferQuery;
import io.stratus.spi.PlanSimulator;
import io.stratus.spi.ProviderRegistry;
import io.stratus.spi.WhatIfReport;
import io.stratus.spi.WhatIfRequest;
import io.stratus.testkit.PlanSimulatorCompatibilityKit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedPlanSimulatorTest {
  private static final BundledCatalog CATALOG = new BundledCatalog();
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  static Offer offer(String type, PurchaseOption option) {
    return CATALOG.offers(OfferQuery.all().withRegionIds(List.of("aws:us-east-1"))
        .withInstanceTypeIds(List.of(type)).withPurchaseOptions(List.of(option))).get(0);
  }

  static PlacementPlan plan(Offer o, int n) {
    List<PlacementPlan.NewInstance> ni = new ArrayList<>();
    List<PlacementPlan.Assignment> as = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Candidate c = Candidate.newInstance(o);
      ni.add(new PlacementPlan.NewInstance("i" + i, c, List.of("w" + i)));
      as.add(new PlacementPlan.Assignment("w" + i, "i" + i, c, ResourceDemand.of(1, 1)));
    }
    return PlacementPlan.of(as, ni, List.of(), Money.USD, 0, "test");
  }

  private static VirtualMachine runningVm(String id, Offer o) {
    return VirtualMachine.builder(id).instanceType(o.instanceType()).region(o.region())
        .purchaseOption(o.purchaseOption()).hourlyPrice(o.hourlyPrice()).launchedAt(T0.minusSeconds(86_400))
        .labels(Map.of("team", "web")).build();
  }

  @Nested
  class Kit extends PlanSimulatorCompatibilityKit {
    @Override
    protected PlanSimulator createSimulator() {
      return SimulatedPlanSimulator.of(CATALOG);
    }

    @Override
    protected PlacementPlan samplePlan() {
      return plan(offer("aws:m5.large", PurchaseOption.SPOT), 2);
    }
  }

  @Test
  void serviceLoader_findsSimulatedPlanSimulator() {
    ProviderRegistry<PlanSimulator> registry = ProviderRegistry.load(PlanSimulator.class);
    assertThat(registry.require("simulated")).isInstanceOf(SimulatedPlanSimulator.class);
    assertThat(registry.single().id()).isEqualTo("simulated");
  }

  @Test
  void simulate_spotPlanOfRealScheduler_cheaperThanOnDemandBaselineButExposed() {
    CostAwareScheduler scheduler = CostAwareScheduler.builder().pricing(CATALOG)
        .offerQuery(OfferQuery.all().withRegionIds(List.of("aws:us-east-1", "aws:us-west-2"))
            .withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND, PurchaseOption.SPOT))).build();
    List<Workload> ws = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ws.add(Workload.builder("w" + i).demand(ResourceDemand.of(2, 4))
          .cost(CostConstraints.builder().spotAllowed(true).build()).build());
    }
    PlacementPlan plan = scheduler.placeAll(ws);
    assertThat(plan.newInstances()).isNotEmpty();
    assertThat(plan.newInstances()).allMatch(n -> n.candidate().purchaseOption() == PurchaseOption.SPOT);
    PlanSimulator sim = ProviderRegistry.load(PlanSimulator.class).require("simulated");
    WhatIfRequest req = WhatIfRequest.builder(plan, T0).horizon(Duration.ofDays(3)).replications(4).seed(3)
        .assumptions(new WhatIfRequest.Assumptions(1e-4, 20, 0.01, 0, Duration.ofHours(2))).build();

    WhatIfReport report = sim.simulate(req, Runnable::run);

    assertThat(report.baselineMethod()).isEqualTo("on-demand copy of the plan");
    assertThat(report.proposedVsBaseline().expectedCost().upper()).as("spot saves money").isNegative();
    assertThat(report.proposed().interruptionExposure().mean())
        .isGreaterThan(report.baseline().interruptionExposure().mean());
    assertThat(report.proposed().sloRisk().mean()).isGreaterThan(report.baseline().sloRisk().mean());
  }

  @Test
  void simulate_noRisk_onDemandCostIsPriceTimesRunningTime() {
    Offer od = offer("aws:m5.large", PurchaseOption.ON_DEMAND);
    VirtualMachine a = runningVm("a", od);
    VirtualMachine b = runningVm("b", od);
    WhatIfRequest req = WhatIfRequest.builder(plan(od, 3), T0).currentFleet(List.of(a, b))
        .horizon(Duration.ofDays(2)).replications(2).assumptions(WhatIfRequest.Assumptions.none()).build();

    WhatIfReport r = SimulatedPlanSimulator.of(CATALOG).simulate(req, Runnable::run);

    double price = od.hourlyPrice().amount().doubleValue();
    assertThat(r.proposed().expectedCost().mean()).isCloseTo(3 * (48 - 40.0 / 3600) * price, within(1e-6));
    assertThat(r.current().expectedCost().mean()).isCloseTo(2 * 48 * price, within(1e-6));
    assertThat(r.current().sloRisk()).isEqualTo(WhatIfReport.Interval.exactly(0));
    assertThat(r.proposed().sloRisk().mean()).isCloseTo(40.0 / (48 * 3600), within(1e-9));
    assertThat(r.proposedVsCurrent().expectedCost().mean()).isCloseTo((3 * (48 - 40.0 / 3600) - 96) * price,
        within(1e-6));
    assertThat(r.proposedVsBaseline().expectedCost()).isEqualTo(WhatIfReport.Interval.exactly(0));
  }

  @Test
  void simulate_planUsingRunningMachine_countsItAsRunning() {
    Offer od = offer("aws:m5.large", PurchaseOption.ON_DEMAND);
    VirtualMachine vm = runningVm("vm-1", od);
    Candidate onVm = Candidate.onRunningVm(vm, 0);
    PlacementPlan plan = PlacementPlan.of(
        List.of(new PlacementPlan.Assignment("w", "vm-1", onVm, ResourceDemand.of(1, 1))), List.of(), List.of(),
        Money.USD, 0, "reuse");
    WhatIfRequest req = WhatIfRequest.builder(plan, T0).currentFleet(List.of(vm, runningVm("vm-2", od)))
        .horizon(Duration.ofDays(1)).replications(2).assumptions(WhatIfRequest.Assumptions.none()).build();

    WhatIfReport r = SimulatedPlanSimulator.of(CATALOG).simulate(req, Runnable::run);

    double price = od.hourlyPrice().amount().doubleValue();
    assertThat(r.proposed().expectedCost().mean()).isCloseTo(24 * price, within(1e-6));
    assertThat(r.current().expectedCost().mean()).isCloseTo(48 * price, within(1e-6));
    assertThat(r.proposedVsCurrent().expectedCost().mean()).isCloseTo(-24 * price, within(1e-6));
  }

  @Test
  void simulate_givenBaselinePlan_isUsed() {
    Offer small = offer("aws:m5.large", PurchaseOption.ON_DEMAND);
    Offer big = offer("aws:m5.xlarge", PurchaseOption.ON_DEMAND);
    WhatIfRequest req = WhatIfRequest.builder(plan(small, 1), T0).baseline(plan(big, 1))
        .horizon(Duration.ofDays(1)).replications(2).assumptions(WhatIfRequest.Assumptions.none()).build();

    WhatIfReport r = SimulatedPlanSimulator.of(CATALOG).simulate(req, Runnable::run);

    assertThat(r.baselineMethod()).isEqualTo("test");
    assertThat(r.proposedVsBaseline().expectedCost().mean()).isNegative();
  }

  @Test
  void simulate_offerNotInCatalog_isRejectedNamingIt() {
    // committed-use discounts are GCP's; the catalog sells none for AWS
    Offer od = offer("aws:m5.large", PurchaseOption.ON_DEMAND);
    Offer unlisted = new Offer(od.instanceType(), od.region(), PurchaseOption.COMMITMENT_3Y, od.hourlyPrice(), 0,
        od.observedAt());
    assertThat(CATALOG.offers(OfferQuery.all().withInstanceTypeIds(List.of("aws:m5.large"))
        .withRegionIds(List.of("aws:us-east-1")).withPurchaseOptions(List.of(PurchaseOption.COMMITMENT_3Y))))
        .as("precondition: the catalog has no such offer").isEmpty();
    WhatIfRequest req = WhatIfRequest.builder(plan(unlisted, 1), T0).replications(2).build();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> SimulatedPlanSimulator.of(CATALOG).simulate(req, Runnable::run))
        .withMessageContaining("aws:m5.large")
        .withMessageContaining("no offer");
  }
}
