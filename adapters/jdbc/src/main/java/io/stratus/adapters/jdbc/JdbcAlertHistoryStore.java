package io.stratus.adapters.jdbc;

import io.stratus.monitoring.spi.AlertHistoryQuery;
import io.stratus.monitoring.spi.AlertHistoryRecord;
import io.stratus.monitoring.spi.AlertHistoryStore;
import io.stratus.monitoring.spi.AlertState;
import io.stratus.monitoring.spi.AuditEntry;
import io.stratus.spi.Notification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AlertHistoryStore} over {@code stratus_alert_history} (one row per fingerprint and instance, comments in
 * one encoded column) and the append-only {@code stratus_alert_audit}, ordered by its sequence. Queries narrow by
 * the fired-at range in SQL and apply {@link AlertHistoryQuery#matches} for the rest. Thread-safe.
 */
final class JdbcAlertHistoryStore implements AlertHistoryStore {
  private static final String COLUMNS = "fingerprint, instance, labels, severity, state, fired_at_ns, resolved_at_ns,"
      + " acknowledged_by, acknowledged_at_ns, assignee, comments, resolved_by, resolution_note";

  private final Db db;

  JdbcAlertHistoryStore(Db db) {
    this.db = db;
  }

  @Override
  public void save(AlertHistoryRecord r) {
    Objects.requireNonNull(r, "record");
    db.inTransaction("alertHistoryStore.save", c -> {
      try (PreparedStatement del =
          c.prepareStatement("DELETE FROM stratus_alert_history WHERE fingerprint = ? AND instance = ?")) {
        del.setString(1, r.fingerprint());
        del.setLong(2, r.instance());
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_alert_history (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, r.fingerprint());
        ps.setLong(2, r.instance());
        ps.setString(3, Codec.encodeMap(r.labels()));
        ps.setString(4, r.severity().name());
        ps.setString(5, r.state().name());
        ps.setLong(6, Instants.nanos(r.firedAt()));
        Instants.set(ps, 7, r.resolvedAt());
        Instants.setText(ps, 8, r.acknowledgedBy());
        Instants.set(ps, 9, r.acknowledgedAt());
        Instants.setText(ps, 10, r.assignee());
        List<String> comments = new ArrayList<>();
        for (AlertHistoryRecord.Comment cm : r.comments()) {
          comments.add(cm.author());
          comments.add(Long.toString(Instants.nanos(cm.at())));
          comments.add(cm.text());
        }
        ps.setString(11, Codec.encodeList(comments));
        Instants.setText(ps, 12, r.resolvedBy());
        Instants.setText(ps, 13, r.resolutionNote());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<AlertHistoryRecord> find(String fingerprint, long instance) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    return db.inTransaction("alertHistoryStore.find", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM stratus_alert_history WHERE fingerprint = ? AND instance = ?")) {
        ps.setString(1, fingerprint);
        ps.setLong(2, instance);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(decode(rs)) : Optional.<AlertHistoryRecord>empty();
        }
      }
    });
  }

  @Override
  public List<AlertHistoryRecord> query(AlertHistoryQuery query) {
    Objects.requireNonNull(query, "query");
    return db.inTransaction("alertHistoryStore.query", c -> {
      String sql = "SELECT " + COLUMNS + " FROM stratus_alert_history"
          + (query.to().isPresent() ? " WHERE fired_at_ns < ?" : "");
      List<AlertHistoryRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (query.to().isPresent()) {
          ps.setLong(1, Instants.nanos(query.to().get()));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AlertHistoryRecord r = decode(rs);
            if (query.matches(r)) {
              out.add(r);
            }
          }
        }
      }
      out.sort(Comparator.comparing(AlertHistoryRecord::firedAt).reversed()
          .thenComparing(AlertHistoryRecord::fingerprint));
      return List.copyOf(out.subList(0, Math.min(query.limit(), out.size())));
    });
  }

  private static AlertHistoryRecord decode(ResultSet rs) throws SQLException {
    List<String> flat = Codec.decodeList(rs.getString(11), "stratus_alert_history.comments");
    if (flat.size() % 3 != 0) {
      throw new IllegalStateException("stratus_alert_history.comments must hold author, time, text triples");
    }
    List<AlertHistoryRecord.Comment> comments = new ArrayList<>();
    for (int i = 0; i < flat.size(); i += 3) {
      comments.add(new AlertHistoryRecord.Comment(flat.get(i), Instants.of(Long.parseLong(flat.get(i + 1))),
          flat.get(i + 2)));
    }
    return new AlertHistoryRecord(rs.getString(1), rs.getLong(2),
        Codec.decodeMap(rs.getString(3), "stratus_alert_history.labels"),
        Notification.Severity.valueOf(rs.getString(4)), AlertState.valueOf(rs.getString(5)),
        Instants.of(rs.getLong(6)), Instants.get(rs, 7), Instants.text(rs, 8), Instants.get(rs, 9),
        Instants.text(rs, 10), comments, Instants.text(rs, 12), Instants.text(rs, 13));
  }

  @Override
  public void audit(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    db.inTransaction("alertHistoryStore.audit", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_alert_audit (at_ns, actor, action,"
          + " fingerprint, instance, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, Instants.nanos(entry.at()));
        ps.setString(2, entry.actor());
        ps.setString(3, entry.action().name());
        ps.setString(4, entry.fingerprint());
        ps.setLong(5, entry.instance());
        ps.setString(6, entry.detail());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<AuditEntry> auditTrail(String fingerprint) {
    Objects.requireNonNull(fingerprint, "fingerprint");
    return db.inTransaction("alertHistoryStore.auditTrail", c -> trail(c, fingerprint));
  }

  private static List<AuditEntry> trail(Connection c, String fingerprint) throws SQLException {
    List<AuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT at_ns, actor, action, fingerprint, instance, detail"
        + " FROM stratus_alert_audit WHERE fingerprint = ? ORDER BY seq")) {
      ps.setString(1, fingerprint);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AuditEntry(Instants.of(rs.getLong(1)), rs.getString(2),
              AuditEntry.Action.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5), rs.getString(6)));
        }
      }
    }
    return out;
  }
}
