package io.stratus.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Puts observations at irregular timestamps onto a fixed frequency. Stateless and thread-safe.
 *
 * <p>Slots are aligned to the epoch: slot boundaries are multiples of {@code step} since 1970-01-01T00:00:00Z, so two
 * series resampled with the same step line up. Each observation falls in the slot {@code [k*step, (k+1)*step)} that
 * contains its timestamp; the observations of one slot are combined by an {@link Aggregation}; a slot with no
 * observation is {@code NaN} in the result (fill it with {@link RegularSeries#interpolatedValues()}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Resampler {

  /**
   * How the observations that fall into one slot are combined. Immutable.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Aggregation {
    /** Arithmetic mean (gauges such as CPU utilisation). */
    MEAN,
    /** Sum (counters per slot such as cost or requests). */
    SUM,
    /** Minimum. */
    MIN,
    /** Maximum. */
    MAX,
    /** The value with the latest timestamp in the slot (last one wins on ties). */
    LAST
  }

  private Resampler() {}

  /**
   * Resamples observations to slots of {@code step}.
   *
   * @param epochMillis observation timestamps in milliseconds since the epoch, non-decreasing; never null
   * @param values observation values, finite, same length as {@code epochMillis}; never null
   * @param step the slot width, a positive whole number of milliseconds; never null
   * @param aggregation how to combine observations in one slot; never null
   * @return the regular series from the slot of the first observation to the slot of the last; never null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the arrays are empty or differ in length, a value is not finite, a timestamp
   *     goes backwards (naming its index), or {@code step} is not positive
   */
  public static RegularSeries resample(long[] epochMillis, double[] values, Duration step, Aggregation aggregation) {
    Objects.requireNonNull(epochMillis, "epochMillis");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(aggregation, "aggregation");
    if (epochMillis.length != values.length) {
      throw new IllegalArgumentException("epochMillis.length = " + epochMillis.length + " but values.length = "
          + values.length + ": they must be equal");
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("values: at least one observation is needed");
    }
    long stepMs = step.toMillis();
    if (stepMs <= 0) {
      throw new IllegalArgumentException("step = " + step + ": must be at least 1 ms");
    }
    SeriesValidation.requireFinite(values, "values");
    for (int i = 1; i < epochMillis.length; i++) {
      if (epochMillis[i] < epochMillis[i - 1]) {
        throw new IllegalArgumentException("epochMillis[" + i + "] = " + epochMillis[i] + " < epochMillis[" + (i - 1)
            + "] = " + epochMillis[i - 1] + ": timestamps must be non-decreasing (sort them first)");
      }
    }
    long first = Math.floorDiv(epochMillis[0], stepMs);
    long last = Math.floorDiv(epochMillis[epochMillis.length - 1], stepMs);
    long slotsL = last - first + 1;
    if (slotsL > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("step = " + step + ": gives " + slotsL + " slots, too many for an array");
    }
    int slots = (int) slotsL;
    double[] acc = new double[slots];
    int[] counts = new int[slots];
    for (int i = 0; i < values.length; i++) {
      int k = (int) (Math.floorDiv(epochMillis[i], stepMs) - first);
      double v = values[i];
      if (counts[k] == 0) {
        acc[k] = v;
      } else {
        switch (aggregation) {
          case MEAN:
          case SUM:
            acc[k] += v;
            break;
          case MIN:
            acc[k] = Math.min(acc[k], v);
            break;
          case MAX:
            acc[k] = Math.max(acc[k], v);
            break;
          case LAST:
            acc[k] = v;
            break;
          default:
            throw new AssertionError(aggregation);
        }
      }
      counts[k]++;
    }
    for (int k = 0; k < slots; k++) {
      if (counts[k] == 0) {
        acc[k] = Double.NaN;
      } else if (aggregation == Aggregation.MEAN) {
        acc[k] /= counts[k];
      }
    }
    return new RegularSeries(Instant.ofEpochMilli(first * stepMs), Duration.ofMillis(stepMs), acc);
  }
}
