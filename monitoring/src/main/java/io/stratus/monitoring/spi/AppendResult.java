package io.stratus.monitoring.spi;

import org.apiguardian.api.API;

/**
 * What a {@link MetricStore} did with one point. Series are append-only in time order, except that a store may accept
 * points up to its {@link MetricStore#outOfOrderWindow()} behind the series' newest point; an older point is never
 * merged in.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AppendResult {
  /** Stored. */
  APPENDED,
  /** A stored point again (same time, same bits); ignored, the series is unchanged. */
  DUPLICATE,
  /** Same time as a stored point but another value; refused, the first value stays. */
  REJECTED_CONFLICT,
  /** Older than the newest point by more than the store's out-of-order window (zero by default); refused. */
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
