package io.stratus.spark.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.finops.focus.FocusDecimals;
import io.stratus.spark.AmountNotRepresentableException;
import io.stratus.spark.AmountNotRepresentableException.Amount;
import io.stratus.spark.internal.Unrepresentable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The rule for the detection outputs' decimal columns: exact sums keep every digit or are refused, estimates are
 * rounded half-even to 18 places like finops' {@link FocusDecimals}; a refused amount is collected (column, row,
 * value, rule) for the one exception that reports them all.
 */
class OutputAmountsProperties {
  private static final String ROW = "forecast SubAccountId=a1/USD 2025-02";
  private static final BigDecimal HALF_ULP = new BigDecimal("5E-19");

  private static AmountNotRepresentableException refused(Unrepresentable problems) {
    assertThat(problems.isEmpty()).as("refused").isFalse();
    return problems.exception();
  }

  private static BigDecimal exact(BigDecimal v, String column) {
    Unrepresentable problems = new Unrepresentable();
    BigDecimal out = ScopeTask.exact(v, column, ROW, problems);
    assertThat(problems.isEmpty()).as("accepted").isTrue();
    return out;
  }

  private static BigDecimal estimate(BigDecimal v, String column) {
    Unrepresentable problems = new Unrepresentable();
    BigDecimal out = ScopeTask.estimate(v, column, ROW, problems);
    assertThat(problems.isEmpty()).as("accepted").isTrue();
    return out;
  }

  /** Amounts below 10^20 in magnitude with 0 to 30 places. */
  @Provide
  Arbitrary<BigDecimal> inRange() {
    return Arbitraries.integers().between(0, 30).flatMap(scale -> {
      BigInteger max = BigInteger.TEN.pow(20 + scale).subtract(BigInteger.ONE);
      return Arbitraries.bigIntegers().between(max.negate(), max).map(u -> new BigDecimal(u, scale));
    });
  }

  @Property
  void exact_atMost18SignificantPlaces_keptByValueAtScale18(@ForAll("inRange") BigDecimal v) {
    BigDecimal fits = v.setScale(18, RoundingMode.DOWN);
    if (fits.compareTo(v) != 0) {
      return; // covered by the next property
    }

    BigDecimal out = exact(v, "actualToDate");

    assertThat(out.scale()).isEqualTo(FocusDecimals.SCALE);
    assertThat(out).isEqualByComparingTo(v);
  }

  @Property
  void exact_nonZeroDigitBeyond18Places_refusedNamingColumnValueAndRule(@ForAll("inRange") BigDecimal v) {
    BigDecimal finer = v.setScale(18, RoundingMode.DOWN).add(new BigDecimal("1E-19"));

    Unrepresentable problems = new Unrepresentable();

    assertThat(ScopeTask.exact(finer, "actual", ROW, problems)).isNull();
    AmountNotRepresentableException e = refused(problems);
    assertThat(e.count()).isEqualTo(1);
    assertThat(e.amounts()).containsExactly(new Amount("actual", ROW, finer, ScopeTask.EXACT_RULE));
    assertThat(e).hasMessageContaining("column actual of " + ROW)
        .hasMessageContaining(finer.toPlainString()).hasMessageContaining("never rounded");
  }

  @Property
  void estimate_anyAmountInRange_roundedHalfEvenTo18PlacesAsFocusDecimals(@ForAll("inRange") BigDecimal v) {
    BigDecimal rounded = FocusDecimals.toStoredScale(v);
    if (rounded.precision() > 38) {
      return; // a value within 5E-19 of 10^20 rounds to 10^20: see estimate_roundingUpTo10Pow20_refused
    }

    BigDecimal out = estimate(v, "upper95");

    assertThat(out).isEqualTo(rounded).isEqualTo(v.setScale(18, RoundingMode.HALF_EVEN));
    assertThat(out.subtract(v).abs()).isLessThanOrEqualTo(HALF_ULP);
  }

  @Example
  void estimate_halfwayValues_roundToTheEvenNeighbour() {
    assertThat(estimate(new BigDecimal("0.0000000000000000005"), "expected"))
        .isEqualTo(new BigDecimal("0.000000000000000000"));
    assertThat(estimate(new BigDecimal("0.0000000000000000015"), "expected"))
        .isEqualTo(new BigDecimal("0.000000000000000002"));
    assertThat(estimate(new BigDecimal("-2.0000000000000000025"), "impact"))
        .isEqualTo(new BigDecimal("-2.000000000000000002"));
    // a third of a cent, as a division would give it
    assertThat(estimate(BigDecimal.ONE.divide(new BigDecimal(3), 34, RoundingMode.HALF_EVEN), "expected"))
        .isEqualTo(new BigDecimal("0.333333333333333333"));
  }

  @Example
  void exact_trailingZerosBeyond18Places_accepted() {
    assertThat(exact(new BigDecimal("12.5000000000000000000000000000"), "actual"))
        .isEqualTo(new BigDecimal("12.500000000000000000"));
  }

  @Example
  void exactAndEstimate_10Pow20OrMore_refusedNamingTheRange() {
    BigDecimal largest = new BigDecimal("99999999999999999999.999999999999999999");
    assertThat(exact(largest, "actualToDate")).isEqualTo(largest);
    assertThat(estimate(largest.negate(), "lower95")).isEqualTo(largest.negate());

    BigDecimal tooLarge = new BigDecimal("100000000000000000000");
    Unrepresentable problems = new Unrepresentable();
    assertThat(ScopeTask.exact(tooLarge, "actualToDate", ROW, problems)).isNull();
    assertThat(ScopeTask.estimate(tooLarge.negate(), "lower95", ROW, problems)).isNull();
    AmountNotRepresentableException e = refused(problems);
    assertThat(e.count()).isEqualTo(2);
    assertThat(e.amounts()).containsExactly(new Amount("actualToDate", ROW, tooLarge, ScopeTask.RANGE_RULE),
        new Amount("lower95", ROW, tooLarge.negate(), ScopeTask.RANGE_RULE));
    assertThat(ScopeTask.RANGE_RULE).contains("20 digits before the point");
    assertThat(e).hasMessageStartingWith("2 amounts cannot be stored or summed exactly:")
        .hasMessageContaining("column lower95 of " + ROW);
  }

  @Example
  void estimate_roundingUpTo10Pow20_refused() {
    BigDecimal v = new BigDecimal("99999999999999999999.9999999999999999995");
    Unrepresentable problems = new Unrepresentable();

    assertThat(ScopeTask.estimate(v, "upper95", ROW, problems)).isNull();
    assertThat(refused(problems).amounts()).containsExactly(new Amount("upper95", ROW, v, ScopeTask.RANGE_RULE));
  }
}
