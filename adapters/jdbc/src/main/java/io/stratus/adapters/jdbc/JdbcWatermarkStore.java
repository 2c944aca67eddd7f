package io.stratus.adapters.jdbc;

import io.stratus.finops.focus.BillingPeriod;
import io.stratus.finops.spi.Watermark;
import io.stratus.finops.spi.WatermarkStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

/** {@link WatermarkStore} over {@code stratus_cost_watermark}; each put is one upsert. Thread-safe. */
final class JdbcWatermarkStore implements WatermarkStore {
  private final Db db;

  JdbcWatermarkStore(Db db) {
    this.db = db;
  }

  @Override
  public Optional<Watermark> get(String sourceId, BillingPeriod period) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(period, "period");
    return db.inTransaction("watermarkStore.get", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT token FROM stratus_cost_watermark WHERE source_id = ?"
          + " AND billing_period_start_s = ? AND billing_period_end_s = ?")) {
        ps.setString(1, sourceId);
        ps.setLong(2, period.start().getEpochSecond());
        ps.setLong(3, period.end().getEpochSecond());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(Watermark.of(rs.getString(1))) : Optional.<Watermark>empty();
        }
      }
    });
  }

  @Override
  public void put(String sourceId, BillingPeriod period, Watermark watermark) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(watermark, "watermark");
    String sql = db.dialect() == Dialect.POSTGRESQL
        ? "INSERT INTO stratus_cost_watermark (source_id, billing_period_start_s, billing_period_end_s, token)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (source_id, billing_period_start_s, billing_period_end_s)"
            + " DO UPDATE SET token = EXCLUDED.token"
        : "MERGE INTO stratus_cost_watermark (source_id, billing_period_start_s, billing_period_end_s, token)"
            + " KEY (source_id, billing_period_start_s, billing_period_end_s) VALUES (?, ?, ?, ?)";
    db.inTransaction("watermarkStore.put", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, sourceId);
        ps.setLong(2, period.start().getEpochSecond());
        ps.setLong(3, period.end().getEpochSecond());
        ps.setString(4, watermark.token());
        return ps.executeUpdate();
      }
    });
  }
}
