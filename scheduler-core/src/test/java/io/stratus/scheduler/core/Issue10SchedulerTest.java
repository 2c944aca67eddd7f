package io.stratus.scheduler.core;

import static io.stratus.scheduler.core.Fixtures.AWS_FRANKFURT;
import static io.stratus.scheduler.core.Fixtures.AWS_VIRGINIA;
import static io.stratus.scheduler.core.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.InvalidConfigurationException;
import io.stratus.model.CostConstraints;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Workload;
import io.stratus.scheduler.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 10: no multi-year commitment by default, and duplicate price sources rejected. */
class Issue10SchedulerTest {
  /** 40 average months (365.25 / 12 days each). */
  private static final Duration FORTY_MONTHS = Duration.ofHours(40 * 730 + 20);

  private static CostAwareScheduler withThreeYearReservation() {
    List<Offer> offers = new ArrayList<>(CostAwareSchedulerTest.offers());
    offers.add(offer(CostAwareSchedulerTest.AWS_SMALL, AWS_VIRGINIA, PurchaseOption.RESERVED_3Y, "0.040"));
    offers.add(offer(CostAwareSchedulerTest.AWS_SMALL, AWS_FRANKFURT, PurchaseOption.COMMITMENT_1Y, "0.070"));
    return CostAwareSchedulerTest.scheduler(offers);
  }

  @Test
  void openEndedWorkload_byDefault_isNotPlacedOnACommitment_andTheExplanationSaysWhy() {
    Decision d = withThreeYearReservation().schedule(CostAwareSchedulerTest.web());

    assertThat(d.candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
    assertThat(d.explanation().rejections()).anySatisfy(r -> {
      assertThat(r.reason()).contains("commitments not allowed for an open-ended workload")
          .contains("commitmentsAllowed(true)");
      assertThat(r.count()).isEqualTo(2);
    });
  }

  @Test
  void expectedDurationCoveringTheTerm_takesTheCommitment_andTheNoteSaysWhy() {
    Workload fortyMonths = CostAwareSchedulerTest.web().toBuilder().expectedDuration(FORTY_MONTHS).build();

    Decision d = withThreeYearReservation().schedule(fortyMonths);

    assertThat(d.candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.RESERVED_3Y);
    assertThat(d.explanation().notes())
        .contains("RESERVED_3Y chosen: expected duration 40 months covers the 36-month term");
  }

  @Test
  void expectedDurationShorterThanTheTerm_takesOnlyTheShorterCommitment() {
    Workload twoYears = CostAwareSchedulerTest.web().toBuilder().expectedDuration(Duration.ofDays(731)).build();

    Decision d = withThreeYearReservation().schedule(twoYears);

    assertThat(d.candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.COMMITMENT_1Y);
    assertThat(d.explanation().rejections())
        .anySatisfy(r -> assertThat(r.reason()).startsWith("commitment term longer than expected duration"));
  }

  @Test
  void hostAllowsCommitments_openEndedWorkload_takesTheCheapest_andTheNoteSaysSo() {
    Workload allowed = CostAwareSchedulerTest.web().toBuilder()
        .cost(CostConstraints.builder().commitmentsAllowed(true).build()).build();

    Decision d = withThreeYearReservation().schedule(allowed);

    assertThat(d.candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.RESERVED_3Y);
    assertThat(d.explanation().notes())
        .contains("RESERVED_3Y chosen: commitments allowed by the host for this open-ended workload");
  }

  @Test
  void hostForbidsCommitments_evenALongWorkloadTakesNone() {
    Workload forbidden = CostAwareSchedulerTest.web().toBuilder().expectedDuration(FORTY_MONTHS)
        .cost(CostConstraints.builder().commitmentsAllowed(false).build()).build();

    Decision d = withThreeYearReservation().schedule(forbidden);

    assertThat(d.candidate().orElseThrow().purchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
    assertThat(d.explanation().rejections()).anySatisfy(r -> assertThat(r.reason()).isEqualTo("commitments not allowed"));
  }

  @Test
  void costConstraintsDefault_neitherAllowsNorForbidsCommitments() {
    assertThat(CostConstraints.none().commitmentsAllowed()).isFalse();
    assertThat(CostConstraints.none().commitmentsForbidden()).isFalse();
    assertThat(CostConstraints.builder().commitmentsAllowed(false).build().commitmentsForbidden()).isTrue();
  }

  @Test
  void twoPricingProvidersWithTheSameId_areRejectedNamingTheId() {
    Fixtures.StaticPricing a = new Fixtures.StaticPricing(CostAwareSchedulerTest.offers());
    Fixtures.StaticPricing b = new Fixtures.StaticPricing(CostAwareSchedulerTest.offers());

    assertThatThrownBy(() -> CostAwareScheduler.builder().pricing(a).pricing(b))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'" + a.id() + "'")
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> CostAwareScheduler.builder().pricing(List.of(a, b)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'" + a.id() + "'");
  }
}
