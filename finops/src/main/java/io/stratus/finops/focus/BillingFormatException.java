package io.stratus.finops.focus;

import io.stratus.StratusException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A billing file could not be read to its end: missing mandatory columns (often a wrong delimiter), a truncated or
 * corrupt compressed stream, or broken CSV quoting. Every valid row before the failure was already handed to the sink;
 * {@link #partialReport()} says how far the reader got.
 *
 * <p>Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class BillingFormatException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final transient ReadReport partialReport;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the file and how to fix it; never null
   * @param partialReport what was read before the failure; never null
   * @param cause the underlying failure; may be null
   */
  public BillingFormatException(String message, ReadReport partialReport, Throwable cause) {
    super(message, cause);
    this.partialReport = Objects.requireNonNull(partialReport, "partialReport");
  }

  /**
   * What was read before the failure: rows emitted, rows rejected and totals so far.
   *
   * @return the report; never null
   */
  public ReadReport partialReport() {
    return partialReport;
  }
}
