package io.stratus.adapters.jdbc;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;

/** Fresh databases for the store tests: an in-memory H2, or a new database on the test PostgreSQL server. */
final class Databases {
  private Databases() {}

  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  /** A new PostgreSQL database; skips the test (saying why) when no PostgreSQL is installed. */
  static DataSource postgres() {
    Assumptions.assumeTrue(PostgresServer.unavailable().isEmpty(), () -> PostgresServer.unavailable().orElse(""));
    return PostgresServer.get().freshDatabase();
  }
}
