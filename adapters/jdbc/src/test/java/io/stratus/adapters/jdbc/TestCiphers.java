package io.stratus.adapters.jdbc;

import io.stratus.security.crypto.EnvelopeCipher;
import io.stratus.security.crypto.LocalKeyManagementProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

/** One envelope cipher per test JVM, over a local PKCS#12 key store in a temporary folder (its KDF is slow). */
final class TestCiphers {
  private static EnvelopeCipher cipher;

  private TestCiphers() {}

  static synchronized EnvelopeCipher cipher() {
    if (cipher == null) {
      try {
        Path dir = Files.createTempDirectory("stratus-jdbc-keys");
        dir.toFile().deleteOnExit();
        Path file = dir.resolve("keys.p12");
        file.toFile().deleteOnExit();
        LocalKeyManagementProvider keys = LocalKeyManagementProvider.open(file,
            "test-passphrase-0123".toCharArray(), InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        cipher = EnvelopeCipher.of(keys);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cipher;
  }
}
