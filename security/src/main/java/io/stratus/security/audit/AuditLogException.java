package io.stratus.security.audit;

import io.stratus.StratusException;
import org.apiguardian.api.API;

/**
 * The audit log could not be read or written, or is corrupted where it must be intact (e.g. when opened for
 * appending). The message names the file and, for corruption, the line and what is wrong. Immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class AuditLogException extends StratusException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception (for {@link AuditLog} implementations).
   *
   * @param message what went wrong, naming the log; never null
   * @param cause the underlying failure; never null
   */
  public AuditLogException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception without a cause (for {@link AuditLog} implementations).
   *
   * @param message what went wrong, naming the log; never null
   */
  public AuditLogException(String message) {
    super(message);
  }
}
