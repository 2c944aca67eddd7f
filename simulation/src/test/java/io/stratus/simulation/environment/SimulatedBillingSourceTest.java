package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.ProviderException;
import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.spi.BillingSource;
import io.stratus.finops.spi.Watermark;
import io.stratus.model.Offer;
import io.stratus.model.PurchaseOption;
import io.stratus.testkit.finops.BillingSourceCompatibilityKit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedBillingSourceTest {
  private static BigDecimal sum(List<CostRecord> records) {
    return records.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void allRecords_fleetAcrossMonths_billedCostEqualsPriceTimesBilledTimeToTheCent() {
    SimFleet fleet = new SimFleet(7);
    List<UsageRecord> usage = fleet.env.usage();
    SimulatedBillingSource source = SimulatedBillingSource.of("sim", fleet.env::usage);

    List<CostRecord> records = source.allRecords();

    BigDecimal expected = usage.stream().map(UsageRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sum(records).setScale(2, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo(expected.setScale(2, RoundingMode.HALF_EVEN));
    assertThat(sum(records)).isEqualByComparingTo(expected);
    // Machines still running on Feb 1st produce one record per month.
    assertThat(records.stream().map(r -> BillingPeriod.of(r)).distinct())
        .containsExactlyInAnyOrder(BillingPeriod.of(YearMonth.of(2026, 1)), BillingPeriod.of(YearMonth.of(2026, 2)));
    assertThat(records).hasSizeGreaterThan(usage.size());
  }

  @Test
  void allRecords_onDemandMachine_costIsCatalogPriceTimesBilledHours() {
    SimFleet fleet = new SimFleet(3);
    Map<String, List<CostRecord>> byVm = SimulatedBillingSource.of("sim", fleet.env::usage).allRecords().stream()
        .collect(Collectors.groupingBy(CostRecord::resourceId));
    int checked = 0;
    for (UsageRecord u : fleet.env.usage()) {
      if (u.purchaseOption() != PurchaseOption.ON_DEMAND) {
        continue;
      }
      Offer offer = fleet.launched.stream().filter(o -> o.instanceType().id().equals(u.instanceTypeId())
          && o.region().id().equals(u.regionId()) && o.purchaseOption() == PurchaseOption.ON_DEMAND)
          .findFirst().orElseThrow();
      BigDecimal hours = BigDecimal.valueOf(u.billedSeconds()).divide(BigDecimal.valueOf(3600), 10,
          RoundingMode.HALF_EVEN);
      BigDecimal expected = offer.hourlyPrice().amount().multiply(hours);
      List<CostRecord> rs = byVm.get(u.vmId());
      assertThat(sum(rs).setScale(2, RoundingMode.HALF_EVEN))
          .as("cost of %s", u.vmId()).isEqualByComparingTo(expected.setScale(2, RoundingMode.HALF_EVEN));
      BigDecimal billedHours = rs.stream().map(CostRecord::pricingQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(billedHours).isEqualByComparingTo(hours);
      checked++;
    }
    assertThat(checked).isPositive();
  }

  @Test
  void allRecords_record_carriesFocusColumnsAndLabels() {
    SimFleet fleet = new SimFleet(1);
    UsageRecord u = fleet.env.usage().get(0);
    CostRecord r = SimulatedBillingSource.of("sim", fleet.env::usage).allRecords().get(0);

    assertThat(r.providerName()).isEqualTo(u.provider().id());
    assertThat(r.regionId()).isEqualTo(u.regionId());
    assertThat(r.serviceName()).isEqualTo("Compute");
    assertThat(r.serviceCategory()).isEqualTo("Compute");
    assertThat(r.resourceId()).isEqualTo(u.vmId());
    assertThat(r.skuId()).isEqualTo(u.instanceTypeId());
    assertThat(r.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
    assertThat(r.pricingUnit()).isEqualTo("Hours");
    assertThat(r.billedCost()).isEqualByComparingTo(r.effectiveCost()).isEqualByComparingTo(r.listCost());
    assertThat(r.tags()).containsEntry("team", u.labels().get("team")).containsEntry("workload", "web");
    assertThat(r.chargePeriodStart()).isEqualTo(u.start().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void fetch_afterSimulationMovesOn_returnsTheGrownPeriod() {
    SimFleet fleet = new SimFleet(5);
    SimulatedBillingSource source = SimulatedBillingSource.of("sim", fleet.env::usage);
    BillingPeriod feb = BillingPeriod.of(YearMonth.of(2026, 2));
    var first = source.fetch(feb, Watermark.INITIAL);
    assertThat(source.fetch(feb, first.watermark()).records()).isEmpty();

    fleet.engine.runFor(Duration.ofDays(2).plusHours(3));

    var next = source.fetch(feb, first.watermark());
    assertThat(next.records()).isNotEmpty();
    assertThat(sum(next.records())).isGreaterThan(sum(first.records()));
  }

  @Test
  void fetch_supplierFails_throwsProviderExceptionWithId() {
    SimulatedBillingSource source = SimulatedBillingSource.of("sim-x", () -> {
      throw new IllegalStateException("boom");
    });
    assertThatThrownBy(() -> source.billingPeriods(Instant.EPOCH)).isInstanceOf(ProviderException.class)
        .hasMessageContaining("boom").extracting(e -> ((ProviderException) e).providerId()).isEqualTo("sim-x");
  }

  @Test
  void of_blankId_throwsNamingTheField() {
    assertThatThrownBy(() -> SimulatedBillingSource.of(" ", List::of))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
  }

  @Test
  void serviceLoader_findsTheSimulatedSourceWithData() {
    BillingSource s = ServiceLoader.load(BillingSource.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.id().equals("simulated")).findFirst().orElseThrow();
    assertThat(s.billingPeriods(Instant.parse("2026-03-01T00:00:00Z"))).isNotEmpty();
  }

  @Nested
  class Compatibility extends BillingSourceCompatibilityKit {
    private final SimFleet fleet = new SimFleet(11);

    @Override
    protected BillingSource createSource() {
      return SimulatedBillingSource.of("sim", fleet.env::usage);
    }

    @Override
    protected Instant asOf() {
      return fleet.now();
    }
  }
}
