package io.stratus.security.threat;

import io.stratus.InvalidConfigurationException;
import org.apiguardian.api.API;

/**
 * An attack-pattern rule text breaks the format of {@link AttackRule#parse}. The message names the line, the field,
 * the value and the rule. Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InvalidRuleException extends InvalidConfigurationException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String field;

  InvalidRuleException(int line, String field, String value, String rule) {
    super("attack rule line " + line + ": " + field + " '" + value + "' is invalid: " + rule);
    this.line = line;
    this.field = field;
  }

  /**
   * The 1-based line number.
   *
   * @return the line
   */
  public int line() {
    return line;
  }

  /**
   * The part that is wrong: {@code rule}, {@code parameter}, {@code threshold}, {@code window} or {@code severity}.
   *
   * @return the field; never null
   */
  public String field() {
    return field;
  }
}
