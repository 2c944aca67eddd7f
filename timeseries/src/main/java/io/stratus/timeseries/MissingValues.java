package io.stratus.timeseries;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Fills gaps in a series. Stateless and thread-safe.
 *
 * <p>Here, and only here (and in the output of {@link Resampler}), {@code NaN} means "missing". Gaps are filled by
 * linear interpolation between the nearest observed neighbours; leading and trailing gaps take the nearest observed
 * value (no extrapolation of a trend). Infinite values are never treated as missing: they are rejected.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MissingValues {

  private MissingValues() {}

  /**
   * Counts the missing ({@code NaN}) values.
   *
   * @param values the series; must not be null
   * @return the number of {@code NaN} entries
   * @throws NullPointerException if {@code values} is null
   */
  public static int count(double[] values) {
    Objects.requireNonNull(values, "values");
    int c = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        c++;
      }
    }
    return c;
  }

  /**
   * Returns a copy of the series with every {@code NaN} replaced by linear interpolation between its nearest observed
   * neighbours; leading/trailing gaps repeat the first/last observed value.
   *
   * @param values the series, {@code NaN} marking missing values; must not be null
   * @return a new array of the same length with only finite values; never null
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if a value is infinite (naming its index), or if every value is missing
   */
  public static double[] interpolate(double[] values) {
    Objects.requireNonNull(values, "values");
    double[] out = values.clone();
    int n = out.length;
    int prev = -1;
    for (int i = 0; i < n; i++) {
      double v = out[i];
      if (Double.isInfinite(v)) {
        throw new IllegalArgumentException("values[" + i + "] = " + v + ": infinite values cannot be interpolated");
      }
      if (Double.isNaN(v)) {
        continue;
      }
      if (prev < 0) {
        for (int j = 0; j < i; j++) {
          out[j] = v;
        }
      } else if (i - prev > 1) {
        double a = out[prev];
        int span = i - prev;
        for (int j = prev + 1; j < i; j++) {
          out[j] = a + (v - a) * (j - prev) / span;
        }
      }
      prev = i;
    }
    if (prev < 0 && n > 0) {
      throw new IllegalArgumentException("values: all " + n + " values are missing (NaN); nothing to interpolate from");
    }
    for (int j = prev + 1; j < n; j++) {
      out[j] = out[prev];
    }
    return out;
  }
}
