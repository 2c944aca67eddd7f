package io.stratus.security.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A {@link KeyManagementProvider} whose key-encryption keys Stratus can rotate and list: {@link #rotate()} adds a new
 * version and makes it current, every older version keeps unwrapping, and {@link #keyVersions()} reports the versions
 * with their creation times (the evidence a key rotation scheduler and a compliance report need). Implementations
 * must be thread-safe and must never delete a version on their own.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface RotatableKeyManagementProvider extends KeyManagementProvider {

  /**
   * Creates a new key-encryption key version, makes it current and persists it before returning.
   *
   * @return the new current key id; never null
   * @throws io.stratus.StratusException if the new key cannot be created or persisted; the current key is then
   *     unchanged
   */
  String rotate();

  /**
   * Every key version this provider holds, oldest first; the last one is {@link #currentKeyId()}.
   *
   * @return an immutable snapshot; never null, never empty
   */
  List<KeyVersion> keyVersions();

  /**
   * One version of a key-encryption key and when it was created. Immutable value.
   *
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  final class KeyVersion {
    private final String keyId;
    private final Instant createdAt;

    private KeyVersion(String keyId, Instant createdAt) {
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      this.createdAt = createdAt;
    }

    /**
     * A version with a known creation time.
     *
     * @param keyId the key id; never null
     * @param createdAt when it was created; never null
     * @return the version; never null
     */
    public static KeyVersion of(String keyId, Instant createdAt) {
      return new KeyVersion(keyId, Objects.requireNonNull(createdAt, "createdAt"));
    }

    /**
     * A version whose creation time the provider does not know (e.g. created by an older release).
     *
     * @param keyId the key id; never null
     * @return the version; never null
     */
    public static KeyVersion ofUnknownAge(String keyId) {
      return new KeyVersion(keyId, null);
    }

    /** @return the key id; never null */
    public String keyId() {
      return keyId;
    }

    /** @return when the version was created, or empty if unknown */
    public Optional<Instant> createdAt() {
      return Optional.ofNullable(createdAt);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyVersion v && keyId.equals(v.keyId) && Objects.equals(createdAt, v.createdAt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(keyId, createdAt);
    }

    @Override
    public String toString() {
      return keyId + " (created " + (createdAt == null ? "at an unknown time" : createdAt) + ")";
    }
  }
}
