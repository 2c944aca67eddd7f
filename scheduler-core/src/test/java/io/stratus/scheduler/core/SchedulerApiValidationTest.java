package io.stratus.scheduler.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.CloudProvider;
import io.stratus.model.Money;
import io.stratus.model.PurchaseOption;
import io.stratus.model.ResourceDemand;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.Decision;
import io.stratus.scheduler.Explanation;
import io.stratus.scheduler.PlacementPlan;
import io.stratus.scheduler.Prediction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input to the scheduler API's values fails fast, naming the field, the value and the rule. */
class SchedulerApiValidationTest {
  private static final Candidate SMALL = Candidate.newInstance(Fixtures.offer(
      Fixtures.type(CloudProvider.AWS, "m5.large", 2, 8), Fixtures.AWS_FRANKFURT, PurchaseOption.ON_DEMAND, "0.1"));
  private static final Explanation EMPTY = new Explanation(0, 0, List.of(), List.of(), List.of());

  @Test
  void candidate_interruptionOnNonSpot_rejected() {
    assertThatThrownBy(() -> new Candidate(Candidate.Kind.NEW_INSTANCE, "x", SMALL.instanceType(), SMALL.region(),
            PurchaseOption.ON_DEMAND, SMALL.capacity(), SMALL.hourlyPrice(), SMALL.hourlyPrice(), 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interruptionRate must be 0 for ON_DEMAND, got 0.2");
  }

  @Test
  void candidate_negativeOrNaNFigures_rejected() {
    assertThatThrownBy(() -> new Candidate(Candidate.Kind.NEW_INSTANCE, "x", SMALL.instanceType(), SMALL.region(),
            PurchaseOption.SPOT, SMALL.capacity(), Money.of("-1", "USD"), Money.of("-1", "USD"), 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1 USD");
    assertThatThrownBy(() -> new Candidate(Candidate.Kind.NEW_INSTANCE, "x", SMALL.instanceType(), SMALL.region(),
            PurchaseOption.SPOT, SMALL.capacity(), SMALL.hourlyPrice(), SMALL.hourlyPrice(), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }

  @Test
  void explanation_countsThatDoNotAddUp_rejected() {
    assertThatThrownBy(() -> new Explanation(10, 4, List.of(), List.of(new Explanation.Rejection("x", 5)), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("considered 10 - feasible 4 != 5");
    assertThatThrownBy(() -> new Explanation.Score("cost", Double.NaN, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight must be finite");
  }

  @Test
  void explanation_rejectionSummary_groupsThousands() {
    Explanation e = new Explanation(1515, 0, List.of(),
        List.of(new Explanation.Rejection("region not in allowed jurisdiction EU", 311),
            new Explanation.Rejection("insufficient memory", 1204)), List.of());

    assertThat(e.rejectionSummary()).isEqualTo("1,204 insufficient memory; 311 region not in allowed jurisdiction EU");
  }

  @Test
  void decision_unschedulableWithoutReason_rejected() {
    assertThatThrownBy(() -> Decision.unschedulable("w", List.of(), EMPTY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reasons must not be empty");
  }

  @Test
  void placementPlan_overCapacityOrWrongTotal_rejected() {
    PlacementPlan.NewInstance one = new PlacementPlan.NewInstance("new-1", SMALL, List.of("a", "b"));
    List<PlacementPlan.Assignment> tooMuch = List.of(
        new PlacementPlan.Assignment("a", "new-1", SMALL, ResourceDemand.of(2, 4)),
        new PlacementPlan.Assignment("b", "new-1", SMALL, ResourceDemand.of(1, 4)));
    assertThatThrownBy(() -> PlacementPlan.of(tooMuch, List.of(one), List.of(), Money.USD, 0, "test"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the capacity");

    List<PlacementPlan.Assignment> fits = List.of(
        new PlacementPlan.Assignment("a", "new-1", SMALL, ResourceDemand.of(1, 4)),
        new PlacementPlan.Assignment("b", "new-1", SMALL, ResourceDemand.of(1, 4)));
    assertThat(PlacementPlan.of(fits, List.of(one), List.of(), Money.USD, 0, "test").totalHourlyCost())
        .isEqualTo(Money.of("0.1", "USD"));
    assertThatThrownBy(() -> new PlacementPlan(fits, List.of(one), List.of(), Money.of("0.2", "USD"), 0, "test"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must equal the sum");
  }

  @Test
  void placementPlan_decisionsMissingForeignOrOnAnotherTarget_rejected() {
    PlacementPlan.NewInstance one = new PlacementPlan.NewInstance("new-1", SMALL, List.of("a", "b"));
    List<PlacementPlan.Assignment> fits = List.of(
        new PlacementPlan.Assignment("a", "new-1", SMALL, ResourceDemand.of(1, 4)),
        new PlacementPlan.Assignment("b", "new-1", SMALL, ResourceDemand.of(1, 4)));
    Prediction p = new Prediction(0.1, 1, false, 0, true, 0, false);
    Decision a = Decision.placed("a", SMALL, Money.of("0.05", "USD"), p, EMPTY);
    Decision b = Decision.placed("b", SMALL, Money.of("0.05", "USD"), p, EMPTY);
    Candidate other = Candidate.newInstance(Fixtures.offer(
        CostAwareSchedulerTest.AWS_BIG, Fixtures.AWS_VIRGINIA, PurchaseOption.ON_DEMAND, "0.4"));

    assertThatThrownBy(() -> PlacementPlan.of(fits, List.of(one), List.of(), Map.of("a", a), Money.USD, 0, "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no decision for assigned workload 'b'");
    Decision stranger = Decision.placed("c", SMALL, Money.of("0.05", "USD"), p, EMPTY);
    assertThatThrownBy(() -> PlacementPlan.of(
            fits, List.of(one), List.of(), Map.of("a", a, "b", b, "c", stranger), Money.USD, 0, "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decision for 'c', which is not assigned");
    Decision elsewhere = Decision.placed("b", other, Money.of("0.4", "USD"), p, EMPTY);
    assertThatThrownBy(() -> PlacementPlan.of(
            fits, List.of(one), List.of(), Map.of("a", a, "b", elsewhere), Money.USD, 0, "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but the assignment targets");

    PlacementPlan plan = PlacementPlan.of(fits, List.of(one), List.of(), Map.of("a", a, "b", b), Money.USD, 0, "t");
    assertThat(plan.decision("b")).contains(b);
    assertThat(plan.explanation("a")).contains(EMPTY);
    assertThat(plan.explanation("c")).isEmpty();
    assertThat(PlacementPlan.of(fits, List.of(one), List.of(), Money.USD, 0, "t").explanation("a")).isEmpty();
  }
}
