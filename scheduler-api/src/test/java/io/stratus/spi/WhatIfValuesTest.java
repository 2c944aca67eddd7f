package io.stratus.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.GoldenJson;
import io.stratus.model.Architecture;
import io.stratus.model.CloudProvider;
import io.stratus.model.GeoPoint;
import io.stratus.model.InstanceType;
import io.stratus.model.Jurisdiction;
import io.stratus.model.Money;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.model.Region;
import io.stratus.model.ResourceDemand;
import io.stratus.model.VirtualMachine;
import io.stratus.scheduler.Candidate;
import io.stratus.scheduler.PlacementPlan;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The what-if SPI values: validation, and a JSON round trip against the golden files in {@code
 * src/test/resources/golden/} (refresh with {@code -Dstratus.golden.update=true} and review the diff).
 */
class WhatIfValuesTest {
  private static final ObjectMapper MAPPER = GoldenJson.MAPPER;
  private static final Instant T0 = Instant.parse("2026-07-20T00:00:00Z");

  private static final Region VIRGINIA = new Region(CloudProvider.AWS, "us-east-1", "US East (N. Virginia)", "US",
      Set.of(Jurisdiction.US), List.of("us-east-1a"), new GeoPoint(39.04, -77.49), Set.of());
  private static final InstanceType M5 =
      new InstanceType(CloudProvider.AWS, "m5.large", "m5", 2, 8, 0, "", Architecture.X86_64, 10);

  static VirtualMachine vm(String id) {
    return VirtualMachine.builder(id).instanceType(M5).region(VIRGINIA).zone("us-east-1a")
        .purchaseOption(PurchaseOption.ON_DEMAND).hourlyPrice(Money.usd(0.096)).launchedAt(T0.minusSeconds(3600))
        .labels(Map.of("team", "web")).build();
  }

  static PlacementPlan plan() {
    Candidate spot = Candidate.newInstance(
        new Offer(M5, VIRGINIA, PurchaseOption.SPOT, Money.of("0.0350", "USD"), 0.05, T0));
    Candidate running = Candidate.onRunningVm(vm("vm-1"), 0);
    return PlacementPlan.of(
        List.of(new PlacementPlan.Assignment("w1", "new-1", spot, ResourceDemand.of(1, 2)),
            new PlacementPlan.Assignment("w2", "vm-1", running, ResourceDemand.of(1, 2))),
        List.of(new PlacementPlan.NewInstance("new-1", spot, List.of("w1"))), List.of(), Money.USD, 7, "test");
  }

  static WhatIfRequest request() {
    return WhatIfRequest.builder(plan(), T0).currentFleet(List.of(vm("vm-1"), vm("vm-2")))
        .horizon(Duration.ofDays(3)).replications(8).seed(42).confidenceLevel(0.9)
        .assumptions(new WhatIfRequest.Assumptions(1e-4, 2, 0.01, 0.001, Duration.ofMinutes(30))).build();
  }

