package io.stratus.timeseries.forecast;

import io.stratus.timeseries.NonFiniteStateException;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A point forecast with 80% and 95% prediction intervals for horizons {@code 1..h}. Immutable and thread-safe;
 * arrays are copied in and out.
 *
 * <p>Invariant, checked at construction: for every step {@code lower95 <= lower80 <= mean <= upper80 <= upper95},
 * all finite.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Forecast {

  /** Standard normal quantile for a central 80% interval. */
  static final double Z80 = 1.2815515655446004;
  /** Standard normal quantile for a central 95% interval. */
  static final double Z95 = 1.959963984540054;

  private final String model;
  private final double[] mean;
  private final double[] lower80;
  private final double[] upper80;
  private final double[] lower95;
  private final double[] upper95;

  private Forecast(String model, double[] mean, double[] lower80, double[] upper80, double[] lower95,
      double[] upper95) {
    this.model = model;
    this.mean = mean;
    this.lower80 = lower80;
    this.upper80 = upper80;
    this.lower95 = lower95;
    this.upper95 = upper95;
  }

  /**
   * Creates a forecast from its parts.
   *
   * @param model the name of the model that produced it; never null
   * @param mean point forecasts; never null, length {@code h >= 1}
   * @param lower80 lower bounds of the 80% intervals; same length
   * @param upper80 upper bounds of the 80% intervals; same length
   * @param lower95 lower bounds of the 95% intervals; same length
   * @param upper95 upper bounds of the 95% intervals; same length
   * @return the forecast; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if lengths differ, are zero, a value is not finite, or the bounds are not nested
   *     around the mean (naming the step and values)
   */
  public static Forecast of(String model, double[] mean, double[] lower80, double[] upper80, double[] lower95,
      double[] upper95) {
    Objects.requireNonNull(model, "model");
    double[][] parts = {mean, lower80, upper80, lower95, upper95};
    String[] names = {"mean", "lower80", "upper80", "lower95", "upper95"};
    for (int k = 0; k < parts.length; k++) {
      Objects.requireNonNull(parts[k], names[k]);
    }
    int h = mean.length;
    if (h == 0) {
      throw new IllegalArgumentException("mean: a forecast needs at least one step");
    }
    double[][] copies = new double[parts.length][];
    for (int k = 0; k < parts.length; k++) {
      if (parts[k].length != h) {
        throw new IllegalArgumentException(
            names[k] + ".length = " + parts[k].length + ": must equal mean.length = " + h);
      }
      copies[k] = parts[k].clone();
      for (int i = 0; i < h; i++) {
        if (!Double.isFinite(copies[k][i])) {
          throw new IllegalArgumentException(names[k] + "[" + i + "] = " + copies[k][i] + ": must be finite");
        }
      }
    }
    for (int i = 0; i < h; i++) {
      double l95 = copies[3][i];
      double l80 = copies[1][i];
      double m = copies[0][i];
      double u80 = copies[2][i];
      double u95 = copies[4][i];
      if (!(l95 <= l80 && l80 <= m && m <= u80 && u80 <= u95)) {
        throw new IllegalArgumentException("step " + i + ": bounds not nested (lower95=" + l95 + ", lower80=" + l80
            + ", mean=" + m + ", upper80=" + u80 + ", upper95=" + u95 + "); need lower95 <= lower80 <= mean <= "
            + "upper80 <= upper95");
      }
    }
    return new Forecast(model, copies[0], copies[1], copies[2], copies[3], copies[4]);
  }

  /** Normal intervals {@code mean +- z * sd}. */
  static Forecast gaussian(String model, double[] mean, double[] sd) {
    int h = mean.length;
    double[] l80 = new double[h];
    double[] u80 = new double[h];
    double[] l95 = new double[h];
    double[] u95 = new double[h];
    for (int i = 0; i < h; i++) {
      if (!(sd[i] >= 0) || Double.isInfinite(sd[i])) {
        throw new NonFiniteStateException(model, "forecast step " + (i + 1) + " standard deviation = " + sd[i],
            "the model diverged on this series");
      }
      double s = sd[i];
      l80[i] = mean[i] - Z80 * s;
      u80[i] = mean[i] + Z80 * s;
      l95[i] = mean[i] - Z95 * s;
      u95[i] = mean[i] + Z95 * s;
    }
    double[][] parts = {mean, l80, u80, l95, u95};
    for (double[] part : parts) {
      checkFinite(model, part);
    }
    return new Forecast(model, mean, l80, u80, l95, u95);
  }

  /** Throws {@link NonFiniteStateException} naming the first step whose value is NaN or infinite. */
  static void checkFinite(String model, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new NonFiniteStateException(model, "forecast step " + (i + 1) + " = " + values[i],
            "the model diverged or the values exceed the double range");
      }
    }
  }

  /** Shares arrays the caller built and never touches again. */
  static Forecast wrap(String model, double[] mean, double[] l80, double[] u80, double[] l95, double[] u95) {
    return new Forecast(model, mean, l80, u80, l95, u95);
  }

  /**
   * Returns the name of the model that produced the forecast.
   *
   * @return the model name, e.g. {@code "ETS(A,Ad,A)"}; never null
   */
  public String model() {
    return model;
  }

  /**
   * Returns the number of steps.
   *
   * @return the horizon {@code h}
   */
  public int horizon() {
    return mean.length;
  }

  /**
   * Returns the point forecasts.
   *
   * @return a new array of length {@code h}; never null
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Returns the lower bounds of the 80% prediction intervals.
   *
   * @return a new array of length {@code h}; never null
   */
  public double[] lower80() {
    return lower80.clone();
  }

  /**
   * Returns the upper bounds of the 80% prediction intervals.
   *
   * @return a new array of length {@code h}; never null
   */
  public double[] upper80() {
    return upper80.clone();
  }

  /**
   * Returns the lower bounds of the 95% prediction intervals.
   *
   * @return a new array of length {@code h}; never null
   */
  public double[] lower95() {
    return lower95.clone();
  }

  /**
   * Returns the upper bounds of the 95% prediction intervals.
   *
   * @return a new array of length {@code h}; never null
   */
  public double[] upper95() {
    return upper95.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Forecast)) {
      return false;
    }
    Forecast f = (Forecast) o;
    return f.model.equals(model) && Arrays.equals(f.mean, mean) && Arrays.equals(f.lower80, lower80)
        && Arrays.equals(f.upper80, upper80) && Arrays.equals(f.lower95, lower95) && Arrays.equals(f.upper95, upper95);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, Arrays.hashCode(mean), Arrays.hashCode(lower95), Arrays.hashCode(upper95));
  }

  @Override
  public String toString() {
    return "Forecast[model=" + model + ", h=" + mean.length + ", mean[0]=" + mean[0] + "]";
  }
}
