package io.stratus.security.authn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for stored secrets. Stateless. */
final class Hashing {
  private Hashing() {}

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }

  /** Constant-time comparison of a presented secret's hash with a stored hex hash. */
  static boolean matches(String presented, String storedHex) {
    return MessageDigest.isEqual(sha256(presented), HexFormat.of().parseHex(storedHex));
  }
}
