package io.stratus.adapters.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Instants as epoch nanoseconds in a BIGINT column (exact for 1677-2262). Stateless. */
final class Instants {
  private Instants() {}

  static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  static Instant of(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  static void set(PreparedStatement ps, int i, Optional<Instant> t) throws SQLException {
    if (t.isPresent()) {
      ps.setLong(i, nanos(t.get()));
    } else {
      ps.setNull(i, Types.BIGINT);
    }
  }

  static Optional<Instant> get(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? Optional.empty() : Optional.of(of(v));
  }

  static void setText(PreparedStatement ps, int i, Optional<String> s) throws SQLException {
    ps.setString(i, s.orElse(null));
  }

  static Optional<String> text(ResultSet rs, int i) throws SQLException {
    return Optional.ofNullable(rs.getString(i));
  }
}
