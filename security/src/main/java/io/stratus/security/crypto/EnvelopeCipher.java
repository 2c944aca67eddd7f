package io.stratus.security.crypto;

import io.stratus.security.spi.KeyManagementProvider;
import io.stratus.security.spi.KeyManagementProvider.WrappedKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Envelope encryption: each message gets a fresh AES-256 data key, the message is encrypted with AES-256-GCM and the
 * data key is wrapped by the current key-encryption key of a {@link KeyManagementProvider}. The envelope is
 * {@code "SEN" 0x01 | key id length (1 byte) | key id (UTF-8) | wrapped key length (2 bytes) | wrapped key | IV (12)
 * | ciphertext and 128-bit tag}. The header and the caller's associated data are both authenticated, so changing
 * any byte, the key id, or the context makes decryption fail. Envelopes under older key ids keep decrypting after a
 * rotation.
 *
 * <p>Thread-safe when its provider is.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class EnvelopeCipher {
  private static final byte[] MAGIC = {'S', 'E', 'N', 1};

  private final KeyManagementProvider keys;
  private final SecureRandom random = new SecureRandom();

  private EnvelopeCipher(KeyManagementProvider keys) {
    this.keys = keys;
  }

  /**
   * An envelope cipher over a key provider.
   *
   * @param keys where key-encryption keys live; never null
   * @return the cipher; never null
   */
  public static EnvelopeCipher of(KeyManagementProvider keys) {
    return new EnvelopeCipher(Objects.requireNonNull(keys, "keys"));
  }

  /**
   * Encrypts a message bound to a context.
   *
   * @param plaintext the message; never null
   * @param associatedData the context (e.g. a record id and table), authenticated but not encrypted; never null
   * @return the envelope; never null
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] dataKey = new byte[32];
    byte[] iv = new byte[Gcm.IV_BYTES];
    random.nextBytes(dataKey);
    random.nextBytes(iv);
    try {
      WrappedKey wrapped = keys.wrap(dataKey, associatedData);
      byte[] header = header(wrapped);
      byte[] ct = Gcm.encrypt(dataKey, iv, concat(header, associatedData), plaintext);
      return ByteBuffer.allocate(header.length + iv.length + ct.length).put(header).put(iv).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Decrypts an envelope made by {@link #encrypt} with the same associated data.
   *
   * @param envelope the envelope; never null
   * @param associatedData the context it was encrypted with; never null
   * @return the plaintext; never null
   * @throws DecryptionException if the envelope is malformed, its key id unknown, or authentication fails
   */
  public byte[] decrypt(byte[] envelope, byte[] associatedData) {
    Objects.requireNonNull(associatedData, "associatedData");
    ByteBuffer in = ByteBuffer.wrap(envelope);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new DecryptionException("envelope does not start with the SEN version 1 header", null);
      }
      byte[] keyId = new byte[Byte.toUnsignedInt(in.get())];
      in.get(keyId);
      byte[] wrapped = new byte[Short.toUnsignedInt(in.getShort())];
      in.get(wrapped);
      int headerLength = in.position();
      byte[] iv = new byte[Gcm.IV_BYTES];
      in.get(iv);
      byte[] ct = new byte[in.remaining()];
      in.get(ct);
      String id = new String(keyId, StandardCharsets.UTF_8);
      byte[] dataKey = keys.unwrap(new WrappedKey(id, wrapped), associatedData);
      try {
        return Gcm.decrypt(dataKey, iv, concat(Arrays.copyOf(envelope, headerLength), associatedData), ct);
      } catch (GeneralSecurityException e) {
        throw new DecryptionException("envelope under key '" + id
            + "' failed authentication (altered, or wrong associated data)", e);
      } finally {
        Arrays.fill(dataKey, (byte) 0);
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new DecryptionException("envelope is truncated (" + envelope.length + " bytes)", e);
    }
  }

  /**
   * Re-encrypts an envelope under the provider's current key-encryption key: decrypts it and encrypts the plaintext
   * again under a fresh data key and IV. (Re-wrapping only the data key is not possible with this format: the header
   * that holds the key id and the wrapped key is authenticated as part of the message's associated data.)
   *
   * @param envelope the envelope; never null
   * @param associatedData the context it was encrypted with, kept for the new envelope; never null
   * @return the new envelope, under {@link KeyManagementProvider#currentKeyId()}; never null
   * @throws DecryptionException if the envelope does not decrypt; nothing is produced then
   */
  public byte[] reEncrypt(byte[] envelope, byte[] associatedData) {
    byte[] plaintext = decrypt(envelope, associatedData);
    try {
      return encrypt(plaintext, associatedData);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * The key id an envelope's data key is wrapped under, e.g. to find envelopes to re-encrypt after a rotation.
   *
   * @param envelope the envelope; never null
   * @return the key id; never null
   * @throws DecryptionException if the header is malformed
   */
  public static String keyIdOf(byte[] envelope) {
    if (envelope.length < MAGIC.length + 1 || !Arrays.equals(Arrays.copyOf(envelope, MAGIC.length), MAGIC)
        || envelope.length < MAGIC.length + 1 + Byte.toUnsignedInt(envelope[MAGIC.length])) {
      throw new DecryptionException("envelope header is malformed or truncated", null);
    }
    return new String(envelope, MAGIC.length + 1, Byte.toUnsignedInt(envelope[MAGIC.length]), StandardCharsets.UTF_8);
  }

  private static byte[] header(WrappedKey wrapped) {
    byte[] id = wrapped.keyId().getBytes(StandardCharsets.UTF_8);
    byte[] w = wrapped.bytes();
    if (id.length > 255 || w.length > 65_535) {
      throw new IllegalStateException("key id (" + id.length + " bytes) or wrapped key (" + w.length
          + " bytes) from provider is too long for the envelope header");
    }
    return ByteBuffer.allocate(MAGIC.length + 1 + id.length + 2 + w.length).put(MAGIC).put((byte) id.length).put(id)
        .putShort((short) w.length).put(w).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
