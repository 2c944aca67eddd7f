package io.stratus.timeseries;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Argument checks for series, shared by every time-series method. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SeriesValidation {

  private SeriesValidation() {}

  /**
   * Checks that a series is non-null and holds only finite values.
   *
   * @param values the series; must not be null
   * @param name the parameter name used in messages, e.g. {@code "y"}; never null
   * @return {@code values}, unchanged (not copied)
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException naming the first index and value that is NaN or infinite
   */
  public static double[] requireFinite(double[] values, String name) {
    Objects.requireNonNull(values, name);
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            name + "[" + i + "] = " + v + ": values must be finite"
                + (Double.isNaN(v) ? " (fill gaps first, e.g. with MissingValues.interpolate)" : ""));
      }
    }
    return values;
  }

  /**
   * Checks that a series has at least {@code min} values.
   *
   * @param values the series; must not be null
   * @param min the minimum length
   * @param what what needs the data, used in the message; never null
   * @return {@code values}, unchanged (not copied)
   * @throws NullPointerException if {@code values} is null
   * @throws SeriesTooShortException if {@code values.length < min}
   */
  public static double[] requireLength(double[] values, int min, String what) {
    Objects.requireNonNull(values, "values");
    if (values.length < min) {
      throw new SeriesTooShortException(what, min, values.length);
    }
    return values;
  }

  /**
   * Checks that every value is strictly positive (multiplicative models need it).
   *
   * @param values the series; must not be null
   * @return true when all values are {@code > 0}
   * @throws NullPointerException if {@code values} is null
   */
  public static boolean allPositive(double[] values) {
    Objects.requireNonNull(values, "values");
    for (double v : values) {
      if (!(v > 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks that a season period is valid ({@code >= 1}; 1 means non-seasonal).
   *
   * @param period the number of observations per seasonal cycle
   * @param name the parameter name used in messages; never null
   * @return {@code period}
   * @throws IllegalArgumentException if {@code period < 1}
   */
  public static int requirePeriod(int period, String name) {
    if (period < 1) {
      throw new IllegalArgumentException(name + " = " + period + ": a season period must be >= 1 (1 = no season)");
    }
    return period;
  }
}
