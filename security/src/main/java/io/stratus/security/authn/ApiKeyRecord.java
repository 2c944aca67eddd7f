package io.stratus.security.authn;

import io.stratus.security.authz.Permission;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What is stored about an API key: its public id, the owning principal, the SHA-256 hash of its secret (never the
 * secret), the permissions it is scoped to, its validity and its last use. Immutable value; the {@code with…}
 * methods return changed copies.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ApiKeyRecord {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final String id;
  private final String principalId;
  private final String secretHash;
  private final Set<Permission> permissions;
  private final Instant createdAt;
  private final Instant expiresAt;
  private final Instant revokedAt;
  private final Instant lastUsedAt;

  private ApiKeyRecord(String id, String principalId, String secretHash, Set<Permission> permissions,
      Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    this.id = id;
    this.principalId = principalId;
    this.secretHash = secretHash;
    this.permissions = permissions;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
    this.revokedAt = revokedAt;
    this.lastUsedAt = lastUsedAt;
  }

  /**
   * Rebuilds a record, e.g. when a store reads it back.
   *
   * @param id the key id, 16 lower-case hex digits; never null
   * @param principalId the owning principal; never null
   * @param secretHash SHA-256 of the secret, 64 lower-case hex digits; never null
   * @param permissions the permissions the key is limited to; never null
   * @param createdAt when it was issued; never null
   * @param expiresAt when it stops working; never null, after {@code createdAt}
   * @param revokedAt when it was revoked, or null
   * @param lastUsedAt when it last authenticated, or null
   * @return the record; never null
   * @throws IllegalArgumentException naming the field, value and rule if a value is malformed
   */
  public static ApiKeyRecord of(String id, String principalId, String secretHash, Set<Permission> permissions,
      Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    if (!ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
      throw new IllegalArgumentException("id '" + id + "' must be 16 lower-case hex digits");
    }
    if (!HASH.matcher(Objects.requireNonNull(secretHash, "secretHash")).matches()) {
      throw new IllegalArgumentException("secretHash of key " + id + " must be 64 lower-case hex digits");
    }
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(createdAt, "createdAt");
    if (!Objects.requireNonNull(expiresAt, "expiresAt").isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt " + expiresAt + " of key " + id + " must be after createdAt "
          + createdAt);
    }
    return new ApiKeyRecord(id, principalId, secretHash, Set.copyOf(permissions), createdAt, expiresAt, revokedAt,
        lastUsedAt);
  }

  /** @return the public key id (the part after {@code strk_}); never null */
  public String id() {
    return id;
  }

  /** @return the owning principal's id; never null */
  public String principalId() {
    return principalId;
  }

  /** @return SHA-256 of the secret as lower-case hex; never null */
  public String secretHash() {
    return secretHash;
  }

  /** @return the permission patterns this key is limited to; immutable, never null */
  public Set<Permission> permissions() {
    return permissions;
  }

  /** @return when the key was issued; never null */
  public Instant createdAt() {
    return createdAt;
  }

  /** @return when the key stops authenticating; never null */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** @return when the key was revoked, or empty */
  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  /** @return when the key last authenticated successfully, or empty */
  public Optional<Instant> lastUsedAt() {
    return Optional.ofNullable(lastUsedAt);
  }

  /**
   * Whether the key's scope covers a requested permission.
   *
   * @param requested the concrete permission; never null
   * @return true if one of its permission patterns implies it
   */
  public boolean permits(Permission requested) {
    return permissions.stream().anyMatch(p -> p.implies(requested));
  }

  ApiKeyRecord withExpiresAt(Instant at) {
    return new ApiKeyRecord(id, principalId, secretHash, permissions, createdAt, at, revokedAt, lastUsedAt);
  }

  ApiKeyRecord withRevokedAt(Instant at) {
    return new ApiKeyRecord(id, principalId, secretHash, permissions, createdAt, expiresAt, at, lastUsedAt);
  }

  ApiKeyRecord withLastUsedAt(Instant at) {
    return new ApiKeyRecord(id, principalId, secretHash, permissions, createdAt, expiresAt, revokedAt, at);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKeyRecord r && id.equals(r.id) && principalId.equals(r.principalId)
        && secretHash.equals(r.secretHash) && permissions.equals(r.permissions) && createdAt.equals(r.createdAt)
        && expiresAt.equals(r.expiresAt) && Objects.equals(revokedAt, r.revokedAt)
        && Objects.equals(lastUsedAt, r.lastUsedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, secretHash);
  }

  @Override
  public String toString() {
    return "ApiKeyRecord[id=" + id + ", principal=" + principalId + ", permissions=" + permissions + ", expiresAt="
        + expiresAt + (revokedAt != null ? ", revokedAt=" + revokedAt : "") + "]";
  }
}
