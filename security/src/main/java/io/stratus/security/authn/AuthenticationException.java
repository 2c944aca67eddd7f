package io.stratus.security.authn;

import io.stratus.StratusException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Presented credentials were refused. The message names the reason and, when known, the key id; it never contains a
 * secret. Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuthenticationException extends StratusException {
  private static final long serialVersionUID = 1L;

  /** Why authentication failed. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Reason {
    /** The credential does not have the expected shape. */
    MALFORMED,
    /** No credential with that id exists. */
    UNKNOWN,
    /** The id exists but the secret does not match. */
    WRONG_SECRET,
    /** The credential has expired (or its rotation overlap has ended). */
    EXPIRED,
    /** The credential was revoked. */
    REVOKED
  }

  private final Reason reason;

  AuthenticationException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Why authentication failed.
   *
   * @return the reason; never null
   */
  public Reason reason() {
    return reason;
  }
}
