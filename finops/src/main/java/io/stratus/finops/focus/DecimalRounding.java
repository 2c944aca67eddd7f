package io.stratus.finops.focus;

import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A conformance finding of a fixed-scale write: how many values of one FOCUS decimal column had more than
 * {@link FocusDecimals#SCALE} digits after the point and were rounded ({@link FocusDecimals#ROUNDING}) to fit
 * {@code DECIMAL(38, 18)}, and the largest absolute change a rounding made. The values were written, not rejected.
 *
 * <p>Immutable and thread-safe.
 *
 * @param column the FOCUS column, e.g. {@code PricingQuantity}; never null
 * @param values how many values were rounded; at least 1
 * @param maxAbsoluteRounding the largest {@code |rounded - exact|}; positive and at most {@code 5E-19}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DecimalRounding(String column, long values, BigDecimal maxAbsoluteRounding) {
  /**
   * Validates.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code values} is below 1 or {@code maxAbsoluteRounding} is not positive
   */
  public DecimalRounding {
    Objects.requireNonNull(column, "decimalRounding.column must not be null");
    Objects.requireNonNull(maxAbsoluteRounding, "decimalRounding.maxAbsoluteRounding must not be null");
    if (values < 1 || maxAbsoluteRounding.signum() <= 0) {
      throw new IllegalArgumentException("decimalRounding.values must be at least 1 and maxAbsoluteRounding positive,"
          + " got values " + values + ", maxAbsoluteRounding " + maxAbsoluteRounding.toPlainString());
    }
  }

  /**
   * The finding of two writes of the same column together: counts summed, the larger maximum.
   *
   * @param other a finding of the same column; never null
   * @return the combined finding; never null
   * @throws IllegalArgumentException if the columns differ
   */
  public DecimalRounding plus(DecimalRounding other) {
    if (!column.equals(other.column)) {
      throw new IllegalArgumentException(
          "decimalRounding.plus needs the same column, got " + column + " and " + other.column);
    }
    return new DecimalRounding(column, values + other.values, maxAbsoluteRounding.max(other.maxAbsoluteRounding));
  }

  @Override
  public String toString() {
    return column + ": " + values + " value(s) with more than " + FocusDecimals.SCALE
        + " digits after the point rounded " + FocusDecimals.ROUNDING + " to fit DECIMAL(38, 18), max absolute rounding "
        + maxAbsoluteRounding.toPlainString();
  }
}
