package io.stratus.security.threat;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * An audit event whose action is one the threat detectors read ({@link SecurityEvents}) breaks that action's
 * convention, e.g. an {@code apikey.request} whose resource does not name a key and a permission. The message names
 * the action, the field, the value and the rule. Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MalformedEventException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;

  MalformedEventException(String action, String field, String value, String rule) {
    super("audit event " + action + ": " + field + " '" + value + "' is invalid: " + rule);
    this.field = field;
    this.value = value;
  }

  /**
   * The event field that is wrong.
   *
   * @return e.g. {@code resource}; never null
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
