package io.stratus.simulation.workload;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * A distribution of job durations: fixed, exponential, log-normal or uniform. Samples are rounded to whole
 * milliseconds and are at least one millisecond.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DurationDistribution {
  private enum Kind {
    FIXED,
    EXPONENTIAL,
    LOGNORMAL,
    UNIFORM
  }

  private final Kind kind;
  private final double a;
  private final double b;

  private DurationDistribution(Kind kind, double a, double b) {
    this.kind = kind;
    this.a = a;
    this.b = b;
  }

  /**
   * Always the same duration.
   *
   * @param value the duration; never null, positive
   * @return the distribution; never null
   * @throws IllegalArgumentException if the duration is not positive
   */
  public static DurationDistribution fixed(Duration value) {
    return new DurationDistribution(Kind.FIXED, seconds(value, "value"), 0);
  }

  /**
   * Exponentially distributed durations.
   *
   * @param mean the mean; never null, positive
   * @return the distribution; never null
   * @throws IllegalArgumentException if the mean is not positive
   */
  public static DurationDistribution exponential(Duration mean) {
    return new DurationDistribution(Kind.EXPONENTIAL, seconds(mean, "mean"), 0);
  }

  /**
   * Log-normally distributed durations (heavy-tailed, typical of batch jobs).
   *
   * @param median the median; never null, positive
   * @param sigma the standard deviation of the log duration, {@code >= 0}
   * @return the distribution; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static DurationDistribution logNormal(Duration median, double sigma) {
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and >= 0, was " + sigma);
    }
    return new DurationDistribution(Kind.LOGNORMAL, seconds(median, "median"), sigma);
  }

  /**
   * Uniformly distributed durations in [min, max].
   *
   * @param min the minimum; never null, positive
   * @param max the maximum; never null, {@code >= min}
   * @return the distribution; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static DurationDistribution uniform(Duration min, Duration max) {
    double lo = seconds(min, "min");
    double hi = seconds(max, "max");
    if (hi < lo) {
      throw new IllegalArgumentException("max must be >= min, was min=" + min + ", max=" + max);
    }
    return new DurationDistribution(Kind.UNIFORM, lo, hi);
  }

  /**
   * The mean of the distribution.
   *
   * @return the mean; never null
   */
  public Duration mean() {
    double s;
    switch (kind) {
      case LOGNORMAL:
        s = a * StrictMath.exp(b * b / 2);
        break;
      case UNIFORM:
        s = (a + b) / 2;
        break;
      default:
        s = a;
    }
    return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
  }

  Duration sample(SplittableRandom rnd) {
    double s;
    switch (kind) {
      case EXPONENTIAL:
        s = -StrictMath.log(1 - rnd.nextDouble()) * a;
        break;
      case LOGNORMAL:
        s = a * StrictMath.exp(b * ArrivalPattern.gaussian(rnd));
        break;
      case UNIFORM:
        s = a + (b - a) * rnd.nextDouble();
        break;
      default:
        s = a;
    }
    return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
  }

  private static double seconds(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d.toNanos() / 1e9;
  }

  @Override
  public String toString() {
    return "DurationDistribution[" + kind + ", " + a + ", " + b + "]";
  }
}
