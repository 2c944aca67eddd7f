package io.stratus.simulation.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.stratus.finops.collect.CostCollector;
import io.stratus.finops.spi.WatermarkStore;
import io.stratus.finops.focus.Amortizer;
import io.stratus.finops.focus.BillingReaders;
import io.stratus.finops.focus.ChargeCategory;
import io.stratus.finops.focus.ChargeFrequency;
import io.stratus.finops.focus.CostRecord;
import io.stratus.finops.focus.FocusCsvWriter;
import io.stratus.finops.focus.ReadReport;
import io.stratus.finops.query.CostQuery;
import io.stratus.finops.spi.CostStore;
import io.stratus.model.CloudProvider;
import io.stratus.model.PurchaseOption;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.engine.RandomStreams;
import io.stratus.simulation.engine.SimulationEngine;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reservations and savings plans in the simulated environment: the FOCUS billing of the commitments goes through
 * finops' FOCUS reader, amortizer and collector, and the effective cost there equals the amortized commitment plus
 * the on-demand usage, to the cent.
 */
class CommitmentBillingTest {
  private static final BundledCatalog CATALOG = new BundledCatalog();
  private static final String M5 = "aws:m5.large";
  private static final String US_EAST = "aws:us-east-1";

  private final Sim sim = new Sim(Instant.parse("2026-02-02T00:00:00Z"));
  private final SimulationEngine engine = sim.engine;
  private final EnvironmentSimulator env = sim.env;

  /** An AWS-only environment with instant provisioning. */
  private static final class Sim {
    final SimulationEngine engine;
    final EnvironmentSimulator env;

    Sim(Instant origin) {
      engine = SimulationEngine.create(origin);
      env = EnvironmentSimulator.builder(CATALOG, engine, RandomStreams.of(1))
          .providers(java.util.Set.of(CloudProvider.AWS))
          .provisioningLatency(CloudProvider.AWS, Duration.ZERO)
          .build();
    }

    String launch() {
      LaunchResult r = env.launch(M5, US_EAST, null, PurchaseOption.ON_DEMAND, Map.of("team", "web"));
      assertThat(r.accepted()).as(r.message()).isTrue();
      return r.vmId();
    }
  }

  private double onDemand() {
    return CATALOG.offers(io.stratus.spi.OfferQuery.all().withInstanceTypeIds(List.of(M5))
        .withRegionIds(List.of(US_EAST)).withPurchaseOptions(List.of(PurchaseOption.ON_DEMAND)))
        .get(0).hourlyPrice().amount().doubleValue();
  }

  private String launch() {
    return sim.launch();
  }

  /** Agrees to the cent: differs by less than half a cent. */
  private static void assertCents(BigDecimal actual, double expected) {
    assertThat(actual.subtract(BigDecimal.valueOf(expected)).abs()).as("%s vs expected %s", actual, expected)
        .isLessThan(new BigDecimal("0.005"));
  }

  private static void assertCents(BigDecimal actual, BigDecimal expected) {
    assertCents(actual, expected.doubleValue());
  }

  /** Writes the source's FOCUS records as a FOCUS CSV, reads them back with finops' reader and amortizes them. */
  private static List<CostRecord> throughFinops(SimulatedBillingSource source) {
    StringBuilder csv = new StringBuilder();
    try (FocusCsvWriter w = FocusCsvWriter.create(csv)) {
      source.allRecords().forEach(w::write);
    }
    List<CostRecord> read = new ArrayList<>();
    ReadReport report = BillingReaders.focus().read(
        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "simulated.csv", read::add);
    assertThat(report.isClean()).as("rejections %s", report.rejections()).isTrue();
    assertThat(report.isReconciled()).as("discrepancies %s", report.discrepancies()).isTrue();
    return Amortizer.amortize(read).records();
  }

