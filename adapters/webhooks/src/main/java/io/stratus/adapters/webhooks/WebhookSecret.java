package io.stratus.adapters.webhooks;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A Standard Webhooks signing secret: 24 to 64 random bytes, written {@code whsec_<base64>}. {@link #toString()}
 * never shows the key.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WebhookSecret {

  /** The prefix of the written form. */
  public static final String PREFIX = "whsec_";
  private static final int MIN_BYTES = 24;
  private static final int MAX_BYTES = 64;

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException("webhook secret must hold " + MIN_BYTES + " to " + MAX_BYTES
          + " bytes (Standard Webhooks), got " + key.length);
    }
    this.key = key.clone();
  }

  /**
   * Parses the written form.
   *
   * @param written {@code whsec_} followed by standard base64; never null
   * @return the secret; never null
   * @throws IllegalArgumentException if the prefix is missing, the base64 is invalid or the length is out of range
   */
  public static WebhookSecret parse(String written) {
    Objects.requireNonNull(written, "secret");
    if (!written.startsWith(PREFIX)) {
      throw new IllegalArgumentException("webhook secret must start with '" + PREFIX + "' (Standard Webhooks)");
    }
    try {
      return new WebhookSecret(Base64.getDecoder().decode(written.substring(PREFIX.length())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("webhook secret: " + e.getMessage(), e);
    }
  }

  /**
   * Wraps raw key bytes.
   *
   * @param key 24 to 64 bytes; never null; copied
   * @return the secret; never null
   * @throws IllegalArgumentException if the length is out of range
   */
  public static WebhookSecret ofBytes(byte[] key) {
    return new WebhookSecret(Objects.requireNonNull(key, "key"));
  }

  /**
   * Generates a fresh 32-byte secret.
   *
   * @param random a strong source of randomness; never null
   * @return the secret; never null
   */
  public static WebhookSecret generate(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return new WebhookSecret(key);
  }

  /**
   * The written form, to hand to the receiver once.
   *
   * @return {@code whsec_<base64>}; never null
   */
  public String reveal() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookSecret && java.security.MessageDigest.isEqual(key, ((WebhookSecret) o).key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "WebhookSecret[" + key.length + " bytes, redacted]";
  }
}
