package io.stratus;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A provider (a pricing catalog, a host's inventory, a billing source, ...) failed. Carries the id of the provider so a
 * host can route the failure, and the underlying cause.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ProviderException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final String providerId;

  /**
   * Creates the exception.
   *
   * @param providerId id of the provider that failed; never null
   * @param message what failed; never null
   * @param cause the underlying failure; may be null
   */
  public ProviderException(String providerId, String message, Throwable cause) {
    super("provider '" + Objects.requireNonNull(providerId, "providerId") + "': " + message, cause);
    this.providerId = providerId;
  }

  /**
   * The provider that failed.
   *
   * @return the provider id; never null
   */
  public String providerId() {
    return providerId;
  }
}
