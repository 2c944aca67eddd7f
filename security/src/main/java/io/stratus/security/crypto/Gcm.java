package io.stratus.security.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM with a 96-bit IV and a 128-bit tag, from the JDK. Stateless. */
final class Gcm {
  static final int IV_BYTES = 12;
  static final int TAG_BITS = 128;

  private Gcm() {}

  static byte[] encrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
    return cipher(Cipher.ENCRYPT_MODE, key, iv, aad).doFinal(plaintext);
  }

  /** Decrypts ciphertext followed by its tag; throws if the IV is not 96 bits or authentication fails. */
  static byte[] decrypt(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag) throws GeneralSecurityException {
    return cipher(Cipher.DECRYPT_MODE, key, iv, aad).doFinal(ciphertextAndTag);
  }

  private static Cipher cipher(int mode, byte[] key, byte[] iv, byte[] aad) throws GeneralSecurityException {
    if (iv.length != IV_BYTES) {
      throw new GeneralSecurityException("IV has " + iv.length + " bytes; 12 are required");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
    c.updateAAD(aad);
    return c;
  }
}
