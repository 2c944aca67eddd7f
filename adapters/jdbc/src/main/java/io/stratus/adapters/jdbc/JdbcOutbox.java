package io.stratus.adapters.jdbc;

import io.stratus.adapters.webhooks.DeliveryAttempt;
import io.stratus.adapters.webhooks.DeliveryKey;
import io.stratus.adapters.webhooks.LeaseExpiredException;
import io.stratus.adapters.webhooks.Outbox;
import io.stratus.adapters.webhooks.OutboxEntry;
import io.stratus.adapters.webhooks.OutboxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The webhook {@link Outbox} over {@code stratus_webhook_outbox} and {@code stratus_webhook_attempt}, shared by every
 * dispatcher on the database. {@link #enqueue} is one transaction, committed (durable) before it returns; a key
 * already stored is skipped ({@code INSERT ... ON CONFLICT DO NOTHING} on PostgreSQL, so two hosts publishing one
 * event accept it once). {@link #due} claims what it returns: it locks due rows with {@code FOR UPDATE SKIP LOCKED}
 * (PostgreSQL and H2 2.x) and leases them until {@code now + lease}, so another dispatcher's {@code due} skips them until an
 * outcome is recorded or the lease runs out (a crashed dispatcher's deliveries come due again: at least once). A
 * dispatcher whose lease ran out and was taken over gets {@link LeaseExpiredException} from {@link #record} and {@link
 * #postpone}.
 * {@link #record}, {@link #replay} and {@link #postpone} check the row's state under a row lock and update it with its
 * log line in one transaction. Thread-safe.
 */
final class JdbcOutbox implements Outbox {
  private static final byte[] NO_BODY = new byte[0];
  private static final String COLUMNS = "event_id, subscription_id, body, enqueued_at_ns, state, attempts,"
      + " next_attempt_ns, last_error";

  private final Db db;
  private final long leaseNanos;
  /** The leases this view's {@link #due} set, by delivery: a claim is still ours while the row carries our lease. */
  private final Map<DeliveryKey, Long> claims = new ConcurrentHashMap<>();
  private volatile boolean closed;

  JdbcOutbox(Db db, Duration lease) {
    this.db = db;
    this.leaseNanos = lease.toNanos();
  }

  /** Runs a unit of work, reporting database failures as the SPI's {@link OutboxException}. */
  private <T> T run(String operation, Supplier<T> work) {
    if (closed) {
      throw new IllegalStateException("the JDBC outbox is closed");
    }
    try {
      return work.get();
    } catch (JdbcStoreException e) {
      throw new OutboxException("JDBC outbox (stratus_webhook_outbox): " + e.getMessage(), e);
    }
  }

  @Override
  public List<DeliveryKey> enqueue(List<OutboxEntry> entries) {
    List<OutboxEntry> list = List.copyOf(entries);
    for (OutboxEntry e : list) {
      if (e.state() != OutboxEntry.State.PENDING) {
        throw new IllegalArgumentException("only pending entries can be enqueued, got " + e);
      }
    }
    if (list.isEmpty()) {
      return List.of();
    }
    return run("enqueue", () -> db.inTransaction("outbox.enqueue", c -> {
      boolean pg = db.dialect() == Dialect.POSTGRESQL;
      if (!pg) {
        try (PreparedStatement lock = c.prepareStatement("UPDATE stratus_webhook_lock SET id = id WHERE id = 1")) {
          lock.executeUpdate();
        }
      }
      List<DeliveryKey> added = new ArrayList<>();
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO stratus_webhook_outbox (seq, " + COLUMNS + ")"
          + " VALUES (" + (pg ? "nextval('stratus_webhook_outbox_seq')" : "NEXT VALUE FOR stratus_webhook_outbox_seq")
          + ", ?, ?, ?, ?, ?, ?, ?, ?)" + (pg ? " ON CONFLICT (event_id, subscription_id) DO NOTHING" : ""));
          PreparedStatement exists = c.prepareStatement("SELECT 1 FROM stratus_webhook_outbox WHERE event_id = ?"
              + " AND subscription_id = ?")) {
        for (OutboxEntry e : list) {
          if (!pg) {
            exists.setString(1, e.key().eventId());
            exists.setString(2, e.key().subscriptionId());
            try (ResultSet rs = exists.executeQuery()) {
              if (rs.next()) {
                continue;
              }
            }
          }
          ins.setString(1, e.key().eventId());
          ins.setString(2, e.key().subscriptionId());
          ins.setBytes(3, e.body());
          ins.setLong(4, Instants.nanos(e.enqueuedAt()));
          ins.setString(5, e.state().name());
          ins.setInt(6, e.attempts());
          ins.setLong(7, Instants.nanos(e.nextAttemptAt()));
          ins.setString(8, e.lastError());
          if (ins.executeUpdate() == 1) {
            added.add(e.key());
          }
        }
      }
      return added;
    }));
  }

  /** Reads a delivery under a row lock; empty if unknown. */
  private static Optional<OutboxEntry> lockRow(Connection c, DeliveryKey key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_webhook_outbox"
        + " WHERE event_id = ? AND subscription_id = ? FOR UPDATE")) {
      ps.setString(1, key.eventId());
      ps.setString(2, key.subscriptionId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(decode(rs)) : Optional.empty();
      }
    }
  }

  private static OutboxEntry decode(ResultSet rs) throws SQLException {
    return new OutboxEntry(new DeliveryKey(rs.getString(1), rs.getString(2)), rs.getBytes(3),
        Instants.of(rs.getLong(4)), OutboxEntry.State.valueOf(rs.getString(5)), rs.getInt(6),
        Instants.of(rs.getLong(7)), rs.getString(8));
  }

  /** Writes a delivery's new state and clears its lease. */
  private static void update(Connection c, OutboxEntry e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE stratus_webhook_outbox SET body = ?, state = ?,"
        + " attempts = ?, next_attempt_ns = ?, last_error = ?, lease_until_ns = NULL"
        + " WHERE event_id = ? AND subscription_id = ?")) {
      ps.setBytes(1, e.body());
      ps.setString(2, e.state().name());
      ps.setInt(3, e.attempts());
      ps.setLong(4, Instants.nanos(e.nextAttemptAt()));
      ps.setString(5, e.lastError());
      ps.setString(6, e.key().eventId());
      ps.setString(7, e.key().subscriptionId());
      ps.executeUpdate();
    }
  }

  private static OutboxEntry requireState(Optional<OutboxEntry> row, DeliveryKey key, OutboxEntry.State state,
      String what) {
    if (row.isEmpty() || row.get().state() != state) {
      throw new IllegalStateException("delivery " + key + " is not " + what + ": " + row.orElse(null));
    }
    return row.get();
  }

  /**
   * Checks, under the row lock, that a delivery this view claimed still carries its lease: if the lease ran out and
   * another dispatcher claimed the delivery (a new lease) or recorded its outcome (no lease, or not pending), the
   * delivery is theirs.
   */
  private static void requireClaim(Connection c, DeliveryKey key, @Nullable Long claim, Optional<OutboxEntry> row)
      throws SQLException {
    if (claim == null || row.isEmpty()) {
      return;
    }
    if (row.get().state() != OutboxEntry.State.PENDING) {
      throw new LeaseExpiredException(key, "its outcome " + row.get().state() + " was recorded");
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT lease_until_ns FROM stratus_webhook_outbox"
        + " WHERE event_id = ? AND subscription_id = ?")) {
      ps.setString(1, key.eventId());
      ps.setString(2, key.subscriptionId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long lease = rs.getLong(1);
        if (rs.wasNull()) {
          throw new LeaseExpiredException(key, "another dispatcher postponed it");
        }
        if (lease != claim) {
          throw new LeaseExpiredException(key, "claimed again until " + Instants.of(lease));
        }
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>For a delivery this view claimed in {@link #due}, the outcome is refused with {@link LeaseExpiredException}
   * when the claim ran out and another dispatcher took the delivery over (the row no longer carries this view's
   * lease); a late outcome whose lease ran out but that nobody else claimed is still recorded.
   */
  @Override
  public void record(DeliveryAttempt a) {
    Objects.requireNonNull(a, "attempt");
    Long claim = claims.remove(a.key());
    run("record", () -> db.inTransaction("outbox.record", c -> {
      Optional<OutboxEntry> row = lockRow(c, a.key());
      requireClaim(c, a.key(), claim, row);
      OutboxEntry e = requireState(row, a.key(), OutboxEntry.State.PENDING, "pending");
      OutboxEntry next = switch (a.outcome()) {
        case DELIVERED -> new OutboxEntry(e.key(), NO_BODY, e.enqueuedAt(), OutboxEntry.State.DELIVERED, a.attempt(),
            a.at(), "");
        case RETRY -> new OutboxEntry(e.key(), e.body(), e.enqueuedAt(), OutboxEntry.State.PENDING, a.attempt(),
            a.nextAttemptAt(), a.detail());
        case DEAD -> new OutboxEntry(e.key(), e.body(), e.enqueuedAt(), OutboxEntry.State.DEAD, a.attempt(), a.at(),
            a.detail());
      };
      update(c, next);
      int position;
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(position), 0) FROM stratus_webhook_attempt"
          + " WHERE event_id = ? AND subscription_id = ?")) {
        ps.setString(1, a.key().eventId());
        ps.setString(2, a.key().subscriptionId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          position = rs.getInt(1) + 1;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_webhook_attempt (event_id, subscription_id,"
          + " position, attempt, at_ns, outcome, status_code, detail, next_attempt_ns)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, a.key().eventId());
        ps.setString(2, a.key().subscriptionId());
        ps.setInt(3, position);
        ps.setInt(4, a.attempt());
        ps.setLong(5, Instants.nanos(a.at()));
        ps.setString(6, a.outcome().name());
        ps.setInt(7, a.statusCode());
        ps.setString(8, a.detail());
        ps.setLong(9, Instants.nanos(a.nextAttemptAt()));
        ps.executeUpdate();
      }
      return Boolean.TRUE;
    }));
  }

  @Override
  public void replay(DeliveryKey key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    run("replay", () -> db.inTransaction("outbox.replay", c -> {
      OutboxEntry e = requireState(lockRow(c, key), key, OutboxEntry.State.DEAD, "in the dead-letter store");
      update(c, new OutboxEntry(key, e.body(), e.enqueuedAt(), OutboxEntry.State.PENDING, 0, at, e.lastError()));
      return Boolean.TRUE;
    }));
  }

  @Override
  public void postpone(DeliveryKey key, Instant until) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(until, "until");
    Long claim = claims.remove(key);
    run("postpone", () -> db.inTransaction("outbox.postpone", c -> {
      Optional<OutboxEntry> row = lockRow(c, key);
      requireClaim(c, key, claim, row);
      OutboxEntry e = requireState(row, key, OutboxEntry.State.PENDING, "pending");
      update(c, new OutboxEntry(key, e.body(), e.enqueuedAt(), e.state(), e.attempts(), until, e.lastError()));
      return Boolean.TRUE;
    }));
  }

  @Override
  public List<OutboxEntry> due(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    long t = Instants.nanos(now);
    return run("due", () -> db.inTransaction("outbox.due", c -> {
      boolean claim = leaseNanos > 0;
      // PostgreSQL and H2 2.x both skip rows another dispatcher's due() has locked (H2 since 2.0; tested)
      String lock = claim ? " FOR UPDATE SKIP LOCKED" : "";
      List<OutboxEntry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_webhook_outbox"
          + " WHERE state = 'PENDING' AND next_attempt_ns <= ? AND (lease_until_ns IS NULL OR lease_until_ns <= ?)"
          + " ORDER BY next_attempt_ns, seq LIMIT ?" + lock)) {
        ps.setLong(1, t);
        ps.setLong(2, t);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(decode(rs));
          }
        }
      }
      if (claim && !out.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE stratus_webhook_outbox SET lease_until_ns = ?"
            + " WHERE event_id = ? AND subscription_id = ?")) {
          for (OutboxEntry e : out) {
            ps.setLong(1, Math.addExact(t, leaseNanos));
            ps.setString(2, e.key().eventId());
            ps.setString(3, e.key().subscriptionId());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        for (OutboxEntry e : out) {
          claims.put(e.key(), Math.addExact(t, leaseNanos));
        }
      }
      return out;
    }));
  }

  @Override
  public Optional<Instant> nextDue() {
    return run("nextDue", () -> db.inTransaction("outbox.nextDue", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT MIN(CASE WHEN lease_until_ns > next_attempt_ns"
          + " THEN lease_until_ns ELSE next_attempt_ns END) FROM stratus_webhook_outbox WHERE state = 'PENDING'");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instants.of(v));
      }
    }));
  }

  private List<OutboxEntry> select(String operation, String where, String value) {
    return run(operation, () -> db.inTransaction("outbox." + operation, c -> {
      List<OutboxEntry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_webhook_outbox WHERE "
          + where + " ORDER BY seq")) {
        ps.setString(1, value);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(decode(rs));
          }
        }
      }
      return out;
    }));
  }

  @Override
  public List<OutboxEntry> entries(String eventId) {
    return select("entries", "event_id = ?", Objects.requireNonNull(eventId, "eventId"));
  }

  @Override
  public List<OutboxEntry> deadLetters() {
    return select("deadLetters", "state = ?", OutboxEntry.State.DEAD.name());
  }

  @Override
  public List<DeliveryAttempt> attempts(DeliveryKey key) {
    Objects.requireNonNull(key, "key");
    return run("attempts", () -> db.inTransaction("outbox.attempts", c -> {
      List<DeliveryAttempt> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT attempt, at_ns, outcome, status_code, detail,"
          + " next_attempt_ns FROM stratus_webhook_attempt WHERE event_id = ? AND subscription_id = ?"
          + " ORDER BY position")) {
        ps.setString(1, key.eventId());
        ps.setString(2, key.subscriptionId());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new DeliveryAttempt(key, rs.getInt(1), Instants.of(rs.getLong(2)),
                DeliveryAttempt.Outcome.valueOf(rs.getString(3)), rs.getInt(4), rs.getString(5),
                Instants.of(rs.getLong(6))));
          }
        }
      }
      return out;
    }));
  }

  /** Marks this view closed; the data source is the host's and stays open. */
  @Override
  public void close() {
    closed = true;
  }
}
