package io.stratus.monitoring.spi;

import org.apiguardian.api.API;

/**
 * What a {@link MetricStore} did with one point. Series are append-only in time order: a point at or before the
 * series' last timestamp is never merged in.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AppendResult {
  /** Stored. */
  APPENDED,
  /** The last point again (same time, same bits); ignored, the series is unchanged. */
  DUPLICATE,
  /** Same time as the last point but another value; refused, the first value stays. */
  REJECTED_CONFLICT,
  /** Older than the last point; refused. */
  REJECTED_OUT_OF_ORDER;

  /**
   * Whether the point was refused.
   *
   * @return true for the {@code REJECTED_*} values
   */
  public boolean isRejection() {
    return this == REJECTED_CONFLICT || this == REJECTED_OUT_OF_ORDER;
  }
}
