package io.stratus.adapters.jdbc;

import io.stratus.security.audit.AuditChain;
import io.stratus.security.audit.AuditEntry;
import io.stratus.security.audit.AuditEvent;
import io.stratus.security.audit.AuditLog;
import io.stratus.security.audit.AuditLogException;
import io.stratus.security.audit.AuditVerification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * {@link AuditLog} over {@code stratus_audit_log}: one row per entry holding its canonical JSON line (the export
 * format of {@link AuditChain}), and a signed checkpoint (HMAC) on every {@code checkpointEvery}-th row. An append is
 * one transaction that locks the chain head row ({@code stratus_audit_head}, {@code SELECT ... FOR UPDATE}), links
 * the event to the head's hash, inserts the row (its sequence is the primary key) and moves the head: appends from
 * several hosts serialize and the chain cannot fork. Thread-safe.
 */
final class JdbcAuditLog implements AuditLog {
  private final Db db;
  private final byte[] key;
  private final int checkpointEvery;
  private volatile boolean closed;

  JdbcAuditLog(Db db, byte[] checkpointKey, int checkpointEvery) {
    Objects.requireNonNull(checkpointKey, "checkpointKey");
    if (checkpointKey.length < 32) {
      throw new IllegalArgumentException("checkpointKey has " + checkpointKey.length + " bytes, needs at least 32");
    }
    if (checkpointEvery < 1) {
      throw new IllegalArgumentException("checkpointEvery " + checkpointEvery + " must be positive");
    }
    this.db = db;
    this.key = checkpointKey.clone();
    this.checkpointEvery = checkpointEvery;
  }

  @Override
  public AuditEntry append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      throw new IllegalStateException("the JDBC audit log is closed");
    }
    try {
      return db.inTransaction("auditLog.append", c -> {
        long seq;
        String prev;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT last_seq, last_hash FROM stratus_audit_head WHERE id = 1 FOR UPDATE");
            ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("stratus_audit_head has no row 1; the schema was changed by hand");
          }
          seq = rs.getLong(1) + 1;
          prev = rs.getString(2).trim();
        }
        AuditEntry entry = AuditChain.link(seq, event, prev);
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO stratus_audit_log (seq, line, hash, checkpoint_mac) VALUES (?, ?, ?, ?)")) {
          ps.setLong(1, seq);
          ps.setString(2, AuditChain.jsonLine(entry));
          ps.setString(3, entry.hash());
          ps.setString(4, seq % checkpointEvery == 0 ? AuditChain.checkpoint(key, seq, entry.hash()) : null);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE stratus_audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
          ps.setLong(1, seq);
          ps.setString(2, entry.hash());
          ps.executeUpdate();
        }
        return entry;
      });
    } catch (JdbcStoreException e) {
      throw new AuditLogException("cannot append to the JDBC audit log: " + e.getMessage(), e);
    }
  }

  @Override
  public AuditVerification verify() {
    try {
      return db.inTransaction("auditLog.verify", this::verify);
    } catch (JdbcStoreException e) {
      throw new AuditLogException("cannot read the JDBC audit log: " + e.getMessage(), e);
    }
  }

  private AuditVerification verify(Connection c) throws SQLException {
    long headSeq;
    String headHash;
    try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM stratus_audit_head WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return AuditChain.broken(0, 1, "the chain head row is missing");
      }
      headSeq = rs.getLong(1);
      headHash = rs.getString(2).trim();
    }
    long expected = 1;
    String prev = AuditChain.GENESIS;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT seq, line, checkpoint_mac FROM stratus_audit_log ORDER BY seq")) {
      ps.setFetchSize(1_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          if (seq != expected) {
            return AuditChain.broken(expected - 1, expected, "entry " + expected + " is missing (next stored is "
                + seq + ")");
          }
          AuditEntry e;
          try {
            e = AuditChain.parse(rs.getString(2));
          } catch (IllegalArgumentException ex) {
            return AuditChain.broken(expected - 1, seq, "entry " + seq + ": " + ex.getMessage());
          }
          if (e.sequence() != seq) {
            return AuditChain.broken(expected - 1, seq, "entry " + seq + " holds sequence " + e.sequence());
          }
          if (!e.previousHash().equals(prev)) {
            return AuditChain.broken(expected - 1, seq, "entry " + seq + " does not link to entry " + (seq - 1));
          }
          String mac = rs.getString(3);
          if (seq % checkpointEvery == 0) {
            if (mac == null) {
              return AuditChain.broken(seq, seq, "signed checkpoint after entry " + seq + " is missing");
            }
            if (!AuditChain.checkpointMatches(key, seq, e.hash(), mac.trim())) {
              return AuditChain.broken(seq, seq, "checkpoint signature for entry " + seq + " is invalid");
            }
          } else if (mac != null) {
            return AuditChain.broken(seq, seq, "unexpected checkpoint for entry " + seq);
          }
          prev = e.hash();
          expected++;
        }
      }
    }
    long entries = expected - 1;
    if (entries != headSeq || !prev.equals(entries == 0 ? AuditChain.GENESIS : headHash)) {
      return AuditChain.broken(entries, entries + 1, "the log ends at entry " + entries + " but its head records "
          + headSeq + " entries (entries were removed)");
    }
    return AuditChain.intact(entries);
  }

  @Override
  public long exportJsonLines(Appendable out) {
    Objects.requireNonNull(out, "out");
    try {
      return db.inTransaction("auditLog.export", c -> {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT line FROM stratus_audit_log ORDER BY seq")) {
          ps.setFetchSize(1_000);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.append(rs.getString(1)).append('\n');
              n++;
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return n;
      });
    } catch (JdbcStoreException | UncheckedIOException e) {
      throw new AuditLogException("cannot export the JDBC audit log: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
