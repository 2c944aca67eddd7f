package io.stratus.adapters.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs units of work on connections of a {@link DataSource}, one transaction each, translating driver failures into
 * {@link JdbcStoreException}. Thread-safe when the data source is.
 */
final class Db {
  /** A unit of work on an open connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;
  private final Dialect dialect;

  Db(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Opens a connection with auto-commit off; the caller owns it. */
  Connection open(String operation) {
    try {
      Connection c = dataSource.getConnection();
      try {
        c.setAutoCommit(false);
        return c;
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw JdbcStoreException.of(operation, e, false);
    }
  }

  /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
  <T> T inTransaction(String operation, Work<T> work) {
    try (Connection c = open(operation)) {
      T result;
      try {
        result = work.run(c);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        if (e instanceof SQLException) {
          throw JdbcStoreException.of(operation, (SQLException) e, false);
        }
        throw (RuntimeException) e;
      }
      commit(operation, c);
      return result;
    } catch (SQLException e) {
      throw JdbcStoreException.of(operation, e, false);
    }
  }

  /** Commits, reporting a failure of the commit itself as an unknown outcome. */
  static void commit(String operation, Connection c) {
    try {
      c.commit();
    } catch (SQLException e) {
      throw JdbcStoreException.of(operation, e, true);
    }
  }

  static void rollbackQuietly(Connection c, Exception primary) {
    try {
      c.rollback();
    } catch (SQLException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }
}
