package io.stratus.security.spi;

import org.apiguardian.api.API;

/**
 * The result of checking a second-factor response.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum MfaOutcome {
  /** The response is valid. */
  ACCEPTED,
  /** A single-use recovery code was accepted and is now spent. */
  ACCEPTED_RECOVERY_CODE,
  /** The response is wrong or outside the accepted window. */
  REJECTED,
  /** The response was valid but already used (a replay). */
  REPLAYED,
  /** The principal has no enrollment with this provider. */
  NOT_ENROLLED
}
