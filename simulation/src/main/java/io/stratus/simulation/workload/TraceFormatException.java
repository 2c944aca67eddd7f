package io.stratus.simulation.workload;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * A trace file does not follow its documented format. The message names the source, the line and the field.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class TraceFormatException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param source the file or resource name; never null
   * @param line the 1-based line number, or 0 when the problem is not on one line
   * @param field the field (column) at fault; never null
   * @param problem what is wrong; never null
   */
  public TraceFormatException(String source, long line, String field, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": field '" + field + "': " + problem);
    this.source = source;
    this.line = line;
    this.field = field;
  }

  /**
   * The source.
   *
   * @return the file or resource name; never null
   */
  public String source() {
    return source;
  }

  /**
   * The line.
   *
   * @return the 1-based line number, or 0
   */
  public long line() {
    return line;
  }

  /**
   * The field.
   *
   * @return the field name; never null
   */
  public String field() {
    return field;
  }
}
