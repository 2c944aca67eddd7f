package io.stratus.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.anomaly.CostAnomaly;
import io.stratus.finops.anomaly.DimensionValue;
import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.finops.budget.BudgetStatus;
import io.stratus.finops.budget.Threshold;
import io.stratus.finops.query.Dimension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The payments team is over budget, its placement is held then placed after approval; the spike is explained. */
class BudgetControlSampleTest {
  private static BudgetControlSample.Result result;
  private static String report;

  @BeforeAll
  static void run() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = BudgetControlSample.run(out);
    }
    report = bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_paymentsIsOverBudget_searchIsNot() {
    BudgetStatus payments = result.statuses().stream().filter(s -> s.budget().id().equals("payments-monthly"))
        .findFirst().orElseThrow();
    assertThat(payments.actualPercent()).isGreaterThan(100);
    assertThat(payments.control()).isEqualTo(Threshold.Action.REQUIRE_APPROVAL);
    BudgetStatus search = result.statuses().stream().filter(s -> s.budget().id().equals("search-monthly"))
        .findFirst().orElseThrow();
    assertThat(search.control()).isNull();
  }

  @Test
  void run_placementIsHeldNamingTheBudget_thenPlacedAfterApproval() {
    assertThat(result.held().isPlaced()).isFalse();
    assertThat(result.held().explanation().rejectionSummary())
        .contains("held for approval under budget 'Payments monthly' (request apr-1)");
    assertThat(result.request().state()).isEqualTo(ApprovalRequest.State.APPROVED);
    assertThat(result.request().history()).hasSize(2);
    assertThat(result.placed().isPlaced()).isTrue();
    assertThat(report).contains("Approval needed: payments-worker under budget Payments monthly");
  }

  @Test
  void run_largestAnomalyIsTheSageMakerBurst_explainedBySearchMlAccount() {
    CostAnomaly a = result.anomaly();
    assertThat(a.start()).isEqualTo(BudgetControlSample.SPIKE);
    assertThat(a.direction()).isEqualTo(CostAnomaly.Direction.INCREASE);
    assertThat(a.impact().amount().doubleValue()).isBetween(700.0, 1100.0);
    assertThat(a.rootCauses().get(0).path()).containsExactly(
        new DimensionValue(Dimension.tag("team"), "search"),
        new DimensionValue(Dimension.SUB_ACCOUNT, "333333333333"),
        new DimensionValue(Dimension.SERVICE, "Amazon SageMaker"));
    assertThat(report).contains("root cause tag:team=search > SubAccountId=333333333333 > ServiceName=Amazon SageMaker");
  }
}
