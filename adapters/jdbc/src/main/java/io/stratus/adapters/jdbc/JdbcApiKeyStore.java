package io.stratus.adapters.jdbc;

import io.stratus.security.authn.ApiKeyRecord;
import io.stratus.security.authn.ApiKeyStore;
import io.stratus.security.authz.Permission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ApiKeyStore} over {@code stratus_api_key}. Two hosts may save the same key at once (one recording its last
 * use from a copy read before, the other revoking it), so {@link #save} merges under a row lock instead of letting the
 * last writer win: a revocation, once stored, is never undone by a save of an older copy (the earliest revocation is
 * kept), and the last-used time only moves forward. Everything else is taken from the saved record. Thread-safe.
 */
final class JdbcApiKeyStore implements ApiKeyStore {
  private static final String COLUMNS = "id, principal_id, secret_hash, permissions, created_at_ns, expires_at_ns,"
      + " revoked_at_ns, last_used_at_ns";

  private final Db db;

  JdbcApiKeyStore(Db db) {
    this.db = db;
  }

  @Override
  public String id() {
    return "jdbc";
  }

  @Override
  public void save(ApiKeyRecord record) {
    Objects.requireNonNull(record, "record");
    db.inTransaction("apiKeyStore.save", c -> {
      ApiKeyRecord stored = load(c, record.id(), true);
      ApiKeyRecord merged = stored == null ? record : merge(stored, record);
      if (stored != null) {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM stratus_api_key WHERE id = ?")) {
          del.setString(1, record.id());
          del.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stratus_api_key (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, merged.id());
        ps.setString(2, merged.principalId());
        ps.setString(3, merged.secretHash());
        List<String> perms = new ArrayList<>();
        merged.permissions().stream().map(Permission::toString).sorted().forEach(perms::add);
        ps.setString(4, Codec.encodeList(perms));
        ps.setLong(5, Instants.nanos(merged.createdAt()));
        ps.setLong(6, Instants.nanos(merged.expiresAt()));
        Instants.set(ps, 7, merged.revokedAt());
        Instants.set(ps, 8, merged.lastUsedAt());
        return ps.executeUpdate();
      }
    });
  }

  /** The saved record, except that a stored revocation sticks and the last use never moves back. */
  static ApiKeyRecord merge(ApiKeyRecord stored, ApiKeyRecord saved) {
    Optional<Instant> revoked = stored.revokedAt().isPresent() && saved.revokedAt().isPresent()
        ? Optional.of(min(stored.revokedAt().get(), saved.revokedAt().get()))
        : stored.revokedAt().or(saved::revokedAt);
    Optional<Instant> used = stored.lastUsedAt().isPresent() && saved.lastUsedAt().isPresent()
        ? Optional.of(max(stored.lastUsedAt().get(), saved.lastUsedAt().get()))
        : stored.lastUsedAt().or(saved::lastUsedAt);
    return ApiKeyRecord.of(saved.id(), saved.principalId(), saved.secretHash(), saved.permissions(),
        saved.createdAt(), saved.expiresAt(), revoked.orElse(null), used.orElse(null));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public Optional<ApiKeyRecord> find(String keyId) {
    Objects.requireNonNull(keyId, "keyId");
    return db.inTransaction("apiKeyStore.find", c -> Optional.ofNullable(load(c, keyId, false)));
  }

  @Override
  public List<ApiKeyRecord> findByPrincipal(String principalId) {
    Objects.requireNonNull(principalId, "principalId");
    return db.inTransaction("apiKeyStore.findByPrincipal", c -> {
      List<ApiKeyRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM stratus_api_key WHERE principal_id = ? ORDER BY id")) {
        ps.setString(1, principalId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(decode(rs));
          }
        }
      }
      return List.copyOf(out);
    });
  }

  private static @org.jspecify.annotations.Nullable ApiKeyRecord load(Connection c, String id, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM stratus_api_key WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? decode(rs) : null;
      }
    }
  }

  private static ApiKeyRecord decode(ResultSet rs) throws SQLException {
    Set<Permission> perms = new LinkedHashSet<>();
    for (String p : Codec.decodeList(rs.getString(4), "stratus_api_key.permissions")) {
      perms.add(Permission.parse(p));
    }
    return ApiKeyRecord.of(rs.getString(1), rs.getString(2), rs.getString(3).trim(), perms,
        Instants.of(rs.getLong(5)), Instants.of(rs.getLong(6)), Instants.get(rs, 7).orElse(null),
        Instants.get(rs, 8).orElse(null));
  }
}
