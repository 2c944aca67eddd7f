package io.stratus.adapters.jdbc;

import io.stratus.StratusException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.SQLRecoverableException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A database operation of a JDBC store failed and was not acknowledged: its transaction was rolled back, or (when the
 * connection broke during the commit itself, {@link #commitOutcomeUnknown()}) its outcome is unknown. {@link #retryable()} tells the caller whether repeating the same call can succeed: lost connections
 * (SQLState class 08), serialization failures (40001), deadlocks (40P01) and a server shutting down (57P01, 57P02,
 * 57P03) are transient; everything else (a missing table, a constraint the data breaks, bad credentials) needs someone
 * to act first.
 *
 * <p>Instances are immutable once thrown.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class JdbcStoreException extends StratusException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final @Nullable String sqlState;
  private final boolean retryable;
  private final boolean commitOutcomeUnknown;

  /**
   * Creates the exception.
   *
   * @param operation the store operation that failed, e.g. {@code "costStore.write"}; never null
   * @param sqlState the SQLState the driver reported; null when it reported none
   * @param retryable whether repeating the operation can succeed
   * @param commitOutcomeUnknown whether the failure hit the commit itself, so the change may have been applied
   * @param message what went wrong; never null
   * @param cause the driver's exception; never null
   */
  public JdbcStoreException(String operation, @Nullable String sqlState, boolean retryable,
      boolean commitOutcomeUnknown, String message, Throwable cause) {
    super(message(operation, sqlState, retryable, commitOutcomeUnknown, message), cause);
    this.operation = operation;
    this.sqlState = sqlState;
    this.retryable = retryable;
    this.commitOutcomeUnknown = commitOutcomeUnknown;
  }

  /**
   * Creates a permanent failure that has no driver exception behind it (an unsupported database, a schema changed by
   * hand).
   *
   * @param operation the store operation that failed; never null
   * @param message what went wrong; never null
   */
  public JdbcStoreException(String operation, String message) {
    super(message(operation, null, false, false, message));
    this.operation = operation;
    this.sqlState = null;
    this.retryable = false;
    this.commitOutcomeUnknown = false;
  }

  private static String message(String operation, @Nullable String sqlState, boolean retryable,
      boolean commitOutcomeUnknown, String message) {
    return operation + " failed" + (sqlState == null ? "" : " (SQLState " + sqlState + ")") + ": " + message
        + (commitOutcomeUnknown
            ? " [the commit's outcome is unknown: the change may or may not be stored; repeat it only if it is"
                + " idempotent (cost writes per source and period are)]"
            : retryable
                ? " [transient: nothing was applied; retry the same call after a back-off]"
                : " [permanent: nothing was applied; retrying will not help until the cause is fixed]");
  }

  /**
   * Translates a driver exception, classifying it by SQLState (and by the JDBC exception class when the driver gave
   * no state).
   *
   * @param operation the store operation that failed; never null
   * @param e the driver's exception; never null
   * @param duringCommit whether {@code e} was thrown by the commit
   * @return the typed exception; never null
   */
  static JdbcStoreException of(String operation, SQLException e, boolean duringCommit) {
    String state = e.getSQLState();
    boolean transientFailure = isTransient(state)
        || e instanceof SQLTransientException
        || e instanceof SQLRecoverableException;
    String msg = String.valueOf(e.getMessage());
    if (state != null && state.startsWith("08")) {
      msg = "the connection to the database failed or was lost: " + msg;
    }
    return new JdbcStoreException(operation, state, transientFailure, duringCommit && transientFailure, msg, e);
  }

  /**
   * Whether a SQLState marks a failure that a retry can overcome.
   *
   * @param state the SQLState; may be null
   * @return true for classes 08 (connection), 40001 (serialization), 40P01 (deadlock), 57P01-57P03 (shutdown)
   */
  static boolean isTransient(@Nullable String state) {
    if (state == null) {
      return false;
    }
    return state.startsWith("08") || state.equals("40001") || state.equals("40P01") || state.equals("57P01")
        || state.equals("57P02") || state.equals("57P03") || state.equals("HYT00");
  }

  /**
   * The store operation that failed.
   *
   * @return the operation name, e.g. {@code "costStore.write"}; never null
   */
  public String operation() {
    return operation;
  }

  /**
   * The SQLState the driver reported.
   *
   * @return the state; null when the driver reported none
   */
  public @Nullable String sqlState() {
    return sqlState;
  }

  /**
   * Whether repeating the same call can succeed (the database was unreachable, restarting, or chose this transaction
   * as a deadlock or serialization victim).
   *
   * @return true if a retry after a back-off is sensible
   */
  public boolean retryable() {
    return retryable;
  }

  /**
   * Whether the connection failed while the commit was in flight, so that the change may have been stored although
   * the call failed. Idempotent operations may simply be repeated; a bulk appender's records should be checked first.
   *
   * @return true if the outcome of the commit is unknown
   */
  public boolean commitOutcomeUnknown() {
    return commitOutcomeUnknown;
  }
}
