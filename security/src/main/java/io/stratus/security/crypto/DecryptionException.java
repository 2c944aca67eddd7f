package io.stratus.security.crypto;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * An envelope could not be decrypted: malformed header, unknown key id, or an authentication failure (altered
 * ciphertext, wrong associated data or key). No plaintext is ever released in that case. Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DecryptionException extends StratusException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed; never contains key material; never null
   * @param cause the underlying failure; may be null
   */
  public DecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
