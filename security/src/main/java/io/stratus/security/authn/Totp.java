package io.stratus.security.authn;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apiguardian.api.API;

/**
 * One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) over the JDK's HMAC-SHA1, -SHA256 or -SHA512, with 6 to 8
 * digits and a time step. Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Totp {

  /** The HMAC behind the codes. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum Algorithm {
    /** HMAC-SHA1, what most authenticator apps support. */
    SHA1("HmacSHA1"),
    /** HMAC-SHA256. */
    SHA256("HmacSHA256"),
    /** HMAC-SHA512. */
    SHA512("HmacSHA512");

    private final String jce;

    Algorithm(String jce) {
      this.jce = jce;
    }
  }

  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private final Algorithm algorithm;
  private final int digits;
  private final Duration step;

  private Totp(Algorithm algorithm, int digits, Duration step) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("digits " + digits + " must be between 6 and 8");
    }
    if (step.isNegative() || step.isZero() || step.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException("step " + step + " must be a positive whole number of seconds");
    }
    this.digits = digits;
    this.step = step;
  }

  /**
   * A TOTP configuration.
   *
   * @param algorithm the HMAC; never null
   * @param digits code length, 6 to 8
   * @param step the time step, whole seconds, positive; never null
   * @return the configuration; never null
   * @throws IllegalArgumentException if digits or step break their rule
   */
  public static Totp of(Algorithm algorithm, int digits, Duration step) {
    return new Totp(algorithm, digits, step);
  }

  /**
   * The common configuration: SHA-1, 6 digits, 30 seconds.
   *
   * @return the configuration; never null
   */
  public static Totp defaults() {
    return new Totp(Algorithm.SHA1, 6, Duration.ofSeconds(30));
  }

  /** @return the HMAC algorithm; never null */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** @return the code length */
  public int digits() {
    return digits;
  }

  /** @return the time step; never null */
  public Duration step() {
    return step;
  }

  /**
   * The time step an instant falls in (RFC 6238 T, with T0 = the Unix epoch).
   *
   * @param at the instant; never null, not before the epoch
   * @return the step counter
   */
  public long counter(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), step.getSeconds());
  }

  /**
   * The TOTP code at an instant.
   *
   * @param key the shared secret; never null
   * @param at the instant; never null
   * @return the zero-padded code; never null
   */
  public String code(byte[] key, Instant at) {
    return hotp(key, counter(at));
  }

  /**
   * The HOTP code for a counter (RFC 4226 section 5.3, dynamic truncation).
   *
   * @param key the shared secret; never null, not empty
   * @param counter the moving factor
   * @return the zero-padded code; never null
   */
  public String hotp(byte[] key, long counter) {
    if (key.length == 0) {
      throw new IllegalArgumentException("key must not be empty");
    }
    byte[] h;
    try {
      Mac mac = Mac.getInstance(algorithm.jce);
      mac.init(new SecretKeySpec(key, algorithm.jce));
      h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide " + algorithm.jce, e);
    }
    int offset = h[h.length - 1] & 0x0f;
    int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
        | (h[offset + 3] & 0xff);
    StringBuilder s = new StringBuilder(Integer.toString(binary % POWERS[digits]));
    while (s.length() < digits) {
      s.insert(0, '0');
    }
    return s.toString();
  }
}