  static WhatIfReport report() {
    WhatIfReport.Estimate e = new WhatIfReport.Estimate(new WhatIfReport.Interval(12.5, 11, 14),
        new WhatIfReport.Interval(0.01, 0.005, 0.015), new WhatIfReport.Interval(1.5, 0.5, 2.5));
    WhatIfReport.Estimate zero = new WhatIfReport.Estimate(WhatIfReport.Interval.exactly(0),
        WhatIfReport.Interval.exactly(0), WhatIfReport.Interval.exactly(0));
    WhatIfReport.Estimate delta = new WhatIfReport.Estimate(new WhatIfReport.Interval(-3.25, -4, -2.5),
        new WhatIfReport.Interval(0.01, 0.005, 0.015), new WhatIfReport.Interval(1.5, 0.5, 2.5));
    return new WhatIfReport(Currency.getInstance("USD"), Duration.ofDays(3), 8, 42, 0.9, e, zero, e,
        "on-demand copy of the plan", e, delta);
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("what-if-request", request()),
        Arguments.of("what-if-request-minimal", WhatIfRequest.builder(plan(), T0).currentFleet(List.of(vm("vm-1")))
            .build()),
        Arguments.of("what-if-report", report()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void roundTrip_whatIfValues_equalOriginalAndMatchGolden(String name, Object value) throws IOException {
    GoldenJson.assertRoundTrip(name, value);
  }

  @Test
  void request_omittedOptionalFieldsInJson_takeDefaults() throws IOException {
    ObjectNode node = (ObjectNode) MAPPER.valueToTree(request());
    node.remove(List.of("horizon", "replications", "seed", "confidenceLevel", "assumptions", "baseline"));

    WhatIfRequest back = MAPPER.treeToValue(node, WhatIfRequest.class);

    assertThat(back.horizon()).isEqualTo(Duration.ofDays(7));
    assertThat(back.replications()).isEqualTo(20);
    assertThat(back.confidenceLevel()).isEqualTo(0.95);
    assertThat(back.assumptions()).isEqualTo(WhatIfRequest.Assumptions.defaults());
    assertThat(back.baseline()).isEmpty();
  }

  @Test
  void request_badReplicationsInJson_isRejectedWithField() {
    ObjectNode node = (ObjectNode) MAPPER.valueToTree(request());
    node.put("replications", 1);
    assertThatThrownBy(() -> MAPPER.treeToValue(node, WhatIfRequest.class))
        .hasMessageContaining("whatIfRequest.replications");
  }

  @Test
  void request_planUsesMachineOutsideFleet_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WhatIfRequest.builder(plan(), T0).currentFleet(List.of(vm("vm-2"))).build())
        .withMessageContaining("'vm-1'")
        .withMessageContaining("whatIfRequest.currentFleet");
  }

  @Test
  void request_badValues_areRejectedNamingTheField() {
    WhatIfRequest.Builder b = WhatIfRequest.builder(plan(), T0);
    assertThatIllegalArgumentException().isThrownBy(() -> b.horizon(Duration.ZERO))
        .withMessageContaining("whatIfRequest.horizon");
    assertThatIllegalArgumentException().isThrownBy(() -> b.confidenceLevel(1))
        .withMessageContaining("whatIfRequest.confidenceLevel");
    assertThatIllegalArgumentException().isThrownBy(() -> b.currentFleet(List.of(vm("a"), vm("a"))))
        .withMessageContaining("'a' twice");
    assertThatNullPointerException().isThrownBy(() -> WhatIfRequest.builder(null, T0))
        .withMessageContaining("whatIfRequest.plan");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new WhatIfRequest.Assumptions(-1, 1, 0, 0, Duration.ofHours(1)))
        .withMessageContaining("assumptions.instanceFailuresPerHour");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new WhatIfRequest.Assumptions(0, Double.NaN, 0, 0, Duration.ofHours(1)))
        .withMessageContaining("assumptions.spotInterruptionMultiplier");
  }

  @Test
  void request_toBuilder_rebuildsEqualValue() {
    assertThat(request().toBuilder().build()).isEqualTo(request()).hasSameHashCodeAs(request());
    assertThat(request().toBuilder().seed(1).build()).isNotEqualTo(request());
  }

  @Test
  void interval_outOfOrderOrInfinite_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> new WhatIfReport.Interval(1, 2, 3))
        .withMessageContaining("lower <= mean <= upper");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new WhatIfReport.Interval(1, Double.NEGATIVE_INFINITY, 3))
        .withMessageContaining("finite");
    assertThat(new WhatIfReport.Interval(1, 0, 2).contains(2)).isTrue();
    assertThat(new WhatIfReport.Interval(1, 0, 2).contains(2.5)).isFalse();
  }

  @Test
  void report_badValues_areRejectedNamingTheField() {
    WhatIfReport r = report();
    assertThatIllegalArgumentException().isThrownBy(() -> new WhatIfReport(r.currency(), r.horizon(), 1, 0, 0.9,
            r.proposed(), r.current(), r.baseline(), "x", r.proposedVsCurrent(), r.proposedVsBaseline()))
        .withMessageContaining("whatIfReport.replications");
    assertThatNullPointerException().isThrownBy(() -> new WhatIfReport(r.currency(), r.horizon(), 2, 0, 0.9,
            null, r.current(), r.baseline(), "x", r.proposedVsCurrent(), r.proposedVsBaseline()))
        .withMessageContaining("whatIfReport.proposed");
  }
}
