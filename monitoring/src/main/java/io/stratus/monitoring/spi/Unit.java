package io.stratus.monitoring.spi;

import org.apiguardian.api.API;

/**
 * Units that providers report metrics in, each with its dimension and its factor to the dimension's base unit
 * (percent for utilization, bytes for data, bytes per second for throughput, seconds for durations, count for
 * counts). Conversion is only allowed within a dimension.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Unit {
  /** Percent, 0-100. Base of {@link Dimension#FRACTION}. */
  PERCENT(Dimension.FRACTION, 1),
  /** A ratio, 0-1. */
  RATIO(Dimension.FRACTION, 100),
  /** Bytes. Base of {@link Dimension#DATA}. */
  BYTES(Dimension.DATA, 1),
  /** Bits. */
  BITS(Dimension.DATA, 1.0 / 8),
  /** Kibibytes (1024 bytes). */
  KIBIBYTES(Dimension.DATA, 1024),
  /** Mebibytes. */
  MEBIBYTES(Dimension.DATA, 1024 * 1024),
  /** Bytes per second. Base of {@link Dimension#DATA_RATE}. */
  BYTES_PER_SECOND(Dimension.DATA_RATE, 1),
  /** Bits per second. */
  BITS_PER_SECOND(Dimension.DATA_RATE, 1.0 / 8),
  /** Seconds. Base of {@link Dimension#TIME}. */
  SECONDS(Dimension.TIME, 1),
  /** Milliseconds. */
  MILLISECONDS(Dimension.TIME, 1e-3),
  /** Microseconds. */
  MICROSECONDS(Dimension.TIME, 1e-6),
  /** A count of events or things. Base of {@link Dimension#COUNT}. */
  COUNT(Dimension.COUNT, 1),
  /** Events per second. Base of {@link Dimension#COUNT_RATE}. */
  COUNT_PER_SECOND(Dimension.COUNT_RATE, 1),
  /** Events per minute. */
  COUNT_PER_MINUTE(Dimension.COUNT_RATE, 1.0 / 60);

  /** What a unit measures. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Dimension {
    /** A share of a capacity. */
    FRACTION,
    /** An amount of data. */
    DATA,
    /** Data per unit of time. */
    DATA_RATE,
    /** A duration. */
    TIME,
    /** A number of events. */
    COUNT,
    /** Events per unit of time. */
    COUNT_RATE
  }

  private final Dimension dimension;
  private final double toBase;

  Unit(Dimension dimension, double toBase) {
    this.dimension = dimension;
    this.toBase = toBase;
  }

  /**
   * What this unit measures.
   *
   * @return the dimension; never null
   */
  public Dimension dimension() {
    return dimension;
  }

  /**
   * The rate dimension that a cumulative counter in this unit turns into, if any.
   *
   * @return {@code DATA_RATE} for data, {@code COUNT_RATE} for counts, else null
   */
  public Dimension rateDimension() {
    switch (dimension) {
      case DATA:
        return Dimension.DATA_RATE;
      case COUNT:
        return Dimension.COUNT_RATE;
      default:
        return null;
    }
  }

  /**
   * Converts a value in this unit to another unit of the same dimension. Exact when both factors are 1.
   *
   * @param value the value in this unit
   * @param target the target unit; never null
   * @return the value in the target unit
   * @throws IllegalArgumentException if the dimensions differ
   */
  public double convert(double value, Unit target) {
    if (target.dimension != dimension) {
      throw new IllegalArgumentException(
          "unit mismatch: cannot convert " + this + " (" + dimension + ") to " + target + " (" + target.dimension
              + ")");
    }
    if (target == this) {
      return value;
    }
    return value * toBase / target.toBase;
  }

  /**
   * The base-unit factor, for converting counters of this unit into rates.
   *
   * @return how many base units one of this unit is
   */
  public double toBase() {
    return toBase;
  }
}
