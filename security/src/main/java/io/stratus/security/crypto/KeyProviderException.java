package io.stratus.security.crypto;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * A key store could not be opened, read or saved (wrong passphrase, damaged or unwritable file). The message names
 * the file; it never contains key material. Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class KeyProviderException extends StratusException {
  private static final long serialVersionUID = 1L;

  KeyProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
