package io.stratus.security.spi;

import org.apiguardian.api.API;

/**
 * Holds key-encryption keys (KEKs) and wraps and unwraps data keys with them; the keys never leave the provider.
 * Key ids are versioned: after a rotation new data keys are wrapped under the new id while every older id still
 * unwraps. The embedded default is {@code io.stratus.security.crypto.LocalKeyManagementProvider}. Implementations
 * must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface KeyManagementProvider {

  /**
   * A unique id for this provider, e.g. {@code local}.
   *
   * @return the id; never null
   */
  String id();

  /**
   * The id of the KEK new data keys are wrapped with.
   *
   * @return the current key id, at most 255 UTF-8 bytes; never null
   */
  String currentKeyId();

  /**
   * Wraps a data key under the current KEK.
   *
   * @param dataKey the data key; never null
   * @param context associated data the wrapped key is bound to; never null
   * @return the wrapped key, under {@link #currentKeyId()} at the time of the call; never null
   */
  WrappedKey wrap(byte[] dataKey, byte[] context);

  /**
   * Unwraps a data key.
   *
   * @param wrapped the wrapped key with its key id; never null
   * @param context the associated data it was wrapped with; never null
   * @return the data key; never null
   * @throws io.stratus.security.crypto.DecryptionException if the key id is unknown or unwrapping fails
   */
  byte[] unwrap(WrappedKey wrapped, byte[] context);

  /**
   * A data key wrapped by a KEK. Immutable; the arrays are copied.
   *
   * @param keyId the KEK's id; never null
   * @param bytes the wrapped key; never null
   * @since 0.1
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  record WrappedKey(String keyId, byte[] bytes) {
    /**
     * Copies the bytes.
     *
     * @throws NullPointerException if a component is null
     */
    public WrappedKey {
      java.util.Objects.requireNonNull(keyId, "keyId");
      bytes = bytes.clone();
    }

    /** @return a copy of the wrapped key bytes; never null */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }
}
