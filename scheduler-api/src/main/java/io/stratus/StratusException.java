package io.stratus;

import org.apiguardian.api.API;

/**
 * Root of every exception the Stratus SDK throws on purpose. Unchecked; subclasses say who has to act:
 * {@link InvalidConfigurationException} for host set-up, {@link ProviderException} for a provider's failure.
 * Caller mistakes on a single argument are plain {@link IllegalArgumentException}s instead.
 *
 * <p>Instances are immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class StratusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and how to fix it; never null
   */
  public StratusException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong and how to fix it; never null
   * @param cause the underlying failure; may be null
   */
  public StratusException(String message, Throwable cause) {
    super(message, cause);
  }
}
