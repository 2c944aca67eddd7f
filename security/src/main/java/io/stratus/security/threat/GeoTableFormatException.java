package io.stratus.security.threat;

import io.stratus.InvalidConfigurationException;
import org.apiguardian.api.API;

/**
 * A line of a {@link TableGeoLocator} table breaks the format. The message names the table, the line number, the
 * field, the value and the rule. Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class GeoTableFormatException extends InvalidConfigurationException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final String field;

  GeoTableFormatException(String table, int line, String field, String value, String rule) {
    super(table + ":" + line + ": " + field + " '" + value + "' is invalid: " + rule);
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
   * The field that is wrong: {@code line}, {@code network}, {@code latitude}, {@code longitude} or {@code country}.
   *
   * @return the field; never null
   */
  public String field() {
    return field;
  }
}
