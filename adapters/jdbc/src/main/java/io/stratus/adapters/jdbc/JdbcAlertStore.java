package io.stratus.adapters.jdbc;

import io.stratus.monitoring.spi.AlertRecord;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AlertStore;
import io.stratus.spi.Notification;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/** {@link AlertStore} over {@code stratus_alert}, one row per live alert keyed by fingerprint. Thread-safe. */
final class JdbcAlertStore implements AlertStore {
  private static final String COLUMNS = "fingerprint, instance, labels, state, severity, for_ns, keep_firing_for_ns,"
      + " alert_value, active_since_ns, fired_at_ns, clear_since_ns, acknowledged_by, announced, unannounced_resolution";

  private final Db db;

  JdbcAlertStore(Db db) {
    this.db = db;
  }

  @Override
  public void save(AlertRecord r) {
    Objects.requireNonNull(r, "record");
    db.inTransaction("alertStore.save", c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM stratus_alert WHERE fingerprint = ?")) {
        del.setString(1, r.fingerprint());
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_alert (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, r.fingerprint());
        ps.setLong(2, r.instance());
        ps.setString(3, Codec.encodeList(flatten(r)));
        ps.setString(4, r.state().name());
        ps.setString(5, r.severity().name());
        ps.setLong(6, r.forDuration().toNanos());
        ps.setLong(7, r.keepFiringFor().toNanos());
        ps.setDouble(8, r.value());
        ps.setLong(9, Instants.nanos(r.activeSince()));
        Instants.set(ps, 10, r.firedAt());
        Instants.set(ps, 11, r.clearSince());
        Instants.setText(ps, 12, r.acknowledgedBy());
        ps.setBoolean(13, r.announced());
        ps.setLong(14, r.unannouncedResolution());
        return ps.executeUpdate();
      }
    });
  }

  private static List<String> flatten(AlertRecord r) {
    List<String> parts = new ArrayList<>();
    r.labels().forEach((k, v) -> {
      parts.add(k);
      parts.add(v);
    });
    return parts;
  }

  @Override
  public void remove(String fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    db.inTransaction("alertStore.remove", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM stratus_alert WHERE fingerprint = ?")) {
        ps.setString(1, fingerprint);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<AlertRecord> load() {
    return db.inTransaction("alertStore.load", c -> {
      List<AlertRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_alert ORDER BY fingerprint");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AlertRecord(rs.getString(1), rs.getLong(2),
              new TreeMap<>(Codec.decodeMap(rs.getString(3), "stratus_alert.labels")),
              AlertState.valueOf(rs.getString(4)), Notification.Severity.valueOf(rs.getString(5)),
              Duration.ofNanos(rs.getLong(6)), Duration.ofNanos(rs.getLong(7)), rs.getDouble(8),
              Instants.of(rs.getLong(9)), Instants.get(rs, 10), Instants.get(rs, 11), Instants.text(rs, 12),
              rs.getBoolean(13), rs.getLong(14)));
        }
      }
      return out;
    });
  }
}
