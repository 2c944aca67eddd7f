package io.stratus.simulation.workload;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * The base arrival rate of a workload over time, before seasonality and noise: constant, periodic (sinusoidal),
 * bursty (a two-state Markov-modulated Poisson process) or a random walk (geometric, reflected into bounds). Rates
 * are jobs per hour and are piecewise constant over the generator's rate step.
 *
 * <p>Immutable and thread-safe; the random state of the stateful patterns lives in the generator run.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ArrivalPattern {
  enum Kind {
    CONSTANT,
    PERIODIC,
    BURSTY,
    RANDOM_WALK
  }

  private final Kind kind;
  private final double a;
  private final double b;
  private final double c;
  private final double d;

  private ArrivalPattern(Kind kind, double a, double b, double c, double d) {
    this.kind = kind;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /**
   * A constant rate.
   *
   * @param perHour jobs per hour, {@code >= 0}
   * @return the pattern; never null
   * @throws IllegalArgumentException if the rate is negative or not finite
   */
  public static ArrivalPattern constant(double perHour) {
    nonNegative(perHour, "perHour");
    return new ArrivalPattern(Kind.CONSTANT, perHour, 0, 0, 0);
  }

  /**
   * A sinusoidal rate {@code mean * (1 + amplitude * sin(2 pi t / period))}.
   *
   * @param meanPerHour mean jobs per hour, {@code >= 0}
   * @param amplitude relative amplitude in [0, 1]
   * @param period the period; never null, positive
   * @return the pattern; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static ArrivalPattern periodic(double meanPerHour, double amplitude, Duration period) {
    nonNegative(meanPerHour, "meanPerHour");
    if (!(amplitude >= 0 && amplitude <= 1)) {
      throw new IllegalArgumentException("amplitude must be in [0, 1], was " + amplitude);
    }
    return new ArrivalPattern(Kind.PERIODIC, meanPerHour, amplitude, positiveSeconds(period, "period"), 0);
  }

  /**
   * A Markov-modulated rate: a calm state and a burst state with exponentially distributed sojourn times.
   *
   * @param calmPerHour rate in the calm state, {@code >= 0}
   * @param burstPerHour rate in the burst state, {@code >= 0}
   * @param meanCalm mean time in the calm state; never null, positive
   * @param meanBurst mean time in the burst state; never null, positive
   * @return the pattern; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static ArrivalPattern bursty(
      double calmPerHour, double burstPerHour, Duration meanCalm, Duration meanBurst) {
    nonNegative(calmPerHour, "calmPerHour");
    nonNegative(burstPerHour, "burstPerHour");
    return new ArrivalPattern(
        Kind.BURSTY, calmPerHour, burstPerHour, positiveSeconds(meanCalm, "meanCalm"),
        positiveSeconds(meanBurst, "meanBurst"));
  }

  /**
   * A geometric random walk: each hour the log rate moves by a normal step of standard deviation {@code volatility}
   * (scaled by the square root of the step), reflected into [min, max].
   *
   * @param startPerHour the starting rate, in [min, max]
   * @param volatility standard deviation of the log rate per square-root hour, {@code >= 0}
   * @param minPerHour lower bound, {@code > 0}
   * @param maxPerHour upper bound, {@code >= min}
   * @return the pattern; never null
   * @throws IllegalArgumentException if a value is out of range
   */
  public static ArrivalPattern randomWalk(
      double startPerHour, double volatility, double minPerHour, double maxPerHour) {
    nonNegative(volatility, "volatility");
    if (!(minPerHour > 0 && maxPerHour >= minPerHour && startPerHour >= minPerHour && startPerHour <= maxPerHour)) {
      throw new IllegalArgumentException(
          "randomWalk needs 0 < minPerHour <= startPerHour <= maxPerHour, was min=" + minPerHour + ", start="
              + startPerHour + ", max=" + maxPerHour);
    }
    return new ArrivalPattern(Kind.RANDOM_WALK, startPerHour, volatility, minPerHour, maxPerHour);
  }

  /**
   * Base rates (jobs per hour) for consecutive steps.
   *
   * @param steps number of steps
   * @param stepSeconds step length in seconds
   * @param offsetSeconds time of step 0 since the epoch of the pattern (for the phase of periodic patterns)
   * @param rnd the run's random stream
   * @return one rate per step
   */
  double[] rates(int steps, double stepSeconds, double offsetSeconds, SplittableRandom rnd) {
    double[] r = new double[steps];
    switch (kind) {
      case CONSTANT:
        java.util.Arrays.fill(r, a);
        break;
      case PERIODIC:
        for (int i = 0; i < steps; i++) {
          double t = offsetSeconds + (i + 0.5) * stepSeconds;
          r[i] = a * (1 + b * StrictMath.sin(2 * Math.PI * t / c));
        }
        break;
      case BURSTY: {
        boolean burst = false;
        double left = -StrictMath.log(1 - rnd.nextDouble()) * c;
        for (int i = 0; i < steps; i++) {
          // fraction of the step spent in each state, switching as many times as the sojourns dictate
          double remaining = stepSeconds;
          double weighted = 0;
          while (remaining > 0) {
            double span = Math.min(left, remaining);
            weighted += span * (burst ? b : a);
            remaining -= span;
            left -= span;
            if (left <= 0) {
              burst = !burst;
              left = -StrictMath.log(1 - rnd.nextDouble()) * (burst ? d : c);
            }
          }
          r[i] = weighted / stepSeconds;
        }
        break;
      }
      default: {
        double log = StrictMath.log(a);
        double lo = StrictMath.log(c);
        double hi = StrictMath.log(d);
        double sd = b * Math.sqrt(stepSeconds / 3600.0);
        for (int i = 0; i < steps; i++) {
          r[i] = StrictMath.exp(log);
          log += sd * gaussian(rnd);
          if (hi > lo) {
            while (log < lo || log > hi) {
              log = log < lo ? 2 * lo - log : 2 * hi - log;
            }
          } else {
            log = lo;
          }
        }
      }
    }
    return r;
  }

  static double gaussian(SplittableRandom rnd) {
    // Box-Muller on two uniform draws; deterministic for a stream position
    double u1 = 1 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  private static void nonNegative(double v, String name) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, was " + v);
    }
  }

  private static double positiveSeconds(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d.toNanos() / 1e9;
  }

  @Override
  public String toString() {
    return "ArrivalPattern[" + kind + ", " + a + ", " + b + ", " + c + ", " + d + "]";
  }
}
