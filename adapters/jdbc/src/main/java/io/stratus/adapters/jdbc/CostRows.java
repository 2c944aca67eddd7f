package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.CostRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Binds cost records to JDBC batches and decodes result rows, driven by {@link CostColumns}. Stateless. */
final class CostRows {
  private CostRows() {}

  /** The column list and placeholders of an INSERT into {@code stratus_cost_record}. */
  static final String INSERT_SQL;

  /**
   * The SELECT list of a full row, in {@link #decode} order: the columns, then the packed payload and the decimal
   * scales.
   */
  static final String SELECT_COLUMNS = CostColumns.ROW_COLUMNS + ", payload, decimal_scales";

  private static final int PAYLOAD = 3 + CostColumns.FOCUS.size() + 3;
  private static final int SCALES = PAYLOAD + 1;

  static {
    StringBuilder q = new StringBuilder("INSERT INTO stratus_cost_record (" + CostColumns.INSERT_COLUMNS + ") VALUES (?, ?, ?");
    for (int i = 0; i < CostColumns.FOCUS.size(); i++) {
      q.append(", ?");
    }
    // tags_json: the JSON text as JSON (SQL:2016 FORMAT JSON; a plain string would be stored as a JSON string)
    INSERT_SQL = q.append(", ?, ?, ?, ?, ? FORMAT JSON)").toString();
  }

  /**
   * Binds one record to the parameters of {@link #INSERT_SQL} and adds it to the batch, with its decimal scales (the
   * batch path runs on H2, whose {@code DECFLOAT} columns drop trailing zeros) and its tags as JSON.
   */
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
    Map<String, String> tags = Codec.inKeyOrder(r.tags());   // sorted once, for both encodings
    ps.setString(i++, Codec.encodeSortedMap(tags));
    ps.setLong(i++, batchId);
    ps.setString(i++, CostColumns.scales(r, true));
    ps.setString(i, Codec.encodeSortedJson(tags));
    ps.addBatch();
  }

  /** The source id of the current row (column 1). */
  static String source(ResultSet rs) throws SQLException {
    return rs.getString(1);
  }

  /**
   * Decodes the current row of a SELECT of {@link #SELECT_COLUMNS}: from its payload when it has one (rows COPYed on
   * PostgreSQL in {@link CostRowLayout#PACKED} layout), else from its columns (the columns layout, JDBC batches on H2,
   * rows written before V11), each decimal given its written scale back when the row lists its scales (schema V12).
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
    String scaleText = rs.getString(SCALES);
    int @Nullable [] scales;
    try {
      scales = scaleText == null ? null : CostColumns.parseScales(scaleText);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("a stratus_cost_record row of source '" + rs.getString(1) + "': "
          + e.getMessage(), e);
    }
    CostRecord.Builder b = CostRecord.builder();
    int i = 4;
    int d = 0;
    for (CostColumns.Col c : CostColumns.FOCUS) {
      @Nullable Object v = switch (c.kind()) {
        case TEXT -> rs.getString(i);
        case DECIMAL -> withScale(rs.getBigDecimal(i), scales, d++, c, rs);
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

  /** A decimal column's value with its written scale, when the row lists scales (exact: only zeros are added). */
  private static @Nullable BigDecimal withScale(@Nullable BigDecimal v, int @Nullable [] scales, int d,
      CostColumns.Col c, ResultSet rs) throws SQLException {
    if (v == null || scales == null || scales[d] == Integer.MIN_VALUE) {
      return v;
    }
    try {
      return v.setScale(scales[d], RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalStateException("a stratus_cost_record row of source '" + rs.getString(1) + "': "
          + c.name() + " " + v.toPlainString() + " does not have scale " + scales[d] + " as decimal_scales says", e);
    }
  }
}
