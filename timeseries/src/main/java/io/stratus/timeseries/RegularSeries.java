package io.stratus.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A series at a fixed frequency: a start instant, a step and the values; {@code NaN} marks a slot with no
 * observation. Immutable and thread-safe; the values are copied in and out.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RegularSeries {

  private final Instant start;
  private final Duration step;
  private final double[] values;

  /**
   * Creates a regular series.
   *
   * @param start the instant of the first slot; never null
   * @param step the distance between slots; positive
   * @param values the values ({@code NaN} = missing, infinite rejected); copied; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code step} is not positive or a value is infinite
   */
  public RegularSeries(Instant start, Duration step, double[] values) {
    this.start = Objects.requireNonNull(start, "start");
    this.step = Objects.requireNonNull(step, "step");
    if (step.isZero() || step.isNegative()) {
      throw new IllegalArgumentException("step = " + step + ": must be positive");
    }
    this.values = Objects.requireNonNull(values, "values").clone();
    for (int i = 0; i < this.values.length; i++) {
      if (Double.isInfinite(this.values[i])) {
        throw new IllegalArgumentException("values[" + i + "] = " + this.values[i] + ": must be finite or NaN");
      }
    }
  }

  /**
   * Returns the instant of the first slot.
   *
   * @return the start; never null
   */
  public Instant start() {
    return start;
  }

  /**
   * Returns the distance between slots.
   *
   * @return the step; never null
   */
  public Duration step() {
    return step;
  }

  /**
   * Returns the number of slots.
   *
   * @return the length
   */
  public int size() {
    return values.length;
  }

  /**
   * Returns the instant of slot {@code i}.
   *
   * @param i the slot index, {@code 0 <= i < size()}
   * @return the instant {@code start + i * step}; never null
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public Instant instantAt(int i) {
    Objects.checkIndex(i, values.length);
    return start.plus(step.multipliedBy(i));
  }

  /**
   * Returns a copy of the values; {@code NaN} marks slots with no observation.
   *
   * @return a new array; never null
   */
  public double[] values() {
    return values.clone();
  }

  /**
   * Returns the number of slots with no observation.
   *
   * @return the count of {@code NaN} values
   */
  public int missingCount() {
    return MissingValues.count(values);
  }

  /**
   * Returns the values with gaps filled as {@link MissingValues#interpolate(double[])} documents.
   *
   * @return a new array of finite values; never null
   * @throws IllegalArgumentException if every slot is empty
   */
  public double[] interpolatedValues() {
    return MissingValues.interpolate(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegularSeries
        && ((RegularSeries) o).start.equals(start)
        && ((RegularSeries) o).step.equals(step)
        && Arrays.equals(((RegularSeries) o).values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(start, step, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "RegularSeries[start=" + start + ", step=" + step + ", size=" + values.length + ", missing="
        + missingCount() + "]";
  }
}
