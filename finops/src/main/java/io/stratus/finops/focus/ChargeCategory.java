package io.stratus.finops.focus;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * FOCUS ChargeCategory: the highest-level classification of a charge.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ChargeCategory {
  /** Consumption of a resource or service. */
  USAGE("Usage"),
  /** Up-front or recurring purchase, e.g. a commitment fee. */
  PURCHASE("Purchase"),
  /** Tax. */
  TAX("Tax"),
  /** A credit received. */
  CREDIT("Credit"),
  /** Any other adjustment, e.g. a refund or rounding. */
  ADJUSTMENT("Adjustment");

  private final String focusValue;

  ChargeCategory(String focusValue) {
    this.focusValue = focusValue;
  }

  /**
   * The value as written in FOCUS files.
   *
   * @return e.g. {@code "Usage"}; never null
   */
  public String focusValue() {
    return focusValue;
  }

  /**
   * Parses a FOCUS value, ignoring case.
   *
   * @param value e.g. {@code "Usage"}; never null
   * @return the category; never null
   * @throws IllegalArgumentException if the value is not one of the FOCUS values
   */
  public static ChargeCategory fromFocus(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (ChargeCategory c : values()) {
      if (c.focusValue.toLowerCase(Locale.ROOT).equals(v)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "ChargeCategory must be one of Usage, Purchase, Tax, Credit, Adjustment, got '" + value + "'");
  }
}
