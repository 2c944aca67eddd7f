package io.stratus.monitoring.spi;

import org.apiguardian.api.API;

/**
 * How a reported value behaves over time.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum MetricKind {
  /** A level measured at an instant (utilization, queue length) or an average over the reporting interval. */
  GAUGE,
  /** A cumulative, monotonically increasing total that may reset to zero when its process restarts. */
  COUNTER
}
