package io.stratus.adapters.jdbc;

import io.stratus.finops.budget.ApprovalEvent;
import io.stratus.finops.budget.ApprovalRequest;
import io.stratus.finops.budget.ApprovalStore;
import io.stratus.model.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ApprovalStore} over {@code stratus_approval_request} and {@code stratus_approval_event}. {@link #replace} is
 * one transaction that locks the row ({@code SELECT ... FOR UPDATE}), compares the stored request with the expected
 * one and only then writes the successor and bumps {@code version}, so two deciders on two hosts never both move a
 * request. Thread-safe.
 */
final class JdbcApprovalStore implements ApprovalStore {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS = "id, budget_id, request_key, amount, amount_scale, currency, requester, reason,"
      + " created_at_s, created_at_nanos, expires_at_s, expires_at_nanos, state";

  private final Db db;

  JdbcApprovalStore(Db db) {
    this.db = db;
  }

  private String nextval() {
    return db.dialect() == Dialect.POSTGRESQL
        ? "SELECT nextval('stratus_approval_id_seq')"
        : "SELECT NEXT VALUE FOR stratus_approval_id_seq";
  }

  private long next(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(nextval()); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public String nextId() {
    return "apr-" + db.inTransaction("approvalStore.nextId", this::next);
  }

  @Override
  public void insert(ApprovalRequest request) {
    Objects.requireNonNull(request, "request");
    try {
      db.inTransaction("approvalStore.insert", c -> {
        if (load(c, request.id(), false) != null) {
          throw new IllegalArgumentException("approval request id " + request.id() + " is already stored");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_approval_request (seq, " + COLUMNS
            + ", version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
          ps.setLong(1, next(c));
          bindRow(ps, 2, request);
          ps.executeUpdate();
        }
        insertEvents(c, request);
        return Boolean.TRUE;
      });
    } catch (JdbcStoreException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw new IllegalArgumentException("approval request id " + request.id() + " is already stored", e);
      }
      throw e;
    }
  }

  @Override
  public boolean replace(ApprovalRequest expected, ApprovalRequest updated) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(updated, "updated");
    if (!expected.id().equals(updated.id())) {
      throw new IllegalArgumentException("replace needs the same id, got " + expected.id() + " and " + updated.id());
    }
    return db.inTransaction("approvalStore.replace", c -> {
      ApprovalRequest stored = load(c, expected.id(), true);
      if (stored == null) {
        throw new IllegalArgumentException("no approval request " + expected.id() + " is stored");
      }
      if (!stored.equals(expected)) {
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE stratus_approval_request SET budget_id = ?,"
          + " request_key = ?, amount = ?, amount_scale = ?, currency = ?, requester = ?, reason = ?, created_at_s = ?,"
          + " created_at_nanos = ?, expires_at_s = ?, expires_at_nanos = ?, state = ?, version = version + 1"
          + " WHERE id = ?")) {
        bindRow(ps, 0, updated);
        ps.setString(13, updated.id());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM stratus_approval_event WHERE request_id = ?")) {
        ps.setString(1, updated.id());
        ps.executeUpdate();
      }
      insertEvents(c, updated);
      return true;
    });
  }

  /** Binds the columns of {@link #COLUMNS} from {@code first + 1} on; with first 0 the id is left out. */
  private static void bindRow(PreparedStatement ps, int first, ApprovalRequest r) throws SQLException {
    int i = first;
    if (first > 0) {
      ps.setString(i++, r.id());
    } else {
      i = 1;
    }
    ps.setString(i++, r.budgetId());
    ps.setString(i++, r.key());
    ps.setBigDecimal(i++, r.amount().amount());
    ps.setInt(i++, r.amount().amount().scale());
    ps.setString(i++, r.amount().currency().getCurrencyCode());
    ps.setString(i++, r.requester());
    ps.setString(i++, r.reason());
    ps.setLong(i++, r.createdAt().getEpochSecond());
    ps.setInt(i++, r.createdAt().getNano());
    ps.setLong(i++, r.expiresAt().getEpochSecond());
    ps.setInt(i++, r.expiresAt().getNano());
    ps.setString(i, r.state().name());
  }

  private static void insertEvents(Connection c, ApprovalRequest r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_approval_event (request_id, position, at_s,"
        + " at_nanos, actor, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pos = 0;
      for (ApprovalEvent e : r.history()) {
        ps.setString(1, r.id());
        ps.setInt(2, pos++);
        ps.setLong(3, e.at().getEpochSecond());
        ps.setInt(4, e.at().getNano());
        ps.setString(5, e.actor());
        ps.setString(6, e.from() == null ? null : e.from().name());
        ps.setString(7, e.to().name());
        ps.setString(8, e.reason());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static ApprovalRequest.State state(String name) {
    return ApprovalRequest.State.valueOf(name);
  }

  private static @org.jspecify.annotations.Nullable ApprovalRequest load(Connection c, String id, boolean forUpdate)
      throws SQLException {
    Map<String, ApprovalRequest> found = loadWhere(c, " WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""), id);
    return found.get(id);
  }

  private static Map<String, ApprovalRequest> loadWhere(Connection c, String where, String... args)
      throws SQLException {
    Map<String, List<ApprovalEvent>> history = new LinkedHashMap<>();
    Map<String, Object[]> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM stratus_approval_request" + where
        + (where.contains("FOR UPDATE") ? "" : " ORDER BY seq"))) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getString(1), new Object[] {
            rs.getString(2), rs.getString(3),
            new Money(rs.getBigDecimal(4).setScale(rs.getInt(5)), Currency.getInstance(rs.getString(6).trim())),
            rs.getString(7), rs.getString(8),
            Instant.ofEpochSecond(rs.getLong(9), rs.getInt(10)), Instant.ofEpochSecond(rs.getLong(11), rs.getInt(12)),
            state(rs.getString(13))
          });
          history.put(rs.getString(1), new ArrayList<>());
        }
      }
    }
    if (rows.isEmpty()) {
      return Map.of();
    }
    String eventWhere = where.replace(" FOR UPDATE", "").replace("WHERE id", "WHERE request_id");
    try (PreparedStatement ps = c.prepareStatement("SELECT request_id, at_s, at_nanos, actor, from_state, to_state,"
        + " reason FROM stratus_approval_event" + eventWhere + " ORDER BY request_id, position")) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<ApprovalEvent> h = history.get(rs.getString(1));
          if (h != null) {
            String from = rs.getString(5);
            h.add(new ApprovalEvent(Instant.ofEpochSecond(rs.getLong(2), rs.getInt(3)), rs.getString(4),
                from == null ? null : state(from), state(rs.getString(6)), rs.getString(7)));
          }
        }
      }
    }
    Map<String, ApprovalRequest> out = new LinkedHashMap<>();
    rows.forEach((id, v) -> out.put(id, new ApprovalRequest(id, (String) v[0], (String) v[1], (Money) v[2],
        (String) v[3], (String) v[4], (Instant) v[5], (Instant) v[6], (ApprovalRequest.State) v[7], history.get(id))));
    return out;
  }

  @Override
  public Optional<ApprovalRequest> find(String id) {
    Objects.requireNonNull(id, "id");
    return db.inTransaction("approvalStore.find", c -> Optional.ofNullable(load(c, id, false)));
  }

  @Override
  public List<ApprovalRequest> all() {
    return db.inTransaction("approvalStore.all", c -> new ArrayList<>(loadWhere(c, "").values()));
  }
}
