package io.stratus.finops.optimize;

import org.apiguardian.api.API;

/**
 * How likely a recommendation is to hurt, on one axis (performance or interruption).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Risk {
  /** No effect expected. */
  NONE,
  /** A small effect is possible. */
  LOW,
  /** A noticeable effect is possible; test before rolling out. */
  MEDIUM,
  /** A significant effect is likely; needs a plan. */
  HIGH
}
