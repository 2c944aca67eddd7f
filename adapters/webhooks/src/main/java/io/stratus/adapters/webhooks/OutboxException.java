package io.stratus.adapters.webhooks;

import io.stratus.StratusException;
import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The outbox could not make an event durable (disk full, I/O error, journal locked by another process, database
 * unreachable), so the event was not accepted: the caller must treat the publish as failed and may retry it with the
 * same event id.
 *
 * <p>Instances are immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class OutboxException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Path file;

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
   * Creates the exception for an outbox that is not a file (one in a database, for example).
   *
   * @param message what went wrong, naming the store; never null
   * @param cause the underlying failure; never null
   * @since 0.1
   */
  public OutboxException(String message, Throwable cause) {
    super(message, cause);
    this.file = null;
  }

  /**
   * The journal concerned, when the outbox is a file.
   *
   * @return the file; empty for outboxes that are not files; never null
   */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
