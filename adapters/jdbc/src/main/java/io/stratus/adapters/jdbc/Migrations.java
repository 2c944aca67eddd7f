package io.stratus.adapters.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the versioned SQL scripts shipped under {@code io/stratus/adapters/jdbc/migration/<database>/}, listed in
 * order in that folder's {@code migrations.txt}, and records each in {@code stratus_schema_history} with its SHA-256.
 * Each script runs in its own transaction together with its history row; on PostgreSQL a transaction-scoped advisory
 * lock serializes hosts that migrate at the same time. A script whose recorded checksum differs from the shipped one
 * fails permanently (the schema was changed by hand or the jar is not the one that created it). Stateless.
 */
final class Migrations {
  static final String HISTORY = "stratus_schema_history";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
  private static final long PG_LOCK_KEY = 0x5354524154555331L;

  private Migrations() {}

  /** A shipped script. */
  record Script(int version, String description, String sql, String checksum) {}

  static List<Script> scripts(Dialect dialect) {
    String base = "migration/" + dialect.folder() + "/";
    List<Script> out = new ArrayList<>();
    for (String line : read(base + "migrations.txt").split("\n")) {
      String name = line.trim();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        throw new IllegalStateException("migration script name '" + name + "' must look like V<n>__<words>.sql");
      }
      String sql = read(base + name);
      out.add(new Script(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sql, sha256(sql)));
    }
    return out;
  }

  /**
   * Brings the schema up to date.
   *
   * @return how many scripts were applied now
   */
  static int migrate(Db db) {
    return migrate(db, Integer.MAX_VALUE);
  }

  /**
   * Applies the shipped scripts up to a version (an older schema, as an older stratus-jdbc left it).
   *
   * @return how many scripts were applied now
   */
  static int migrate(Db db, int upToVersion) {
    List<Script> scripts = scripts(db.dialect());
    int applied = 0;
    for (Script s : scripts) {
      if (s.version() > upToVersion) {
        break;
      }
      boolean ran = db.inTransaction("jdbcStores.migrate", c -> apply(db.dialect(), c, s));
      if (ran) {
        applied++;
      }
    }
    return applied;
  }

  private static boolean apply(Dialect dialect, Connection c, Script s) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        st.execute("SELECT pg_advisory_xact_lock(" + PG_LOCK_KEY + ")");
      }
      st.execute("CREATE TABLE IF NOT EXISTS " + HISTORY + " (version INTEGER PRIMARY KEY, description VARCHAR(200)"
          + " NOT NULL, checksum CHAR(64) NOT NULL, installed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP"
          + " NOT NULL)");
    }
    Map<Integer, String> done = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, checksum FROM " + HISTORY)) {
      while (rs.next()) {
        done.put(rs.getInt(1), rs.getString(2));
      }
    }
    String recorded = done.get(s.version());
    if (recorded != null) {
      if (!recorded.equals(s.checksum())) {
        throw new JdbcStoreException("jdbcStores.migrate", "migration V" + s.version() + " ("
            + s.description() + ") was applied with checksum " + recorded + " but this jar ships " + s.checksum()
            + "; the schema was changed outside the store, or by another version of stratus-jdbc");
      }
      return false;
    }
    try (Statement st = c.createStatement()) {
      for (String statement : statements(s.sql())) {
        st.execute(statement);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO " + HISTORY + " (version, description, checksum) VALUES (?, ?, ?)")) {
      ps.setInt(1, s.version());
      ps.setString(2, s.description());
      ps.setString(3, s.checksum());
      ps.executeUpdate();
    }
    return true;
  }

  /** Splits a script at semicolons that end a line; "--" comment lines are dropped. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      cur.append(line).append('\n');
      if (t.endsWith(";")) {
        String stmt = cur.toString().strip();
        out.add(stmt.substring(0, stmt.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration resource " + resource + " is missing from the stratus-jdbc jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration resource " + resource, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
