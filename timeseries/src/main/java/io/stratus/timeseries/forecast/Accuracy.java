package io.stratus.timeseries.forecast;

import io.stratus.timeseries.SeriesValidation;
import org.apiguardian.api.API;

/**
 * Forecast accuracy measures exactly as the M4 competition defines them (Makridakis, Spiliotis &amp; Assimakopoulos,
 * 2020), plus interval coverage. Stateless and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Accuracy {

  private Accuracy() {}

  /**
   * Symmetric MAPE in percent: {@code (200 / h) * sum |y - f| / (|y| + |f|)}. A step where both actual and forecast
   * are zero counts as a perfect forecast (0) instead of 0/0.
   *
   * @param actual the true future values; never null, finite
   * @param forecast the point forecasts; same length, finite
   * @return the sMAPE in percent, in {@code [0, 200]}
   * @throws IllegalArgumentException if the lengths differ, are zero, or a value is not finite
   */
  public static double smape(double[] actual, double[] forecast) {
    check(actual, forecast);
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      double den = Math.abs(actual[i]) + Math.abs(forecast[i]);
      s += den == 0 ? 0 : 2 * Math.abs(actual[i] - forecast[i]) / den;
    }
    return 100 * s / actual.length;
  }

  /**
   * Mean absolute scaled error: the mean absolute forecast error divided by the in-sample mean absolute error of the
   * seasonal naive method with period {@code m} ({@code 1/(n-m) * sum_{t>m} |y_t - y_{t-m}|}). As in M4's code, a
   * history not longer than {@code m} is scaled with {@code m = 1}.
   *
   * @param insample the history the forecast was made from; never null, at least 2 values, finite
   * @param actual the true future values; never null, finite
   * @param forecast the point forecasts; same length as {@code actual}, finite
   * @param m the seasonal period of the scale (M4: 24 for hourly, 1 for daily)
   * @return the MASE, {@code >= 0}
   * @throws IllegalArgumentException if lengths mismatch, a value is not finite, {@code m < 1}, or the scale is zero
   *     (a history that repeats itself exactly every {@code m} steps)
   */
  public static double mase(double[] insample, double[] actual, double[] forecast, int m) {
    SeriesValidation.requireFinite(insample, "insample");
    SeriesValidation.requireLength(insample, 2, "MASE scale");
    SeriesValidation.requirePeriod(m, "m");
    check(actual, forecast);
    int lag = insample.length > m ? m : 1;
    double scale = 0;
    for (int t = lag; t < insample.length; t++) {
      scale += Math.abs(insample[t] - insample[t - lag]);
    }
    scale /= insample.length - lag;
    if (scale == 0) {
      throw new IllegalArgumentException("insample: the lag-" + lag + " naive error is 0, so MASE is undefined");
    }
    double e = 0;
    for (int i = 0; i < actual.length; i++) {
      e += Math.abs(actual[i] - forecast[i]);
    }
    return e / actual.length / scale;
  }

  /**
   * Overall weighted average as M4 defines it: the mean of a method's sMAPE and MASE, each relative to Naive2's,
   * where each input is already averaged over all series of the set.
   *
   * @param smape the method's mean sMAPE
   * @param mase the method's mean MASE
   * @param smapeNaive2 Naive2's mean sMAPE on the same series; positive
   * @param maseNaive2 Naive2's mean MASE on the same series; positive
   * @return {@code (smape / smapeNaive2 + mase / maseNaive2) / 2}
   * @throws IllegalArgumentException if a value is not finite or a Naive2 value is not positive
   */
  public static double owa(double smape, double mase, double smapeNaive2, double maseNaive2) {
    SeriesValidation.requireFinite(new double[] {smape, mase, smapeNaive2, maseNaive2}, "owa inputs");
    if (!(smapeNaive2 > 0) || !(maseNaive2 > 0)) {
      throw new IllegalArgumentException("smapeNaive2 = " + smapeNaive2 + ", maseNaive2 = " + maseNaive2
          + ": Naive2's errors must be positive");
    }
    return 0.5 * (smape / smapeNaive2 + mase / maseNaive2);
  }

  /**
   * Fraction of actual values that fall inside {@code [lower, upper]} (inclusive).
   *
   * @param actual the true values; never null, finite
   * @param lower lower interval bounds; same length
   * @param upper upper interval bounds; same length
   * @return the coverage in {@code [0, 1]}
   * @throws IllegalArgumentException if the lengths differ, are zero, or a value is not finite
   */
  public static double coverage(double[] actual, double[] lower, double[] upper) {
    check(actual, lower);
    check(actual, upper);
    int in = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
        in++;
      }
    }
    return (double) in / actual.length;
  }

  private static void check(double[] actual, double[] other) {
    SeriesValidation.requireFinite(actual, "actual");
    SeriesValidation.requireFinite(other, "forecast");
    if (actual.length == 0 || actual.length != other.length) {
      throw new IllegalArgumentException("actual.length = " + actual.length + ", forecast.length = " + other.length
          + ": must be equal and non-zero");
    }
  }
}
