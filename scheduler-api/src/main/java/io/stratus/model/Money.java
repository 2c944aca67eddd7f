package io.stratus.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.apiguardian.api.API;

/**
 * An exact amount of money in one currency. Arithmetic between different currencies is refused; there is no implicit
 * conversion. Amounts keep the scale they were given; {@link #equals} compares scale too, use {@link #isSameAs} to
 * compare values.
 *
 * <p>Immutable and thread-safe. Serialized to JSON as {@code {"amount": "1.23", "currency": "USD"}}.
 *
 * @param amount the amount; may be negative (credits, refunds)
 * @param currency the ISO 4217 currency
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency) implements Comparable<Money> {
  /** US dollar, the currency of the bundled price catalog. */
  public static final Currency USD = Currency.getInstance("USD");

  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   */
  public Money {
    Require.nonNull(amount, "money.amount");
    Require.nonNull(currency, "money.currency");
  }

  /**
   * An amount in a currency given by its ISO 4217 code.
   *
   * @param amount decimal text, e.g. {@code "0.096"}; never null
   * @param currencyCode ISO 4217 code, e.g. {@code "USD"}; never null
   * @return the money; never null
   * @throws IllegalArgumentException if the amount is not a number or the currency is unknown
   */
  public static Money of(String amount, String currencyCode) {
    BigDecimal value;
    try {
      value = new BigDecimal(Require.nonNull(amount, "money.amount"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("money.amount must be a decimal number, got '" + amount + "'", e);
    }
    return new Money(value, currency(currencyCode));
  }

  /**
   * An amount in US dollars.
   *
   * @param amount the amount; never null
   * @return the money; never null
   */
  public static Money usd(BigDecimal amount) {
    return new Money(amount, USD);
  }

  /**
   * An amount in US dollars from a double, converted exactly through its shortest decimal representation.
   *
   * @param amount a finite amount
   * @return the money; never null
   * @throws IllegalArgumentException if the amount is NaN or infinite
   */
  public static Money usd(double amount) {
    return ofDouble(amount, USD);
  }

  /**
   * An amount from a double rate, the one place where hot-loop doubles become exact money.
   *
   * @param amount a finite amount
   * @param currency the currency; never null
   * @return the money; never null
   * @throws IllegalArgumentException if the amount is NaN or infinite
   */
  public static Money ofDouble(double amount, Currency currency) {
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("money.amount must be finite, got " + amount);
    }
    return new Money(BigDecimal.valueOf(amount), currency);
  }

  /**
   * Zero in a currency.
   *
   * @param currency the currency; never null
   * @return zero; never null
   */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  private static Currency currency(String code) {
    Require.nonNull(code, "money.currency");
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("money.currency must be an ISO 4217 code, got '" + code + "'", e);
    }
  }

  /**
   * Sum.
   *
   * @param other an amount in the same currency; never null
   * @return the sum; never null
   * @throws IllegalArgumentException if the currencies differ
   */
  public Money plus(Money other) {
    sameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /**
   * Difference.
   *
   * @param other an amount in the same currency; never null
   * @return the difference; never null
   * @throws IllegalArgumentException if the currencies differ
   */
  public Money minus(Money other) {
    sameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /**
   * Product with an exact factor, e.g. hours.
   *
   * @param factor the factor; never null
   * @return the product; never null
   */
  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(factor), currency);
  }

  /**
   * The amount rounded to the currency's minor unit (cents for USD), half-even.
   *
   * @return the rounded amount; never null
   */
  public Money rounded() {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    return new Money(amount.setScale(digits, RoundingMode.HALF_EVEN), currency);
  }

  /**
   * The amount as a double, for hot loops; exact money stays in this object.
   *
   * @return the amount as the nearest double
   */
  public double toDouble() {
    return amount.doubleValue();
  }

  /**
   * Whether both amounts are equal in value and currency, ignoring scale ({@code 1.0 USD} is the same as {@code 1.00
   * USD}).
   *
   * @param other the other amount; never null
   * @return true if equal in value and currency
   */
  public boolean isSameAs(Money other) {
    return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
  }

  /**
   * Whether the amount is below zero.
   *
   * @return true for negative amounts
   */
  @JsonIgnore
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /**
   * Orders by value; both must be in the same currency.
   *
   * @throws IllegalArgumentException if the currencies differ
   */
  @Override
  public int compareTo(Money other) {
    sameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void sameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "money.currency must match: cannot combine " + currency + " with " + other.currency
              + " (convert explicitly first)");
    }
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
