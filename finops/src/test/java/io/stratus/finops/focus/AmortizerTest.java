package io.stratus.finops.focus;

import static io.stratus.finops.TestRecords.FEB;
import static io.stratus.finops.TestRecords.JAN;
import static io.stratus.finops.TestRecords.at;
import static io.stratus.finops.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmortizerTest {
  private static CostRecord fee(String amount, String effective) {
    return usage("Savings Plans", "cd-1", amount, at("2025-01-01T00:00:00Z"))
        .chargeCategory(ChargeCategory.PURCHASE)
        .chargeFrequency(ChargeFrequency.RECURRING)
        .chargePeriod(JAN.start(), JAN.end())
        .effectiveCost(new BigDecimal(effective))
        .commitmentDiscountId("cd-1")
        .commitmentDiscountQuantity(new BigDecimal("744"))
        .commitmentDiscountUnit("Hours")
        .build();
  }

  private static CostRecord covered(String hour, String list, String hours) {
    return usage("VM", "vm-" + hour, "0", at("2025-01-10T" + hour + ":00:00Z"))
        .listCost(new BigDecimal(list))
        .commitmentDiscountId("cd-1")
        .commitmentDiscountStatus("Used")
        .commitmentDiscountQuantity(new BigDecimal(hours))
        .commitmentDiscountUnit("Hours")
        .build();
  }

  private static BigDecimal sum(List<CostRecord> rs, boolean effective) {
    return rs.stream().map(r -> effective ? r.effectiveCost() : r.billedCost()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void amortize_monthlyFee_spreadsUsedPartOverCoveredUsageAndEmitsUnusedCharge() {
    CostRecord onDemand = usage("VM", "vm-x", "5.00", at("2025-01-11T00:00:00Z")).build();
    List<CostRecord> in =
        List.of(fee("744.00", "744.00"), covered("01", "1", "186"), covered("02", "2", "186"), covered("03", "3", "186"),
            onDemand);
    Amortizer.Result result = Amortizer.amortize(in);
    List<CostRecord> out = result.records();
    assertThat(out).hasSize(6);
    assertThat(out.get(0).effectiveCost()).isEqualByComparingTo("0");
    assertThat(out.get(1).effectiveCost()).isEqualByComparingTo("93");
    assertThat(out.get(2).effectiveCost()).isEqualByComparingTo("186");
    assertThat(out.get(3).effectiveCost()).isEqualByComparingTo("279");
    assertThat(out.get(4)).isEqualTo(onDemand);
    CostRecord unused = out.get(5);
    assertThat(unused.commitmentDiscountStatus()).isEqualTo("Unused");
    assertThat(unused.chargeCategory()).isEqualTo(ChargeCategory.USAGE);
    assertThat(unused.effectiveCost()).isEqualByComparingTo("186");
    assertThat(unused.billedCost()).isEqualByComparingTo("0");
    assertThat(unused.chargePeriodStart()).isEqualTo(JAN.start());
    assertThat(sum(out, true)).isEqualByComparingTo(sum(in, false));
    Amortizer.Utilization u = result.utilization().get(0);
    assertThat(u.usedFraction()).isEqualByComparingTo("0.75");
    assertThat(u.amortized()).isEqualByComparingTo("558");
  }

  /** Issue 19: one commitment group at a time (a Spark task) with the input's periods gives the whole-input result. */
  @Test
  void amortize_oneCommitmentGroupWithTheInputPeriods_equalsTheWholeInput() {
    CostRecord twoMonths = fee("1416.00", "1416.00").toBuilder()
        .chargePeriod(JAN.start(), FEB.end()).build();
    CostRecord febOnDemand = usage("VM", "vm-x", "5.00", at("2025-02-11T00:00:00Z")).build();
    List<CostRecord> group = List.of(twoMonths, covered("01", "1", "186"), covered("02", "3", "186"));
    List<CostRecord> whole = new ArrayList<>(group);
    whole.add(febOnDemand);
    Amortizer.Result all = Amortizer.amortize(whole);

    Amortizer.Result part = Amortizer.amortize(group, List.of(FEB));

    List<CostRecord> expected = new ArrayList<>(all.records());
    expected.remove(febOnDemand);
    assertThat(part.records().subList(0, group.size())).isEqualTo(expected.subList(0, group.size()));
    assertThat(part.records()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(part.utilization()).containsExactlyInAnyOrderElementsOf(all.utilization());
    // the February half of the fee is unused there: without the input's periods the group alone would miss it
    assertThat(part.records()).anySatisfy(r -> assertThat(r.chargePeriodStart()).isEqualTo(FEB.start()));
    assertThat(Amortizer.amortize(group).records()).hasSize(part.records().size() - 1);
  }

  @Test
  void amortize_noCoveredUsage_wholeFeeIsUnused() {
    Amortizer.Result result = Amortizer.amortize(List.of(fee("10.00", "10.00")));
    assertThat(result.records()).hasSize(2);
    assertThat(result.records().get(1).effectiveCost()).isEqualByComparingTo("10.00");
    assertThat(result.utilization().get(0).usedFraction()).isEqualByComparingTo("0");
  }

  @Test
  void amortize_providerAmortizedCommitment_isLeftUnchanged() {
    List<CostRecord> in = List.of(fee("744.00", "0"), covered("01", "1", "186"));
    assertThat(Amortizer.amortize(in).records()).isEqualTo(in);
  }

  @Test
  void amortize_azureActualExport_keepsTotalEffectiveEqualToBilled() throws IOException {
    List<CostRecord> in = new ArrayList<>();
    try (InputStream s = getClass().getResourceAsStream("/golden/azure/EA_ActualCost_Small.csv")) {
      BillingReaders.azureActual().read(s, "EA_ActualCost_Small.csv", in::add);
    }
    Amortizer.Result result = Amortizer.amortize(in);
    assertThat(sum(result.records(), true)).isEqualByComparingTo(sum(in, false));
    assertThat(result.records().stream().filter(r -> "Unused".equals(r.commitmentDiscountStatus()))).hasSize(1);
    assertThat(result.utilization()).hasSize(1);
  }
}
