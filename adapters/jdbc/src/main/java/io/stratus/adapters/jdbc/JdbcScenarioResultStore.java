package io.stratus.adapters.jdbc;

import io.stratus.simulation.store.ScenarioResultRecord;
import io.stratus.simulation.store.ScenarioResultStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ScenarioResultStore} over {@code stratus_scenario_result}: one row per run id and point holding the record's
 * document form ({@link ScenarioResultRecord#toJson()}). {@link #store} reads the key under a row lock and inserts in
 * one transaction; two hosts storing the same new key at once meet on the primary key, and the loser compares its
 * record with the winner's (equal: not added; different: refused). Thread-safe.
 */
final class JdbcScenarioResultStore implements ScenarioResultStore {
  private static final String UNIQUE_VIOLATION = "23505";

  private final Db db;

  JdbcScenarioResultStore(Db db) {
    this.db = db;
  }

  @Override
  public boolean store(ScenarioResultRecord record) {
    Objects.requireNonNull(record, "record");
    String document = record.toJson();
    try {
      return db.inTransaction("scenarioResultStore.store", c -> {
        Optional<ScenarioResultRecord> stored = read(c, record.runId(), record.point(), true);
        if (stored.isPresent()) {
          return compare(stored.get(), record);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_scenario_result (run_id, point, scenario,"
            + " document) VALUES (?, ?, ?, ?)")) {
          ps.setString(1, record.runId());
          ps.setInt(2, record.point());
          ps.setString(3, record.result().runs().isEmpty() ? null : record.result().runs().get(0).scenario());
          ps.setString(4, document);
          ps.executeUpdate();
        }
        return Boolean.TRUE;
      });
    } catch (JdbcStoreException e) {
      if (!UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw e;
      }
      ScenarioResultRecord winner = load(record.runId(), record.point()).orElseThrow(() -> e);
      return compare(winner, record);
    }
  }

  private static boolean compare(ScenarioResultRecord stored, ScenarioResultRecord record) {
    if (stored.equals(record)) {
      return false;
    }
    throw new IllegalStateException("a different result is already stored for run '" + record.runId() + "' point "
        + record.point() + " (stratus_scenario_result); stored results are immutable, store the new run under a new"
        + " run id");
  }

  private static Optional<ScenarioResultRecord> read(Connection c, String runId, int point, boolean lock)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT document FROM stratus_scenario_result WHERE run_id = ?"
        + " AND point = ?" + (lock ? " FOR UPDATE" : ""))) {
      ps.setString(1, runId);
      ps.setInt(2, point);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(decode(rs.getString(1), runId, point)) : Optional.empty();
      }
    }
  }

  private static ScenarioResultRecord decode(String document, String runId, int point) {
    try {
      return ScenarioResultRecord.fromJson(document);
    } catch (IllegalArgumentException e) {
      throw new JdbcStoreException("scenarioResultStore.read", "stratus_scenario_result row (" + runId + ", " + point
          + ") holds no readable result document: " + e.getMessage());
    }
  }

  @Override
  public Optional<ScenarioResultRecord> load(String runId, int point) {
    Objects.requireNonNull(runId, "runId");
    return db.inTransaction("scenarioResultStore.load", c -> read(c, runId, point, false));
  }

  @Override
  public List<ScenarioResultRecord> list(String runId) {
    Objects.requireNonNull(runId, "runId");
    return db.inTransaction("scenarioResultStore.list", c -> {
      List<ScenarioResultRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT point, document FROM stratus_scenario_result"
          + " WHERE run_id = ? ORDER BY point")) {
        ps.setString(1, runId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(decode(rs.getString(2), runId, rs.getInt(1)));
          }
        }
      }
      return List.copyOf(out);
    });
  }

  @Override
  public List<String> runIds() {
    return db.inTransaction("scenarioResultStore.runIds", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT run_id FROM stratus_scenario_result");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      // sorted here, not by the database's collation, so every database lists in the same (String) order
      out.sort(null);
      return List.copyOf(out);
    });
  }
}
