package io.stratus.simulation.scenario;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * A scenario file is malformed or breaks a rule. The message names the source, the line and column, and the field
 * (as a JSON path such as {@code workloads[1].arrivals.perHour}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ScenarioFormatException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param source the file name; never null
   * @param line 1-based line, or 0 if unknown
   * @param column 1-based column, or 0 if unknown
   * @param field the JSON path of the field at fault; never null
   * @param problem what is wrong; never null
   * @param cause the parser's exception, or null
   */
  public ScenarioFormatException(String source, int line, int column, String field, String problem, Throwable cause) {
    super(source + ":" + line + ":" + column + ": field '" + field + "': " + problem, cause);
    this.line = line;
    this.column = column;
    this.field = field;
  }

  /**
   * The line.
   *
   * @return 1-based line, or 0 if unknown
   */
  public int line() {
    return line;
  }

  /**
   * The column.
   *
   * @return 1-based column, or 0 if unknown
   */
  public int column() {
    return column;
  }

  /**
   * The field.
   *
   * @return the JSON path of the field; never null
   */
  public String field() {
    return field;
  }
}
