package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.jspecify.annotations.Nullable;

/** Binds cost records to JDBC batches and decodes result rows, driven by {@link CostColumns}. Stateless. */
final class CostRows {
  private CostRows() {}

  /** The column list and placeholders of an INSERT into {@code stratus_cost_record}. */
  static final String INSERT_SQL;

  /** The SELECT list of a full row, in {@link #decode} order: the columns, then the packed payload. */
  static final String SELECT_COLUMNS = CostColumns.ROW_COLUMNS + ", payload";

  private static final int PAYLOAD = 3 + CostColumns.FOCUS.size() + 3;

  static {
    StringBuilder q = new StringBuilder("INSERT INTO stratus_cost_record (" + CostColumns.INSERT_COLUMNS + ") VALUES (?, ?, ?");
    for (int i = 0; i < CostColumns.FOCUS.size(); i++) {
      q.append(", ?");
    }
    INSERT_SQL = q.append(", ?, ?, ?)").toString();
  }

  /** Binds one record to the parameters of {@link #INSERT_SQL} and adds it to the batch. */
  static void bind(PreparedStatement ps, String sourceId, long batchId, CostRecord r) throws SQLException {
    int i = 1;
    ps.setString(i++, sourceId);
    String key = r.dedupKey();
    ps.setString(i++, key);
    ps.setLong(i++, CostColumns.dedupHash(key));
    for (CostColumns.Col c : CostColumns.FOCUS) {
      Object v = c.get().apply(r);
      switch (c.kind()) {
        case TEXT -> ps.setString(i, (String) v);
        case DECIMAL -> {
          if (v == null) {
            ps.setNull(i, Types.NUMERIC);
          } else {
            ps.setBigDecimal(i, (BigDecimal) v);
          }
        }
        case INSTANT -> ps.setLong(i, (Long) v);
      }
      i++;
    }
    ps.setBoolean(i++, r.correction());
    ps.setString(i++, Codec.encodeMap(r.tags()));
    ps.setLong(i, batchId);
    ps.addBatch();
  }

  /** The source id of the current row (column 1). */
  static String source(ResultSet rs) throws SQLException {
    return rs.getString(1);
  }

  /**
   * Decodes the current row of a SELECT of {@link #SELECT_COLUMNS}: from its payload when it has one (rows COPYed on
   * PostgreSQL since schema V11), else from its columns (JDBC batches on H2, rows written before V11).
   *
   * @throws IllegalStateException if the stored row does not make a valid record (written outside the store)
   */
  static CostRecord decode(ResultSet rs) throws SQLException {
    byte[] payload = rs.getBytes(PAYLOAD);
    if (payload != null) {
      try {
        return CostPayload.decode(payload);
      } catch (IllegalStateException e) {
        throw new IllegalStateException("a stratus_cost_record row of source '" + rs.getString(1) + "': "
            + e.getMessage(), e);
      }
    }
    CostRecord.Builder b = CostRecord.builder();
    int i = 4;
    for (CostColumns.Col c : CostColumns.FOCUS) {
      @Nullable Object v = switch (c.kind()) {
        case TEXT -> rs.getString(i);
        case DECIMAL -> rs.getBigDecimal(i);
        case INSTANT -> {
          long s = rs.getLong(i);
          yield rs.wasNull() ? null : s;
        }
      };
      if (v != null) {
        c.set().accept(b, v);
      }
      i++;
    }
    b.correction(rs.getBoolean(i++));
    b.tags(Codec.decodeMap(rs.getString(i), "stratus_cost_record.tags"));
    try {
      return b.build();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("a stratus_cost_record row of source '" + rs.getString(1)
          + "' is not a valid cost record: " + e.getMessage(), e);
    }
  }
}
