package io.stratus.monitoring.spi;

import org.apiguardian.api.API;

/**
 * How points in one downsampling bucket are combined. NaN points are gaps and are skipped; a bucket with no other
 * point is left out.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Aggregation {
  /** Smallest value. */
  MIN,
  /** Largest value. */
  MAX,
  /** Sum of values. */
  SUM,
  /** Number of values. */
  COUNT,
  /** Arithmetic mean. */
  AVG,
  /** The last value in time. */
  LAST
}
