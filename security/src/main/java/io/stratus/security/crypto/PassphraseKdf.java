package io.stratus.security.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) turning the key store passphrase into the PKCS#12 password, so that guessing the
 * passphrase of a stolen key store costs {@code memoryKiB} of memory per guess. The parameters and salt live in a
 * properties file beside the key store. Immutable value.
 */
record PassphraseKdf(int memoryKiB, int iterations, int parallelism, byte[] salt) {
  /** RFC 9106 section 4, second recommended option: 64 MiB, 3 passes, 4 lanes. */
  static final PassphraseKdf DEFAULT_COST = new PassphraseKdf(64 * 1024, 3, 4, new byte[16]);
  private static final int TAG_BYTES = 32;

  PassphraseKdf withSalt(byte[] newSalt) {
    return new PassphraseKdf(memoryKiB, iterations, parallelism, newSalt.clone());
  }

  /** The derived PKCS#12 password: Base64 of the 32-byte Argon2id tag of the UTF-8 passphrase. */
  char[] derive(char[] passphrase) {
    ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
    byte[] pw = Arrays.copyOf(utf8.array(), utf8.limit());
    Arrays.fill(utf8.array(), (byte) 0);
    byte[] tag = argon2id(pw, salt, new byte[0], new byte[0], memoryKiB, iterations, parallelism, TAG_BYTES);
    Arrays.fill(pw, (byte) 0);
    char[] out = Base64.getEncoder().withoutPadding().encodeToString(tag).toCharArray();
    Arrays.fill(tag, (byte) 0);
    return out;
  }

  static byte[] argon2id(byte[] password, byte[] salt, byte[] secret, byte[] associated, int memoryKiB,
      int iterations, int parallelism, int tagBytes) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKiB).withIterations(iterations)
        .withParallelism(parallelism).withSalt(salt).withSecret(secret).withAdditional(associated).build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] tag = new byte[tagBytes];
    gen.generateBytes(password, tag);
    return tag;
  }

  /** The parameters file beside a key store: {@code keystore.p12} has {@code keystore.p12.kdf}. */
  static Path fileFor(Path keyStore) {
    return keyStore.resolveSibling(keyStore.getFileName() + ".kdf");
  }

  void save(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("kdf", "argon2id");
    p.setProperty("version", "19");
    p.setProperty("memoryKiB", Integer.toString(memoryKiB));
    p.setProperty("iterations", Integer.toString(iterations));
    p.setProperty("parallelism", Integer.toString(parallelism));
    p.setProperty("salt", Base64.getEncoder().encodeToString(salt));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, "Argon2id parameters of the key store beside this file; do not edit");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a parameters file.
   *
   * @throws KeyProviderException naming the file, the field and the rule if it is malformed
   */
  static PassphraseKdf load(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    if (!"argon2id".equals(p.getProperty("kdf")) || !"19".equals(p.getProperty("version"))) {
      throw new KeyProviderException(file + ": kdf must be 'argon2id' version '19', got '" + p.getProperty("kdf")
          + "' version '" + p.getProperty("version") + "'", null);
    }
    int m = positive(p, "memoryKiB", file, 8);
    int t = positive(p, "iterations", file, 1);
    int par = positive(p, "parallelism", file, 1);
    if (m < 8 * par) {
      throw new KeyProviderException(file + ": memoryKiB " + m + " must be at least 8 × parallelism (" + par + ")",
          null);
    }
    byte[] salt;
    try {
      salt = Base64.getDecoder().decode(p.getProperty("salt", ""));
    } catch (IllegalArgumentException e) {
      throw new KeyProviderException(file + ": salt is not Base64", e);
    }
    if (salt.length < 16) {
      throw new KeyProviderException(file + ": salt has " + salt.length + " bytes; at least 16 are required", null);
    }
    return new PassphraseKdf(m, t, par, salt);
  }

  private static int positive(Properties p, String key, Path file, int min) {
    String v = p.getProperty(key);
    try {
      int n = Integer.parseInt(v == null ? "" : v.trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new KeyProviderException(file + ": " + key + " '" + v + "' must be an integer of at least " + min, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PassphraseKdf k && memoryKiB == k.memoryKiB && iterations == k.iterations
        && parallelism == k.parallelism && Arrays.equals(salt, k.salt);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(salt) + memoryKiB * 7 + iterations * 3 + parallelism;
  }

  @Override
  public String toString() {
    return "PassphraseKdf[argon2id m=" + memoryKiB + "KiB t=" + iterations + " p=" + parallelism + "]";
  }
}
