package io.stratus.adapters.webhooks;

import io.stratus.StratusException;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * The outbox could not make an event durable (disk full, I/O error, journal locked by another process), so the event
 * was not accepted: the caller must treat the publish as failed and may retry it with the same event id.
 *
 * <p>Instances are immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class OutboxException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Creates the exception.
   *
   * @param file the journal concerned; never null
   * @param message what went wrong; never null
   * @param cause the I/O failure; never null
   */
  public OutboxException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /**
   * Creates the exception without a cause.
   *
   * @param file the journal concerned; never null
   * @param message what went wrong; never null
   */
  public OutboxException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  /**
   * The journal concerned.
   *
   * @return the file; never null
   */
  public Path file() {
    return file;
  }
}
