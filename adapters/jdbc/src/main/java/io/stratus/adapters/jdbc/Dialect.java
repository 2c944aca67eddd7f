package io.stratus.adapters.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases the stores know: which migration scripts apply and whether the COPY write path exists. Immutable. */
enum Dialect {
  POSTGRESQL("postgresql"),
  H2("h2");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The resource folder of this database's migration scripts. */
  String folder() {
    return folder;
  }

  /**
   * Detects the database behind a connection.
   *
   * @throws JdbcStoreException (permanent) for a database that has no migration scripts here
   */
  static Dialect detect(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    throw new JdbcStoreException("jdbcStores.open",
        "database product '" + product + "' is not supported; use PostgreSQL (12 or later) or H2 (2.x)");
  }
}
