package io.stratus.finops.focus;

import static io.stratus.finops.TestRecords.at;
import static io.stratus.finops.TestRecords.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FocusDecimalsTest {
  private static final BigDecimal HALF_ULP = new BigDecimal("5E-19");

  @Test
  void toStoredScale_moreThanEighteenPlaces_roundsHalfEven() {
    assertThat(FocusDecimals.toStoredScale(new BigDecimal("0.0000000000000000025")))
        .isEqualByComparingTo("0.000000000000000002");
    assertThat(FocusDecimals.toStoredScale(new BigDecimal("0.0000000000000000035")))
        .isEqualByComparingTo("0.000000000000000004");
    assertThat(FocusDecimals.toStoredScale(new BigDecimal("-1.1234567890123456785")))
        .isEqualByComparingTo("-1.123456789012345678");
    assertThat(FocusDecimals.toStoredScale(new BigDecimal("1.5")).scale()).isEqualTo(18);
  }

  /** Issue 19: the 28-place PricingQuantity of Azure EA amortized exports is rounded and counted, not refused. */
  @Test
  void tally_azureStyleQuantity_roundsAndCountsPerColumn() {
    CostRecord exact = usage("VM", "vm-1", "1.25", at("2025-01-10T00:00:00Z"))
        .pricingQuantity(new BigDecimal("0.0416666666666666666666666667"))
        .consumedQuantity(new BigDecimal("0.0416666666666666666666666667"))
        .listUnitPrice(new BigDecimal("0.12345678901234567890123"))
        .build();
    CostRecord second = exact.toBuilder().listUnitPrice(new BigDecimal("2.000000000000000000000000001")).build();
    FocusDecimals.Tally tally = new FocusDecimals.Tally();

    CostRecord stored = tally.round(exact);
    tally.round(second);

    assertThat(stored.pricingQuantity()).isEqualTo(new BigDecimal("0.041666666666666667"));
    assertThat(stored.listUnitPrice()).isEqualTo(new BigDecimal("0.123456789012345679"));
    assertThat(stored.billedCost()).isSameAs(exact.billedCost());
    assertThat(exact.pricingQuantity()).isEqualTo(new BigDecimal("0.0416666666666666666666666667"));
    assertThat(tally.roundings()).containsExactly(
        new DecimalRounding("PricingQuantity", 2, new BigDecimal("3.333333333E-19")),
        new DecimalRounding("ListUnitPrice", 2, new BigDecimal("9.877E-20")),
        new DecimalRounding("ConsumedQuantity", 2, new BigDecimal("3.333333333E-19")));
  }

  @Test
  void toStoredScale_nothingBeyondEighteenPlaces_returnsTheRecordUncounted() {
    CostRecord r = usage("VM", "vm-1", "1.50000000000000000000000", at("2025-01-10T00:00:00Z")).build();
    FocusDecimals.Tally tally = new FocusDecimals.Tally();

    assertThat(tally.round(r)).isSameAs(r);
    assertThat(FocusDecimals.toStoredScale(r)).isSameAs(r);
    assertThat(tally.roundings()).isEmpty();
  }

  @Test
  void plus_sameColumn_sumsCountsAndKeepsTheLargerMaximum() {
    DecimalRounding a = new DecimalRounding("ListUnitPrice", 2, new BigDecimal("1E-19"));
    DecimalRounding b = new DecimalRounding("ListUnitPrice", 3, new BigDecimal("4E-19"));

    assertThat(a.plus(b)).isEqualTo(new DecimalRounding("ListUnitPrice", 5, new BigDecimal("4E-19")));
  }

  @Property(tries = 300)
  void toStoredScale_anyValue_changesItByAtMostHalfAUnitOfThe18thPlace(
      @ForAll @LongRange(min = -999_999_999_999L, max = 999_999_999_999L) long unscaledHigh,
      @ForAll @LongRange(min = 0, max = 999_999_999_999_999L) long unscaledLow,
      @ForAll @IntRange(min = 0, max = 28) int scale) {
    BigDecimal v = new BigDecimal(
        BigInteger.valueOf(unscaledHigh).multiply(BigInteger.TEN.pow(15)).add(BigInteger.valueOf(unscaledLow)), scale);

    BigDecimal stored = FocusDecimals.toStoredScale(v);

    assertThat(stored.scale()).isEqualTo(18);
    assertThat(stored.subtract(v).abs()).isLessThanOrEqualTo(HALF_ULP);
    assertThat(FocusDecimals.needsRounding(v)).isEqualTo(stored.compareTo(v) != 0);
    assertThat(FocusDecimals.toStoredScale(stored)).isEqualTo(stored);
  }
}
