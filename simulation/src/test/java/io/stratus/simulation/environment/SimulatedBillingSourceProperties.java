package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.CostRecord;
import io.stratus.model.CloudProvider;
import io.stratus.model.PurchaseOption;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class SimulatedBillingSourceProperties {
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  @Property(tries = 300)
  void allRecords_anyRunAcrossMonths_partsAddUpExactlyAndStayInTheirPeriod(
      @ForAll @LongRange(min = 0, max = 90L * 86_400_000) long startMillis,
      @ForAll @LongRange(min = 0, max = 120L * 86_400_000) long lengthMillis,
      @ForAll @LongRange(min = 1, max = 50_000_000) long costMicros) {
    Instant start = BASE.plusMillis(startMillis);
    Instant end = start.plusMillis(lengthMillis);
    double billedSeconds = Math.max(60, Math.ceil(lengthMillis / 1000.0));
    BigDecimal cost = BigDecimal.valueOf(costMicros, 6).setScale(10, RoundingMode.HALF_EVEN);
    UsageRecord u = new UsageRecord("vm-1", CloudProvider.AWS, "aws:us-east-1", "us-east-1a", "aws:m5.large",
        PurchaseOption.ON_DEMAND, Map.of("team", "t"), start, end, false, billedSeconds, cost, "terminated");

    List<CostRecord> records = SimulatedBillingSource.of("sim", () -> List.of(u)).allRecords();

    BigDecimal billed = records.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal hours = records.stream().map(CostRecord::pricingQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(billed).isEqualByComparingTo(cost);
    assertThat(hours).isEqualByComparingTo(BigDecimal.valueOf(billedSeconds)
        .divide(BigDecimal.valueOf(3600), 10, RoundingMode.HALF_EVEN));
    assertThat(records).allSatisfy(r -> {
      assertThat(r.billedCost().signum()).isNotNegative();
      BillingPeriod p = BillingPeriod.of(r);
      assertThat(r.chargePeriodStart()).isBetween(p.start(), p.end());
      assertThat(r.chargePeriodEnd()).isBetween(p.start(), p.end());
    });
    assertThat(records.stream().map(BillingPeriod::of).distinct().count()).isEqualTo(records.size());
    assertThat(Duration.between(records.get(0).chargePeriodStart(), records.get(records.size() - 1)
        .chargePeriodEnd()).toMillis()).isBetween(lengthMillis, lengthMillis + 2000); // widened to whole seconds (FOCUS)
  }
}
