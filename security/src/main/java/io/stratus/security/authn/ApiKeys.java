package io.stratus.security.authn;

import io.stratus.security.authz.Permission;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Issues and checks API keys for services. A key reads {@code strk_<16 hex id>_<43 base64url chars>}: the prefix
 * identifies it (for secret scanners), the id finds its record, and the 256-bit secret from {@link SecureRandom} is
 * kept only as a SHA-256 hash and compared in constant time. Keys are scoped to permissions, expire, can be rotated
 * with an overlap during which old and new both work, and revoked; each success records the last-use time.
 *
 * <p>Thread-safe when its store is (the default one is). Time comes from the injected clock.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ApiKeys {
  /** The prefix of every key. */
  public static final String PREFIX = "strk_";
  private static final Pattern FORMAT = Pattern.compile("strk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");

  private final ApiKeyStore store;
  private final InstantSource clock;
  private final SecureRandom random;

  private ApiKeys(ApiKeyStore store, InstantSource clock, SecureRandom random) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Key management over a store, with a fresh {@link SecureRandom}.
   *
   * @param store where records are kept; never null
   * @param clock the time source; never null
   * @return the service; never null
   */
  public static ApiKeys create(ApiKeyStore store, InstantSource clock) {
    return new ApiKeys(store, clock, new SecureRandom());
  }

  /**
   * Issues a key for a principal.
   *
   * @param principalId the owner; never null
   * @param permissions the permission patterns the key is limited to; never null, not empty
   * @param validity how long it works; positive
   * @return the token (show it once) and the stored record; never null
   * @throws IllegalArgumentException if permissions are empty or validity is not positive
   */
  public IssuedApiKey issue(String principalId, Set<Permission> permissions, Duration validity) {
    Objects.requireNonNull(principalId, "principalId");
    if (permissions.isEmpty()) {
      throw new IllegalArgumentException("permissions of a key for " + principalId + " must not be empty");
    }
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity " + validity + " must be positive");
    }
    byte[] idBytes = new byte[8];
    byte[] secret = new byte[32];
    String id;
    do {
      random.nextBytes(idBytes);
      id = HexFormat.of().formatHex(idBytes);
    } while (store.find(id).isPresent());
    random.nextBytes(secret);
    String token = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    ApiKeyRecord record = ApiKeyRecord.of(id, principalId, Hashing.sha256Hex(token), permissions, now,
        now.plus(validity), null, null);
    store.save(record);
    return new IssuedApiKey(token, record);
  }

  /**
   * Checks a presented key and records its use.
   *
   * @param token the presented key; never null
   * @return the key's record, with the new last-use time; never null
   * @throws AuthenticationException if the key is malformed, unknown, wrong, expired or revoked; the message never
   *     contains the secret
   */
  public ApiKeyRecord authenticate(String token) {
    Objects.requireNonNull(token, "token");
    Matcher m = FORMAT.matcher(token);
    if (!m.matches()) {
      throw new AuthenticationException(AuthenticationException.Reason.MALFORMED,
          "API key is malformed: must be strk_ + 16 hex digits + _ + 43 base64url characters (length "
              + token.length() + ")");
    }
    String id = m.group(1);
    ApiKeyRecord record = store.find(id).orElseThrow(() -> new AuthenticationException(
        AuthenticationException.Reason.UNKNOWN, "API key " + id + " is unknown"));
    if (!Hashing.matches(token, record.secretHash())) {
      throw new AuthenticationException(AuthenticationException.Reason.WRONG_SECRET,
          "API key " + id + " has a wrong secret");
    }
    Instant now = clock.instant();
    if (record.revokedAt().isPresent() && !now.isBefore(record.revokedAt().get())) {
      throw new AuthenticationException(AuthenticationException.Reason.REVOKED,
          "API key " + id + " was revoked at " + record.revokedAt().get());
    }
    if (!now.isBefore(record.expiresAt())) {
      throw new AuthenticationException(AuthenticationException.Reason.EXPIRED,
          "API key " + id + " expired at " + record.expiresAt());
    }
    ApiKeyRecord used = record.withLastUsedAt(now);
    store.save(used);
    return used;
  }

  /**
   * Rotates a key: issues a new one with the same owner, permissions and validity length, and lets the old one work
   * only for the overlap (or until its own expiry, if sooner).
   *
   * @param keyId the key to rotate; never null
   * @param overlap how long the old key keeps working; zero or positive
   * @return the new key; never null
   * @throws IllegalArgumentException if the key is unknown or revoked, or the overlap is negative
   */
  public IssuedApiKey rotate(String keyId, Duration overlap) {
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("overlap " + overlap + " must not be negative");
    }
    ApiKeyRecord old = existing(keyId);
    if (old.revokedAt().isPresent()) {
      throw new IllegalArgumentException("API key " + keyId + " is revoked and cannot be rotated");
    }
    IssuedApiKey fresh = issue(old.principalId(), old.permissions(),
        Duration.between(old.createdAt(), old.expiresAt()));
    Instant end = clock.instant().plus(overlap);
    if (end.isBefore(old.expiresAt())) {
      store.save(old.withExpiresAt(end.isAfter(old.createdAt()) ? end : old.createdAt().plusNanos(1)));
    }
    return fresh;
  }

  /**
   * Revokes a key at once. Revoking again keeps the first revocation time.
   *
   * @param keyId the key to revoke; never null
   * @return the revoked record; never null
   * @throws IllegalArgumentException if the key is unknown
   */
  public ApiKeyRecord revoke(String keyId) {
    ApiKeyRecord old = existing(keyId);
    if (old.revokedAt().isPresent()) {
      return old;
    }
    ApiKeyRecord revoked = old.withRevokedAt(clock.instant());
    store.save(revoked);
    return revoked;
  }

  private ApiKeyRecord existing(String keyId) {
    return store.find(Objects.requireNonNull(keyId, "keyId"))
        .orElseThrow(() -> new IllegalArgumentException("API key id '" + keyId + "' is unknown"));
  }
}
