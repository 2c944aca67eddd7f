package io.stratus.security.threat;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A detected attack. Immutable value.
 *
 * @param kind what was detected; never null
 * @param subject the principal id (brute force) or the source (credential stuffing); never null
 * @param failures the failed attempts inside the window when it was raised
 * @param distinctPrincipals how many principals those attempts named
 * @param at the event time of the attempt that raised it; never null
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Incident(Kind kind, String subject, int failures, int distinctPrincipals, Instant at) {

  /** What was detected. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Kind {
    /** Many failed attempts against one principal. */
    BRUTE_FORCE,
    /** Many failed attempts from one source against several principals. */
    CREDENTIAL_STUFFING
  }

  /** Checks the components. */
  public Incident {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(at, "at");
  }
}