  private static BigDecimal effective(List<CostRecord> records) {
    return records.stream().map(CostRecord::effectiveCost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal billed(List<CostRecord> records) {
    return records.stream().map(CostRecord::billedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void reservedInstances_partialUpfront_effectiveIsAmortizedPlusOnDemand() {
    env.purchase(Commitment.reservedInstances("ri-1", M5, US_EAST, 2, new BigDecimal("0.06"),
        Commitment.Term.ONE_YEAR, Commitment.Payment.PARTIAL_UPFRONT));
    launch();
    launch();
    launch();
    engine.runFor(Duration.ofHours(10));

    List<CostRecord> records = throughFinops(SimulatedBillingSource.of("simulated", env));

    double amortized = 2 * 0.06 * 10;
    double onDemand = onDemand() * 10;
    assertCents(effective(records), amortized + onDemand);
    assertCents(billed(records), 0.5 * 0.12 * 8760 + 0.5 * 0.12 * 10 + onDemand);
    assertThat(records).filteredOn(r -> "Used".equals(r.commitmentDiscountStatus())).hasSize(2)
        .allSatisfy(r -> {
          assertThat(r.billedCost()).isZero();
          assertThat(r.commitmentDiscountId()).isEqualTo("ri-1");
          assertThat(r.commitmentDiscountCategory()).isEqualTo("Usage");
          assertThat(r.commitmentDiscountQuantity()).isEqualByComparingTo("10");
          assertThat(r.pricingCategory()).isEqualTo("Committed");
        });
    assertThat(records).filteredOn(r -> "Unused".equals(r.commitmentDiscountStatus())).isEmpty();
    assertThat(records).filteredOn(r -> r.chargeCategory() == ChargeCategory.PURCHASE)
        .extracting(CostRecord::chargeFrequency)
        .containsExactlyInAnyOrder(ChargeFrequency.ONE_TIME, ChargeFrequency.RECURRING);
    assertThat(records).filteredOn(r -> r.chargeCategory() == ChargeCategory.PURCHASE)
        .allSatisfy(r -> assertThat(r.effectiveCost()).isZero());
  }

  @Test
  void reservedInstances_catalogRate_fromReservedOffer() {
    env.purchase(Commitment.reservedInstances("ri", M5, US_EAST, 1, Commitment.Term.THREE_YEARS,
        Commitment.Payment.ALL_UPFRONT));
    launch();
    engine.runFor(Duration.ofHours(5));
    double rate = CATALOG.offers(io.stratus.spi.OfferQuery.all().withInstanceTypeIds(List.of(M5))
        .withRegionIds(List.of(US_EAST)).withPurchaseOptions(List.of(PurchaseOption.RESERVED_3Y)))
        .get(0).hourlyPrice().amount().doubleValue();

    List<CostRecord> records = throughFinops(SimulatedBillingSource.of("simulated", env));

    assertThat(rate).isLessThan(onDemand());
    assertCents(effective(records), rate * 5);
    assertCents(billed(records), BigDecimal.valueOf(rate).multiply(BigDecimal.valueOf(3 * 8760)));
  }

  @Test
  void savingsPlan_underused_unusedCommitmentIsItsOwnCharge() {
    env.purchase(Commitment.savingsPlan("sp-1", CloudProvider.AWS, new BigDecimal("0.2"), 0.3,
        Commitment.Term.ONE_YEAR, Commitment.Payment.ALL_UPFRONT));
    String vm = launch();
    engine.runFor(Duration.ofHours(5));
    env.terminate(vm);
    engine.runFor(Duration.ofHours(10));

    List<CostRecord> records = throughFinops(SimulatedBillingSource.of("simulated", env));

    double used = 5 * onDemand() * 0.7;
    assertCents(effective(records), 0.2 * 10);
    assertThat(records).filteredOn(r -> "Unused".equals(r.commitmentDiscountStatus())).singleElement()
        .satisfies(r -> {
          assertCents(r.effectiveCost(), 2.0 - used);
          assertThat(r.billedCost()).isZero();
          assertThat(r.commitmentDiscountUnit()).isEqualTo("USD");
          assertThat(r.commitmentDiscountCategory()).isEqualTo("Spend");
        });
    assertThat(records).filteredOn(r -> r.chargeCategory() == ChargeCategory.USAGE
        && r.commitmentDiscountId() == null).as("no on-demand record: fully covered").isEmpty();
    assertCents(billed(records), 0.2 * 8760);
  }

  @Test
  void savingsPlan_overcommittedUsage_restIsBilledOnDemand() {
    env.purchase(Commitment.savingsPlan("sp", CloudProvider.AWS, new BigDecimal("0.05"), 0.3,
        Commitment.Term.ONE_YEAR, Commitment.Payment.NO_UPFRONT));
    launch();
    engine.runFor(Duration.ofHours(10));

    List<CostRecord> records = throughFinops(SimulatedBillingSource.of("simulated", env));

    double od = onDemand();
    double coveredShare = 0.05 / (od * 0.7);
    double uncovered = od * (1 - coveredShare) * 10;
    assertCents(effective(records), 0.5 + uncovered);
    assertCents(billed(records), 0.5 + uncovered);
    assertThat(records).filteredOn(r -> "Unused".equals(r.commitmentDiscountStatus())).isEmpty();
  }

  @Test
  void commitment_acrossMonths_splitsAndStillAddsUp() {
    Sim t = new Sim(Instant.parse("2026-01-31T20:30:00Z"));
    t.env.purchase(Commitment.reservedInstances("ri", M5, US_EAST, 1, new BigDecimal("0.05"),
        Commitment.Term.ONE_YEAR, Commitment.Payment.NO_UPFRONT));
    t.env.purchase(Commitment.savingsPlan("sp", CloudProvider.AWS, new BigDecimal("0.03"), 0.2,
        Commitment.Term.ONE_YEAR, Commitment.Payment.PARTIAL_UPFRONT));
    t.launch();
    t.launch();
    t.launch();
    t.engine.runFor(Duration.ofHours(9));
    SimulatedBillingSource source = SimulatedBillingSource.of("simulated", t.env);

    List<CostRecord> records = throughFinops(source);

    double od = onDemand();
    // per hour: the RI covers one machine; the plan covers 0.03 of the other two's discounted cost; the rest on demand
    double rest = (2 * od * 0.8 - 0.03) / 0.8;
    assertCents(effective(records), 9 * (0.05 + 0.03 + rest));
    assertThat(source.billingPeriods(t.engine.clock().instant())).hasSize(2);

    CostStore store = CostStore.inMemory();
    CostCollector.create(List.of(source), store, WatermarkStore.inMemory(), t.engine.clock()).collect();
    BigDecimal[] sum = {BigDecimal.ZERO};
    store.scan(CostQuery.builder().between(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-03-01T00:00:00Z")).build(), (id, r) -> sum[0] = sum[0].add(r.effectiveCost()));
    assertCents(sum[0], 9 * (0.05 + 0.03 + rest));
  }

  @Test
  void noCommitment_billingUnchanged() {
    launch();
    engine.runFor(Duration.ofHours(3));
    assertThat(env.commitmentCharges()).isEmpty();
    assertThat(SimulatedBillingSource.of("s", env).allRecords())
        .isEqualTo(SimulatedBillingSource.of("s", env::usage).allRecords());
  }

  @Test
  void purchase_badCommitments_areRejected() {
    env.purchase(Commitment.savingsPlan("x", CloudProvider.AWS, BigDecimal.ONE, 0.1, Commitment.Term.ONE_YEAR,
        Commitment.Payment.NO_UPFRONT));
    assertThatIllegalArgumentException().isThrownBy(() -> env.purchase(Commitment.savingsPlan("x",
            CloudProvider.AWS, BigDecimal.ONE, 0.1, Commitment.Term.ONE_YEAR, Commitment.Payment.NO_UPFRONT)))
        .withMessageContaining("'x' is already taken");
    assertThatIllegalArgumentException().isThrownBy(() -> env.purchase(Commitment.savingsPlan("g",
            CloudProvider.GCP, BigDecimal.ONE, 0.1, Commitment.Term.ONE_YEAR, Commitment.Payment.NO_UPFRONT)))
        .withMessageContaining("no region of gcp");
    assertThatIllegalArgumentException().isThrownBy(() -> env.purchase(Commitment.reservedInstances("r",
            "aws:nope.large", US_EAST, 1, Commitment.Term.ONE_YEAR, Commitment.Payment.NO_UPFRONT)))
        .withMessageContaining("aws:nope.large");
    assertThatIllegalArgumentException().isThrownBy(() -> Commitment.savingsPlan("s", CloudProvider.AWS,
            BigDecimal.ONE, 1.0, Commitment.Term.ONE_YEAR, Commitment.Payment.NO_UPFRONT))
        .withMessageContaining("commitment.discount");
    assertThatIllegalArgumentException().isThrownBy(() -> Commitment.reservedInstances("r", M5, US_EAST, 0,
            Commitment.Term.ONE_YEAR, Commitment.Payment.NO_UPFRONT))
        .withMessageContaining("commitment.count");
  }
}
