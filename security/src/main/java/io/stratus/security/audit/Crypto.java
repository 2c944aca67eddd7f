package io.stratus.security.audit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA256 from the JDK. Stateless. */
final class Crypto {
  static final int TAG_BYTES = 32;

  private Crypto() {}

  static byte[] sha256(byte[] first, byte[] second) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(first);
      md.update(second);
      return md.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  static byte[] hmacSha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
    }
  }

  /** Constant-time check of a full-length (256-bit) tag; shorter or longer tags never match. */
  static boolean hmacSha256Matches(byte[] key, byte[] message, byte[] tag) {
    return tag.length == TAG_BYTES && MessageDigest.isEqual(hmacSha256(key, message), tag);
  }
}
