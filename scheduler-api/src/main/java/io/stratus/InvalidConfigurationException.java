package io.stratus;

import org.apiguardian.api.API;

/**
 * The host's set-up is wrong: no provider found for a slot, several found where one was expected, a duplicate id, or a
 * configuration value that breaks a rule. The message lists the fixes.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class InvalidConfigurationException extends StratusException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and how to fix it; never null
   */
  public InvalidConfigurationException(String message) {
    super(message);
  }
}
