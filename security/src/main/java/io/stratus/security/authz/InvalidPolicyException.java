package io.stratus.security.authz;

import io.stratus.InvalidConfigurationException;
import org.apiguardian.api.API;

/**
 * An access-policy input breaks a rule: a malformed permission, scope or role name, an unknown role or tenant. The
 * message names the field, the value and the rule. Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class InvalidPolicyException extends InvalidConfigurationException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;

  /**
   * Creates the exception.
   *
   * @param field the input that is wrong, e.g. {@code permission}; never null
   * @param value the offending value as given; never null
   * @param rule the rule it breaks; never null
   */
  public InvalidPolicyException(String field, String value, String rule) {
    super(field + " '" + value + "' is invalid: " + rule);
    this.field = field;
    this.value = value;
  }

  /**
   * The input that is wrong.
   *
   * @return the field name; never null
   */
  public String field() {
    return field;
  }

  /**
   * The offending value.
   *
   * @return the value as given; never null
   */
  public String value() {
    return value;
  }
}
