package io.stratus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;

class MoneyTest {
  private static final Money EUR_1 = Money.of("1", "EUR");

  @Test
  void plus_sameCurrency_addsExactly() {
    assertThat(Samples.usd("0.1").plus(Samples.usd("0.2"))).isEqualTo(Samples.usd("0.3"));
  }

  @Test
  void minus_sameCurrency_mayGoNegative() {
    Money diff = Samples.usd("1.00").minus(Samples.usd("1.25"));

    assertThat(diff).isEqualTo(Samples.usd("-0.25"));
    assertThat(diff.isNegative()).isTrue();
  }

  @Test
  void plus_differentCurrency_isRefusedNamingBoth() {
    assertThatThrownBy(() -> Samples.usd("1").plus(EUR_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("USD")
        .hasMessageContaining("EUR");
  }

  @Test
  void minus_differentCurrency_isRefused() {
    assertThatThrownBy(() -> Samples.usd("1").minus(EUR_1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void compareTo_differentCurrency_isRefused() {
    assertThatThrownBy(() -> Samples.usd("1").compareTo(EUR_1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void compareTo_sameCurrency_ordersByValueIgnoringScale() {
    assertThat(Samples.usd("1.0").compareTo(Samples.usd("1.00"))).isZero();
    assertThat(Samples.usd("0.99").compareTo(Samples.usd("1"))).isNegative();
  }

  @Test
  void equals_differentScale_isFalseButIsSameAsTrue() {
    assertThat(Samples.usd("1.0")).isNotEqualTo(Samples.usd("1.00"));
    assertThat(Samples.usd("1.0").isSameAs(Samples.usd("1.00"))).isTrue();
    assertThat(Samples.usd("1.0").isSameAs(Money.of("1.0", "EUR"))).isFalse();
  }

  @Test
  void times_hours_multipliesExactly() {
    assertThat(Samples.usd("0.096").times(new BigDecimal("730"))).isEqualTo(Samples.usd("70.080"));
  }

  @Test
  void rounded_usd_halfEvenToCents() {
    assertThat(Samples.usd("0.125").rounded()).isEqualTo(Samples.usd("0.12"));
    assertThat(Samples.usd("0.135").rounded()).isEqualTo(Samples.usd("0.14"));
    assertThat(Money.of("12.5", "JPY").rounded()).isEqualTo(Money.of("12", "JPY"));
  }

  @Test
  void of_badAmount_namesFieldAndValue() {
    assertThatThrownBy(() -> Money.of("1,5", "USD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("money.amount")
        .hasMessageContaining("1,5");
  }

  @Test
  void of_unknownCurrency_namesFieldAndValue() {
    assertThatThrownBy(() -> Money.of("1", "XYZW"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("money.currency")
        .hasMessageContaining("XYZW");
  }

  @Test
  void ofDouble_nanOrInfinite_isRejected() {
    assertThatThrownBy(() -> Money.usd(Double.NaN)).hasMessageContaining("finite");
    assertThatThrownBy(() -> Money.ofDouble(Double.POSITIVE_INFINITY, Money.USD)).hasMessageContaining("finite");
  }

  @Test
  void ofDouble_usesShortestDecimal() {
    assertThat(Money.usd(0.1)).isEqualTo(Samples.usd("0.1"));
  }

  @Test
  void constructor_nulls_areRejectedNamingField() {
    assertThatNullPointerException().isThrownBy(() -> new Money(null, Money.USD)).withMessageContaining("amount");
    assertThatNullPointerException()
        .isThrownBy(() -> new Money(BigDecimal.ONE, (Currency) null))
        .withMessageContaining("currency");
  }

  @Test
  void zero_isZeroInCurrency() {
    assertThat(Money.zero(Money.USD).isSameAs(Samples.usd("0.00"))).isTrue();
    assertThat(Money.zero(Money.USD).isNegative()).isFalse();
  }

  @Test
  void toString_plainAmountAndCode() {
    assertThat(Samples.usd("1E-7")).hasToString("0.0000001 USD");
  }

  @Property
  void plusThenMinus_returnsSameValue(
      @ForAll @BigRange(min = "-1000000", max = "1000000") BigDecimal a,
      @ForAll @BigRange(min = "-1000000", max = "1000000") BigDecimal b) {
    Money x = Money.usd(a);
    assertThat(x.plus(Money.usd(b)).minus(Money.usd(b)).isSameAs(x)).isTrue();
  }
}
