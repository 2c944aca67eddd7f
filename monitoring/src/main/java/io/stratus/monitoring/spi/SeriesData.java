package io.stratus.monitoring.spi;

import io.stratus.monitoring.internal.Checks;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The points of one series read from a store, oldest first.
 *
 * <p>Immutable and thread-safe: the arrays are copied in and never handed out.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SeriesData {
  private final SeriesId series;
  private final long[] timestamps;
  private final double[] values;

  private SeriesData(SeriesId series, long[] timestamps, double[] values) {
    this.series = series;
    this.timestamps = timestamps;
    this.values = values;
  }

  /**
   * Copies points into a value.
   *
   * @param series the series; never null
   * @param timestamps epoch milliseconds, strictly increasing
   * @param values one per timestamp
   * @return the value; never null
   * @throws IllegalArgumentException if the lengths differ or timestamps do not increase
   */
  public static SeriesData of(SeriesId series, long[] timestamps, double[] values) {
    Checks.nonNull(series, "seriesData.series");
    Checks.nonNull(timestamps, "seriesData.timestamps");
    Checks.nonNull(values, "seriesData.values");
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("seriesData.timestamps and values must have the same length, got "
          + timestamps.length + " and " + values.length);
    }
    for (int i = 1; i < timestamps.length; i++) {
      if (timestamps[i] <= timestamps[i - 1]) {
        throw new IllegalArgumentException("seriesData.timestamps must increase strictly, got " + timestamps[i - 1]
            + " then " + timestamps[i] + " at index " + i);
      }
    }
    return new SeriesData(series, timestamps.clone(), values.clone());
  }

  static SeriesData wrap(SeriesId series, long[] timestamps, double[] values) {
    return new SeriesData(series, timestamps, values);
  }

  /**
   * The series.
   *
   * @return the id; never null
   */
  public SeriesId series() {
    return series;
  }

  /**
   * Number of points.
   *
   * @return the count
   */
  public int size() {
    return timestamps.length;
  }

  /**
   * The time of one point.
   *
   * @param index 0-based
   * @return epoch milliseconds
   * @throws IndexOutOfBoundsException if out of range
   */
  public long timestamp(int index) {
    return timestamps[index];
  }

  /**
   * The value of one point.
   *
   * @param index 0-based
   * @return the value
   * @throws IndexOutOfBoundsException if out of range
   */
  public double value(int index) {
    return values[index];
  }

  /**
   * A copy of the timestamps.
   *
   * @return a new array; never null
   */
  public long[] timestamps() {
    return timestamps.clone();
  }

  /**
   * A copy of the values.
   *
   * @return a new array; never null
   */
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SeriesData d) || !d.series.equals(series) || !Arrays.equals(d.timestamps, timestamps)) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(d.values[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return series.hashCode() * 31 + Arrays.hashCode(timestamps);
  }

  @Override
  public String toString() {
    return series + " (" + timestamps.length + " points)";
  }
}
