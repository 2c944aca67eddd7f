package io.stratus.monitoring.alerting;

import io.stratus.monitoring.internal.Checks;
import io.stratus.timeseries.anomaly.StreamingDetector;
import java.time.Duration;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * When an alert rule's condition holds for one series. Built-in kinds: a static threshold with a separate clearing
 * level (value hysteresis), a rate of change per second, an anomaly label from a per-series {@link
 * StreamingDetector} (a dynamic baseline from the time-series engine), and absent data (a series that stopped
 * reporting).
 *
 * <p>Implementations are immutable and thread-safe; per-series state lives in the {@link AlertEngine}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface Condition permits Condition.Threshold, Condition.RateOfChange, Condition.Anomaly,
    Condition.Absent {

  /** Which side of a level is bad. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  enum Direction {
    /** Values above the level are bad. */
    ABOVE,
    /** Values below the level are bad. */
    BELOW
  }

  /**
   * A static threshold: becomes true past {@code level}, and once true stays true until the value is back on the
   * good side of {@code clearLevel} (for {@link Direction#ABOVE}: true when {@code v > level}, false again when
   * {@code v <= clearLevel}).
   *
   * @param direction which side is bad
   * @param level the level that triggers
   * @param clearLevel the level that clears; not past {@code level} on the bad side
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record Threshold(Direction direction, double level, double clearLevel) implements Condition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a level is not finite or the clearing level is on the bad side
     */
    public Threshold {
      Checks.nonNull(direction, "threshold.direction");
      Checks.finite(level, "threshold.level");
      Checks.finite(clearLevel, "threshold.clearLevel");
      if (direction == Direction.ABOVE ? clearLevel > level : clearLevel < level) {
        throw new IllegalArgumentException("threshold.clearLevel must be on the good side of level " + level
            + " for " + direction + ", got " + clearLevel);
      }
    }
  }

  /**
   * A rate of change between consecutive points, in units per second: true while the rate is past {@code perSecond}
   * in the given direction.
   *
   * @param direction {@link Direction#ABOVE} for rises faster than the rate, {@link Direction#BELOW} for falls (use a
   *     negative rate)
   * @param perSecond the rate
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record RateOfChange(Direction direction, double perSecond) implements Condition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the rate is not finite
     */
    public RateOfChange {
      Checks.nonNull(direction, "rateOfChange.direction");
      Checks.finite(perSecond, "rateOfChange.perSecond");
    }
  }

  /**
   * True while the series' own detector labels points anomalous; each series gets a fresh detector from the factory.
   *
   * @param detectors creates one detector per series, e.g. {@code Detectors::robustZScore}
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record Anomaly(Supplier<StreamingDetector> detectors) implements Condition {
    /**
     * Validates.
     *
     * @throws NullPointerException if the factory is null
     */
    public Anomaly {
      Checks.nonNull(detectors, "anomaly.detectors");
    }
  }

  /**
   * True while a series that has reported before has sent no sample for {@code after}, as measured by the engine's
   * clock at each {@link AlertEngine#tick()}; false again as soon as a sample arrives. A series is watched from its
   * first sample (a series that never reported cannot be missed); NaN samples are gaps and do not count as data.
   *
   * @param after how long a series may stay silent, {@code > 0}
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record Absent(Duration after) implements Condition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the duration is not positive
     */
    public Absent {
      Checks.positive(after, "absent.after");
    }
  }

  /**
   * {@code value > level}, clearing at {@code value <= level}.
   *
   * @param level the level
   * @return the condition; never null
   */
  static Threshold above(double level) {
    return new Threshold(Direction.ABOVE, level, level);
  }

  /**
   * {@code value > level}, clearing only at {@code value <= clearLevel}.
   *
   * @param level the level
   * @param clearLevel the clearing level, {@code <= level}
   * @return the condition; never null
   */
  static Threshold above(double level, double clearLevel) {
    return new Threshold(Direction.ABOVE, level, clearLevel);
  }

  /**
   * {@code value < level}, clearing at {@code value >= level}.
   *
   * @param level the level
   * @return the condition; never null
   */
  static Threshold below(double level) {
    return new Threshold(Direction.BELOW, level, level);
  }

  /**
   * Rises faster than {@code perSecond}.
   *
   * @param perSecond units per second
   * @return the condition; never null
   */
  static RateOfChange risingFasterThan(double perSecond) {
    return new RateOfChange(Direction.ABOVE, perSecond);
  }

  /**
   * No sample for {@code after}.
   *
   * @param after how long a series may stay silent, {@code > 0}
   * @return the condition; never null
   */
  static Absent absentFor(Duration after) {
    return new Absent(after);
  }

  /**
   * Anomalous according to a per-series detector.
   *
   * @param detectors the detector factory
   * @return the condition; never null
   */
  static Anomaly anomalous(Supplier<StreamingDetector> detectors) {
    return new Anomaly(detectors);
  }
}
