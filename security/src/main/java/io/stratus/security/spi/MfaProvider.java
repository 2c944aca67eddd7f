package io.stratus.security.spi;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A second authentication factor. The default is TOTP ({@code io.stratus.security.authn.TotpMfaProvider}); hosts
 * plug WebAuthn or an identity provider through this interface and {@link java.util.ServiceLoader}. Implementations
 * must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MfaProvider {

  /**
   * A unique id for this provider, e.g. {@code totp}.
   *
   * @return the id; never null
   */
  String id();

  /**
   * Enrolls (or re-enrolls, replacing the previous enrollment) a principal.
   *
   * @param principalId the principal's id; never null
   * @return the set-up material to hand to the principal once; never null
   */
  MfaEnrollment enroll(String principalId);

  /**
   * Checks a response (a code or a recovery code) given at an instant. Accepted responses cannot be replayed.
   *
   * @param principalId the principal's id; never null
   * @param response what the principal entered; never null
   * @param at when it was entered, from the host's clock; never null
   * @return the outcome; never null
   */
  MfaOutcome verify(String principalId, String response, Instant at);

  /**
   * Removes a principal's enrollment.
   *
   * @param principalId the principal's id; never null
   * @return true if there was one
   */
  boolean unenroll(String principalId);
}
