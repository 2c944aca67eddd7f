package io.stratus.security.authn;

import java.io.ByteArrayOutputStream;

/**
 * RFC 4648 Base32 (upper-case alphabet, no padding), the encoding of TOTP secrets in provisioning URIs. Written here
 * rather than taken from Guava so that the module keeps no third-party dependency that conflicts with the SDK's own
 * (Guava's annotations do not converge with Caffeine's). Stateless.
 */
final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  static String encode(byte[] data) {
    StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * Decodes unpadded upper-case Base32.
   *
   * @throws IllegalArgumentException naming the position of a character outside the alphabet
   */
  static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < text.length(); i++) {
      int v = ALPHABET.indexOf(text.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("Base32 text has '" + text.charAt(i) + "' at position " + i
            + ", outside A-Z and 2-7");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >>> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
