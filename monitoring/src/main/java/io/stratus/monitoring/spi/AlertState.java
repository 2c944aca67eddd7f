package io.stratus.monitoring.spi;

import org.apiguardian.api.API;

/**
 * The lifecycle of one alert instance: {@code PENDING -> FIRING -> RESOLVED}. A pending alert whose condition clears
 * before its {@code for} duration is discarded without ever firing; a firing alert always ends as resolved. A new
 * occurrence after that is a new instance with the same fingerprint.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum AlertState {
  /** The condition holds, but not yet for the rule's {@code for} duration. */
  PENDING,
  /** The condition has held long enough; the alert is active. */
  FIRING,
  /** It fired and has cleared. */
  RESOLVED
}
