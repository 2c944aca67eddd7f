package io.stratus.monitoring.collect;

import com.tdunning.math.stats.TDigest;
import io.stratus.monitoring.internal.Checks;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The summary of one series over one aligned interval: count, sum, min, max, mean, and quantiles from a mergeable
 * t-digest sketch. Rollups of a finer resolution merge into a coarser one exactly for count, sum (up to floating-point
 * rounding), min and max; quantiles are approximate (t-digest, compression {@value #COMPRESSION}). NaN values are
 * gaps and are not counted.
 *
 * <p>Immutable and thread-safe: the sketch is compressed at construction and never changed.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Rollup {
  /** The t-digest compression used for every sketch. */
  public static final double COMPRESSION = 100;

  private final long startMillis;
  private final Duration resolution;
  private final long count;
  private final double sum;
  private final double min;
  private final double max;
  private final TDigest sketch;

  private Rollup(long startMillis, Duration resolution, long count, double sum, double min, double max,
      TDigest sketch) {
    this.startMillis = startMillis;
    this.resolution = resolution;
    this.count = count;
    this.sum = sum;
    this.min = min;
    this.max = max;
    sketch.compress();
    this.sketch = sketch;
  }

  /**
   * Summarizes values of one interval.
   *
   * @param startMillis the interval start, a multiple of the resolution
   * @param resolution the interval length, whole milliseconds {@code > 0}
   * @param values the values; NaN ones are skipped; must contain at least one other
   * @return the rollup; never null
   * @throws IllegalArgumentException if there is no non-NaN value, a value is infinite, or the start is not aligned
   */
  public static Rollup of(long startMillis, Duration resolution, double... values) {
    check(startMillis, resolution);
    TDigest d = TDigest.createMergingDigest(COMPRESSION);
    long n = 0;
    double s = 0;
    double mn = Double.POSITIVE_INFINITY;
    double mx = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (Double.isNaN(v)) {
        continue;
      }
      Checks.finite(v, "rollup value");
      d.add(v);
      n++;
      s += v;
      mn = Math.min(mn, v);
      mx = Math.max(mx, v);
    }
    if (n == 0) {
      throw new IllegalArgumentException("rollup needs at least one non-NaN value");
    }
    return new Rollup(startMillis, resolution, n, s, mn, mx, d);
  }

  /**
   * Merges finer rollups into one coarser interval.
   *
   * @param startMillis the coarser interval start, a multiple of {@code resolution}
   * @param resolution the coarser resolution
   * @param parts rollups whose intervals lie inside the coarser one; at least one
   * @return the merged rollup; never null
   * @throws IllegalArgumentException if a part lies outside the interval or is not finer
   */
  public static Rollup merge(long startMillis, Duration resolution, List<Rollup> parts) {
    check(startMillis, resolution);
    if (Checks.nonNull(parts, "parts").isEmpty()) {
      throw new IllegalArgumentException("parts must not be empty");
    }
    long end = startMillis + resolution.toMillis();
    TDigest d = TDigest.createMergingDigest(COMPRESSION);
    long n = 0;
    double s = 0;
    double mn = Double.POSITIVE_INFINITY;
    double mx = Double.NEGATIVE_INFINITY;
    for (Rollup p : parts) {
      if (p.startMillis < startMillis || p.startMillis + p.resolution.toMillis() > end) {
        throw new IllegalArgumentException("part [" + p.startMillis + ", +" + p.resolution + ") lies outside ["
            + startMillis + ", " + end + ")");
      }
      d.add(p.sketch);
      n += p.count;
      s += p.sum;
      mn = Math.min(mn, p.min);
      mx = Math.max(mx, p.max);
    }
    return new Rollup(startMillis, resolution, n, s, mn, mx, d);
  }

  private static void check(long startMillis, Duration resolution) {
    Checks.positive(resolution, "resolution");
    long ms = resolution.toMillis();
    if (!Duration.ofMillis(ms).equals(resolution)) {
      throw new IllegalArgumentException("resolution must be whole milliseconds, got " + resolution);
    }
    if (Math.floorMod(startMillis, ms) != 0) {
      throw new IllegalArgumentException("startMillis must be a multiple of the resolution " + resolution + ", got "
          + startMillis);
    }
  }

  /**
   * Interval start.
   *
   * @return epoch milliseconds
   */
  public long startMillis() {
    return startMillis;
  }

  /**
   * Interval length.
   *
   * @return the resolution; never null
   */
  public Duration resolution() {
    return resolution;
  }

  /**
   * Number of values.
   *
   * @return the count, {@code >= 1}
   */
  public long count() {
    return count;
  }

  /**
   * Sum of values.
   *
   * @return the sum
   */
  public double sum() {
    return sum;
  }

  /**
   * Smallest value.
   *
   * @return the minimum
   */
  public double min() {
    return min;
  }

  /**
   * Largest value.
   *
   * @return the maximum
   */
  public double max() {
    return max;
  }

  /**
   * Mean value.
   *
   * @return sum over count
   */
  public double avg() {
    return sum / count;
  }

  /**
   * An approximate quantile.
   *
   * @param q the quantile in [0, 1], e.g. 0.95
   * @return the estimate, within [min, max]
   * @throws IllegalArgumentException if q is outside [0, 1]
   */
  public double quantile(double q) {
    Checks.fraction(q, "q");
    synchronized (sketch) {
      return Math.max(min, Math.min(max, sketch.quantile(q)));
    }
  }

  /**
   * The median estimate.
   *
   * @return p50
   */
  public double p50() {
    return quantile(0.5);
  }

  /**
   * The 95th percentile estimate.
   *
   * @return p95
   */
  public double p95() {
    return quantile(0.95);
  }

  /**
   * The 99th percentile estimate.
   *
   * @return p99
   */
  public double p99() {
    return quantile(0.99);
  }

  @Override
  public String toString() {
    return "Rollup[" + startMillis + " +" + resolution + " n=" + count + " min=" + min + " max=" + max + " avg="
        + avg() + "]";
  }
}
