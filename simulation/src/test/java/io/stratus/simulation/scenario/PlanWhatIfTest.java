package io.stratus.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratus.model.CloudProvider;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.spi.OfferQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanWhatIfTest {
  private static final BundledCatalog CATALOG = new BundledCatalog();
  private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

  private static Offer offer(String type, PurchaseOption option) {
    return CATALOG.offers(OfferQuery.all().withRegionIds(List.of("aws:us-east-1"))
        .withInstanceTypeIds(List.of(type)).withPurchaseOptions(List.of(option))).get(0);
  }

  private static PlacementPlan plan(Offer o, int n) {
    List<PlacementPlan.NewInstance> ni = new java.util.ArrayList<>();
    List<PlacementPlan.Assignment> as = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      Candidate c = Candidate.newInstance(o);
      ni.add(new PlacementPlan.NewInstance("i" + i, c, List.of("w" + i)));
      as.add(new PlacementPlan.Assignment("w" + i, "i" + i, c, io.stratus.model.ResourceDemand.of(1, 1)));
    }
    return PlacementPlan.of(as, ni, List.of(), Money.USD, 0, "test");
  }

  @Test
  void evaluate_noRisk_onDemandCostIsPriceTimesRunningTime() {
    Offer od = offer("aws:m5.large", PurchaseOption.ON_DEMAND);
    PlanWhatIf.Risks none = new PlanWhatIf.Risks(0, 0, 0, 0, Duration.ofHours(1));
    PlanWhatIf.Outcome o = PlanWhatIf.create(CATALOG).evaluate(plan(od, 3), T0, Duration.ofDays(2), none, 2, 1,
        0.95, Runnable::run);
    double hours = 48 - 40.0 / 3600; // 40 s AWS provisioning
    assertThat(o.costUsd().mean()).isCloseTo(3 * hours * od.hourlyPrice().amount().doubleValue(), within(1e-6));
    assertThat(o.interruptions().mean()).isZero();
    assertThat(o.availability().mean()).isCloseTo(1 - 40.0 / (48 * 3600), within(1e-9));
  }

  @Test
  void evaluate_spotVsOnDemand_cheaperButInterrupted() {
    Offer od = offer("aws:m5.large", PurchaseOption.ON_DEMAND);
    Offer spot = offer("aws:m5.large", PurchaseOption.SPOT);
    PlanWhatIf.Risks risky = new PlanWhatIf.Risks(0.001, 30, 0.05, 0.01, Duration.ofHours(2));
    PlanWhatIf w = PlanWhatIf.create(CATALOG);
    PlanWhatIf.Outcome a = w.evaluate(plan(od, 5), T0, Duration.ofDays(7), risky, 4, 9, 0.95, Runnable::run);
    PlanWhatIf.Outcome b = w.evaluate(plan(spot, 5), T0, Duration.ofDays(7), risky, 4, 9, 0.95, Runnable::run);
    assertThat(b.costUsd().mean()).isLessThan(a.costUsd().mean());
    assertThat(b.interruptions().mean()).isGreaterThan(a.interruptions().mean());
    assertThat(b.availability().mean()).isLessThan(1);
    assertThat(a.availability().upper()).isGreaterThanOrEqualTo(a.availability().lower());
  }

  @Test
  void evaluate_emptyPlan_rejected() {
    PlacementPlan empty = PlacementPlan.of(List.of(), List.of(), List.of(), Money.USD, 0, "none");
    assertThatThrownBy(() -> PlanWhatIf.create(CATALOG).evaluate(empty, T0, Duration.ofDays(1),
            new PlanWhatIf.Risks(0, 0, 0, 0, Duration.ofHours(1)), 2, 1, 0.95, Runnable::run))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no new instance");
  }

  @Test
  void evaluate_sameSeed_sameOutcome() {
    Offer spot = offer("aws:m5.large", PurchaseOption.SPOT);
    PlanWhatIf.Risks risky = new PlanWhatIf.Risks(0.002, 10, 0.02, 0, Duration.ofHours(1));
    PlanWhatIf w = PlanWhatIf.create(CATALOG);
    assertThat(w.evaluate(plan(spot, 2), T0, Duration.ofDays(3), risky, 3, 5, 0.9, Runnable::run))
        .isEqualTo(w.evaluate(plan(spot, 2), T0, Duration.ofDays(3), risky, 3, 5, 0.9, Runnable::run));
    assertThat(CloudProvider.AWS.id()).isEqualTo("aws");
  }
}
