package io.stratus.finops.focus;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * FOCUS ChargeFrequency: how often a charge occurs.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ChargeFrequency {
  /** Charged once, e.g. an up-front fee. */
  ONE_TIME("One-Time"),
  /** Charged on a schedule, e.g. a monthly commitment fee. */
  RECURRING("Recurring"),
  /** Charged as used. */
  USAGE_BASED("Usage-Based");

  private final String focusValue;

  ChargeFrequency(String focusValue) {
    this.focusValue = focusValue;
  }

  /**
   * The value as written in FOCUS files.
   *
   * @return e.g. {@code "Usage-Based"}; never null
   */
  public String focusValue() {
    return focusValue;
  }

  /**
   * Parses a FOCUS value, ignoring case (real exports write both {@code Usage-Based} and {@code Usage-based}).
   *
   * @param value e.g. {@code "One-Time"}; never null
   * @return the frequency; never null
   * @throws IllegalArgumentException if the value is not one of the FOCUS values
   */
  public static ChargeFrequency fromFocus(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (ChargeFrequency f : values()) {
      if (f.focusValue.toLowerCase(Locale.ROOT).equals(v)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "ChargeFrequency must be one of One-Time, Recurring, Usage-Based, got '" + value + "'");
  }
}
